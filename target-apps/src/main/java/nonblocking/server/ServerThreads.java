package nonblocking.server;

import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the threads of each model, as {@link ThreadModel} says. All start from a {@link QueuedThreadPool}, which
 * always runs Jetty's acceptor and selector loops (each holds a thread for good). What differs is who runs the
 * request handlers:
 * <ul>
 *   <li>blocking: the same pool, sized {@code threads + acceptors + selectors}, so that {@code --threads 200} really
 *       means 200 requests served at once (Jetty's default maxThreads=200 would leave ~198 for requests).</li>
 *   <li>virtual: Jetty's recommended setup, a small pool for acceptors, selectors and Jetty's non-blocking tasks,
 *       plus a {@code VirtualThreadPool} as its virtual-threads executor, which Jetty uses for every blocking task,
 *       i.e. our handler. It caps concurrent tasks at 200 by default; {@code --max-virtual-threads} sets the cap
 *       (unbounded by default), a low one being the "cripple" knob that shows a load gate can fail.</li>
 *   <li>async: the same small pool and no virtual threads: the handler returns at once and Jetty's scheduler
 *       finishes the response after the pause, so a handful of threads serve any number of requests.</li>
 * </ul>
 * Reserved threads are off in all: they would hold extra idle threads and make the blocking pool size fuzzy.
 * The optional census port ({@code --census-port}) has a tiny pool of its own: see {@link #newCensusPool}.
 */
final class ServerThreads {
    /** Threads on top of acceptors and selectors in the other models: Jetty's non-blocking work, async handlers. */
    static final int SPARE_THREADS = 8;

    /** The census connector: one acceptor, one selector... */
    static final int CENSUS_ACCEPTORS = 1;
    static final int CENSUS_SELECTORS = 1;
    /** ...and this many threads for census requests (the ladder sends one at a time). */
    static final int CENSUS_WORKERS = 2;
    static final int CENSUS_THREADS = CENSUS_ACCEPTORS + CENSUS_SELECTORS + CENSUS_WORKERS;
    /** Thread-name prefix of the census pool, e.g. "census-42". */
    static final String CENSUS_POOL_NAME = "census";

    private ServerThreads() {
    }

    /**
     * The census connector's own executor: a fixed set of platform threads, the same in every model, so they add a
     * constant to {@code platform_threads_*} and no noise. No virtual-threads executor: the census must not wait
     * for the load's pool, nor look like load in the virtual model.
     */
    static QueuedThreadPool newCensusPool() {
        QueuedThreadPool pool = new QueuedThreadPool(CENSUS_THREADS, CENSUS_THREADS);
        pool.setName(CENSUS_POOL_NAME);
        pool.setReservedThreads(0);
        return pool;
    }

    /** The pool to hand to {@code new Server(pool)}, with what the model adds to it; sized later by {@link #size}. */
    static QueuedThreadPool newPool(TargetConfig config) {
        QueuedThreadPool pool = new QueuedThreadPool();
        pool.setName("jetty-" + config.model().label());
        pool.setReservedThreads(0);
        config.model().equip(pool, config);
        return pool;
    }

    /**
     * Sizes the pool now that the connector knows its acceptor and selector counts: those, plus the request threads
     * of a pooled model or a few spare ones. Returns the pool settings as one token for the start-up line.
     */
    static String size(QueuedThreadPool pool, ServerConnector connector, TargetConfig config) {
        int acceptors = connector.getAcceptors();
        int selectors = connector.getSelectorManager().getSelectorCount();
        int max = acceptors + selectors + (config.model().pooled() ? config.threads() : SPARE_THREADS);
        pool.setMaxThreads(max);
        pool.setMinThreads(Math.min(pool.getMinThreads(), max));
        return config.model().describe(config, "max=" + max + ",acceptors=" + acceptors + ",selectors=" + selectors
                + ",reserved=0");
    }
}
