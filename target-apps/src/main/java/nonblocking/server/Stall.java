package nonblocking.server;

/**
 * A freeze on demand ({@code POST /threads/stall?ms=<n>}): for the next n ms every seed request that has done its
 * wait is answered only when the freeze ends, as a service that stops (a GC pause, a lock, a failover) answers.
 * It shows what each load model sees of a stall: closed users stop sending while it lasts, an open arrival rate
 * does not.
 */
final class Stall {
    /** Wall-clock end of the freeze, epoch ms; 0 for none. */
    private volatile long untilMs;

    /** Freezes the answers for {@code ms} from now (or longer, if a freeze already lasts longer). */
    synchronized long freeze(long ms) {
        untilMs = Math.max(untilMs, System.currentTimeMillis() + ms);
        return untilMs;
    }

    /** What is left of the freeze, ms: a request that has done its wait waits this much longer. */
    long remaining() {
        return Math.max(0, untilMs - System.currentTimeMillis());
    }
}
