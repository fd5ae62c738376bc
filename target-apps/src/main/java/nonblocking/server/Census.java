package nonblocking.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the seed requests ({@code GET /}) in flight. ThreadMXBean sees only platform threads, so in the
 * virtual model it cannot tell how many requests are being served: this can, in both models alike.
 */
public final class Census {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightPeak = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();

    /** A request entered the handler. */
    public void enter() {
        int now = inFlight.incrementAndGet();
        inFlightPeak.accumulateAndGet(now, Math::max);
    }

    /** A request left the handler; {@code completed} if its whole body was written. */
    public void exit(boolean completed) {
        inFlight.decrementAndGet();
        if (completed) {
            served.incrementAndGet();
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int inFlightPeak() {
        return inFlightPeak.get();
    }

    public long served() {
        return served.get();
    }

    /** Starts a new measurement window: the peak becomes what is in flight now. */
    public void resetPeak() {
        inFlightPeak.set(inFlight.get());
    }
}
