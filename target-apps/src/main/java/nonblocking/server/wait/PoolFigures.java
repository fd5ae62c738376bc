package nonblocking.server.wait;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The db wait's own figures, counted the same way for both drivers, so that the thread-holding models and the async
 * one are measured alike: time from asking for a connection until it is handed over (or refused), time in the query,
 * and how many requests wait for a connection or hold one now.
 */
final class PoolFigures {
    private final int size;
    private final LongAdder connectionNanos = new LongAdder();
    private final LongAdder queryNanos = new LongAdder();
    private final LongAdder queries = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong active = new AtomicLong();

    /** @param size the pool's maximum */
    PoolFigures(int size) {
        this.size = size;
    }

    /** A request asks for a connection: returns when it asked. */
    long asking() {
        waiting.incrementAndGet();
        return System.nanoTime();
    }

    /** It got one: returns when its query starts. */
    long handedOver(long asked) {
        long now = System.nanoTime();
        connectionNanos.add(now - asked);
        waiting.decrementAndGet();
        active.incrementAndGet();
        return now;
    }

    /** It got none (timeout, or the database failed): returns how long it waited, which counts too. */
    long notHandedOver(long asked) {
        long waited = System.nanoTime() - asked;
        connectionNanos.add(waited);
        waiting.decrementAndGet();
        failures.increment();
        return waited;
    }

    /** Its query ended and the connection went back to the pool. */
    void queried(long started, boolean answered) {
        queryNanos.add(System.nanoTime() - started);
        queries.increment();
        active.decrementAndGet();
        if (!answered) {
            failures.increment();
        }
    }

    /** @param open connections open now, active or idle, as the pool says */
    Figures figures(int open) {
        long inUse = active.get();
        return new Figures(
                Map.of("connection_ns", connectionNanos.sum(), "query_ns", queryNanos.sum(),
                        "queries", queries.sum(), "failures", failures.sum()),
                Map.of("pool_active", inUse, "pool_idle", Math.max(0, open - inUse), "pool_waiting", waiting.get(),
                        "pool_size", (long) size));
    }
}
