package nonblocking.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * {@code ?work=<µs>}: burns about that much CPU in the handler's thread, a stand-in for real work per request.
 *
 * <p>Calibrated once per JVM, at start-up: a xorshift loop (each step depends on the one before, so the JIT can
 * neither skip nor vectorize it, and its result goes to a volatile field, so it cannot drop it) first runs long
 * enough to be compiled, then five rounds of a fixed number of iterations are timed on this thread's CPU clock
 * (not the wall clock, so that a busy machine preempting the calibration does not inflate the work). The fastest
 * round gives iterations per microsecond; a request then runs {@code µs × that} iterations.
 */
final class Work {
    private static final long WARM_UP_ITERATIONS = 20_000_000;
    private static final long ROUND_ITERATIONS = 5_000_000;
    private static final int ROUNDS = 5;

    /** Where results go, so the JIT must compute them. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    /** Measured when the class is first used, about 100 ms. */
    private static final Work CALIBRATED = new Work(measure());

    private final double iterationsPerMicro;

    private Work(double iterationsPerMicro) {
        this.iterationsPerMicro = iterationsPerMicro;
    }

    static Work calibrated() {
        return CALIBRATED;
    }

    /** Burns about {@code micros} of CPU time on the calling thread. */
    void burn(long micros) {
        if (micros > 0) {
            sink = spin(Math.round(micros * iterationsPerMicro), System.nanoTime() | 1);
        }
    }

    /** For the ready line, e.g. "412iter/us". */
    String label() {
        return String.format(Locale.ROOT, "%.0fiter/us", iterationsPerMicro);
    }

    private static long spin(long iterations, long seed) {
        long x = seed;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    private static double measure() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuClock = threads.isCurrentThreadCpuTimeSupported();
        sink = spin(WARM_UP_ITERATIONS, 1);
        double best = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            sink = spin(ROUND_ITERATIONS, round + 1);
            long nanos = (cpuClock ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - start;
            best = Math.max(best, ROUND_ITERATIONS * 1000.0 / Math.max(1, nanos));
        }
        return best;
    }
}
