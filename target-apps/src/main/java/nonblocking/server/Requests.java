package nonblocking.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the seed requests ({@code GET /}): in flight, the peak, served, abandoned, failed, and their time in the
 * handler. ThreadMXBean sees only
 * platform threads, so in the virtual and async models it cannot tell how many requests are being served: this
 * can, in every model alike.
 */
public final class Requests {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger inFlightPeak = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong handlerNanos = new AtomicLong();
    private volatile String lastFailure;

    public void enter() {
        inFlightPeak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    }

    /** Answered in full; it spent {@code nanos} in the handler. */
    public void served(long nanos) {
        end(nanos);
        served.incrementAndGet();
    }

    /** A request ended without its whole response: its client left (or the server stopped under it). */
    public void abandoned(long nanos) {
        end(nanos);
        abandoned.incrementAndGet();
    }

    /** What it waited on failed ({@code reason}, one line), and it was answered with an error status. */
    public void failed(long nanos, String reason) {
        end(nanos);
        failed.incrementAndGet();
        lastFailure = reason;
    }

    private void end(long nanos) {
        inFlight.decrementAndGet();
        handlerNanos.addAndGet(nanos);
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

    public long failedCount() {
        return failed.get();
    }

    /** Why the latest failed request failed, in one line; null while none has. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Time every ended request spent from entering the handler to its end, summed, ns. */
    public long handlerNanos() {
        return handlerNanos.get();
    }

    /** Starts a new measurement window: the peak becomes what is in flight now. */
    public void resetPeak() {
        inFlightPeak.set(inFlight.get());
    }
}
