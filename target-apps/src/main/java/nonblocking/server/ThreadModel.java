package nonblocking.server;

import nonblocking.server.wait.Wait;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

import java.util.Locale;

/**
 * How the server runs request handlers: the one thing the load test compares, all in this one place. Every model
 * starts from a {@link QueuedThreadPool} (see {@link ServerThreads}); a model says who runs the handlers on top of
 * it, which handler answers the seed request, and which of the settings {@code --threads} and
 * {@code --max-virtual-threads} it takes. A new model is a new constant here (and, to run it by name in the ladder,
 * one line of the ladder's built-in targets, {@code TargetProperties.BUILT_IN} in simulations).
 */
public enum ThreadModel {
    /** Jetty's classic setup: a bounded pool of platform threads; each request holds one for its whole wait. */
    BLOCKING("qtp", true, false, ThreadedHello::new),
    /**
     * The seed's middle step, the app made cooperative on a server that is not (greenlets inside wsgiref): each
     * request's wait runs on a virtual thread of its own, but the handler runs on the blocking pool and waits for it,
     * so each request still holds a platform thread.
     */
    HYBRID("qtp", true, false, ThreadedHello::offloaded),
    /** Each request gets its own virtual thread; a sleeping request releases its carrier. */
    VIRTUAL("virtual", false, true, ThreadedHello::new) {
        @Override
        void equip(QueuedThreadPool pool, TargetConfig config) {
            VirtualThreadPool virtual = new VirtualThreadPool();
            // Names appear in thread dumps ("handler-vt-<n>"), which helps when counting them.
            virtual.setName("handler-vt");
            // The one place "unbounded" (null) becomes Jetty's form: 0 means no cap (no semaphore at all).
            virtual.setMaxConcurrentTasks(config.maxVirtualThreads() == null ? 0 : config.maxVirtualThreads());
            pool.setVirtualThreadsExecutor(virtual);
            // QueuedThreadPool does not manage it, and a stopped VirtualThreadPool rejects tasks.
            pool.addManaged(virtual);
        }
    },
    /** Callbacks: the handler returns at once and the wait's own callback writes "World"; no thread is held. */
    ASYNC("async", false, false, AsyncHello::new);

    /** Makes the model's {@link Hello} handler: a constructor reference per constant. */
    @FunctionalInterface
    interface HelloFactory {
        Hello of(TargetConfig config, Requests requests, Work work, Stall stall, Wait wait);
    }

    // Computed once: the hello handlers send it in a header on every request.
    private final String label = name().toLowerCase(Locale.ROOT);
    private final String poolName; // how the start-up line names its pool
    private final boolean pooled;
    private final boolean capped;
    private final HelloFactory hello;

    ThreadModel(String poolName, boolean pooled, boolean capped, HelloFactory hello) {
        this.poolName = poolName;
        this.pooled = pooled;
        this.capped = capped;
        this.hello = hello;
    }

    /** True when {@code --threads} applies: the pool's own platform threads run the handlers. */
    public boolean pooled() {
        return pooled;
    }

    /** True when {@code --max-virtual-threads} applies: handlers run on virtual threads it may cap. */
    public boolean capped() {
        return capped;
    }

    /** Adds what the model runs its handlers on to the server's pool; nothing by default (the pool itself). */
    void equip(QueuedThreadPool pool, TargetConfig config) {
    }

    Handler hello(TargetConfig config, Requests requests, Work work, Stall stall, Wait wait) {
        return hello.of(config, requests, work, stall, wait);
    }

    /**
     * The pool settings as one token for the start-up line, e.g. {@code qtp(threads=200,max=202,...)} or
     * {@code virtual(max-virtual-threads=unbounded,qtp-max=10,...)}; {@code threads} is the pool's own figures.
     */
    String describe(TargetConfig config, String threads) {
        String cap = config.maxVirtualThreads() == null ? "unbounded" : config.maxVirtualThreads().toString();
        return poolName + "(" + (pooled ? "threads=" + config.threads() + "," : "")
                + (capped ? "max-virtual-threads=" + cap + "," : "") + (pooled ? "" : "qtp-") + threads + ")";
    }

    /** The lower-case name used on the command line, in headers, JSON and the start-up line. */
    public String label() {
        return label;
    }

    /** The label: picocli lists and matches (case-insensitively) these in flags and errors. */
    @Override
    public String toString() {
        return label();
    }
}
