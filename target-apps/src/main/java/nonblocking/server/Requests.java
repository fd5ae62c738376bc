package nonblocking.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the seed requests ({@code GET /}): in flight, the peak, served, abandoned. ThreadMXBean sees only
 * platform threads, so in the virtual and async models it cannot tell how many requests are being served: this
 * can, in every model alike.
 */
public final class Requests {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightPeak = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();

    public void enter() {
        inFlightPeak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    public void served() {
        inFlight.decrementAndGet();
        served.incrementAndGet();
    }

    /** A request ended without its whole response: its client left (or the server stopped under it). */
    public void abandoned() {
        inFlight.decrementAndGet();
        abandoned.incrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int inFlightPeak() {
        return inFlightPeak.get();
    }

    public long servedCount() {
        return served.get();
    }

    public long abandonedCount() {
        return abandoned.get();
    }

    /** Starts a new measurement window: the peak becomes what is in flight now. */
    public void resetPeak() {
        inFlightPeak.set(inFlight.get());
    }
}
