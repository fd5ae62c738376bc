package nonblocking.targets;

/**
 * When the warm-up before a target's first level may end: once the load generator's CPU per request has stopped
 * falling, i.e. its JIT has settled, so that the first measured level is measured like the others (a first level
 * run on a cold injector broke at 800 users, p99 214 ms at 1.0 core, where 1,600 users then held at 0.79 cores).
 * It compares windows of at least a second and of {@value #MIN_REQUESTS} requests: one that costs no less than
 * {@value #SETTLED} of the one before has settled.
 */
final class WarmUp {

    static final long WINDOW_NANOS = 1_000_000_000L;
    /** Fewer requests than this in a window say too little of their CPU: the window goes on. */
    static final int MIN_REQUESTS = 25;
    /** A window whose CPU per request is at least this share of the one before: it stopped falling. */
    static final double SETTLED = 0.9;

    private long windowStart = -1;
    private long windowCpu;
    private long windowFinished;
    private double previous = Double.NaN;
    private double last = Double.NaN;
    private boolean blind;

    /** One reading: the injector's CPU time so far and the requests finished so far, at {@code nowNanos}. */
    void sample(long nowNanos, long injectorCpuNs, long finished) {
        if (injectorCpuNs < 0) {
            blind = true;   // this JVM cannot say its CPU time: the warm-up keeps its planned length
            return;
        }
        if (windowStart < 0) {
            windowStart = nowNanos;
            windowCpu = injectorCpuNs;
            windowFinished = finished;
            return;
        }
        long requests = finished - windowFinished;
        if (nowNanos - windowStart >= WINDOW_NANOS && requests >= MIN_REQUESTS) {
            previous = last;
            last = (double) (injectorCpuNs - windowCpu) / requests;
            windowStart = nowNanos;
            windowCpu = injectorCpuNs;
            windowFinished = finished;
        }
    }

    /**
     * True once two windows were measured and the last one cost no less than {@value #SETTLED} of the one before; true
     * at once when the CPU time cannot be read (nothing to wait for).
     */
    boolean settled() {
        return blind || !Double.isNaN(previous) && last >= SETTLED * previous;
    }
}
