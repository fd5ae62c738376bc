package nonblocking.server;

import java.util.Objects;
import nonblocking.server.wait.WaitSpec;

/**
 * Everything a target server needs to start. {@link TargetApp} builds one from flags and environment variables;
 * tests build one with their own builder.
 *
 * @param port              0 for any free port
 * @param threads           blocking model: threads that serve requests (acceptors and selectors come on top)
 * @param maxVirtualThreads virtual model: requests handled at once; null for no cap
 * @param stopTimeoutMs     how long a graceful stop waits for requests in flight
 * @param headerCacheSize   Jetty's per-connection request-header cache, in characters (0 = none)
 * @param censusPort        the port of the census and the control endpoints, on its own small thread pool; 0 for any
 *                          free port, null for none (no census at all: the main port serves the app and /health only)
 * @param censusHost        the interface of the census port: loopback unless told otherwise, since its endpoints can
 *                          freeze the server and clear its figures
 * @param waitSpec          what each request waits on between "Hello" and "World"
 */
public record TargetConfig(
        ThreadModel model,
        String host,
        int port,
        int threads,
        Integer maxVirtualThreads,
        long pauseMs,
        long idleTimeoutMs,
        long stopTimeoutMs,
        int headerCacheSize,
        Integer censusPort,
        String censusHost,
        WaitSpec waitSpec) {

    /** Jetty's own default QueuedThreadPool size: the blocking model's baseline. */
    public static final int DEFAULT_THREADS = 200;
    public static final long DEFAULT_PAUSE_MS = 1000;
    /** The census port's interface unless told otherwise. */
    public static final String DEFAULT_CENSUS_HOST = "127.0.0.1";
    /** Jetty's default idle timeout. */
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 30_000;
    public static final long DEFAULT_STOP_TIMEOUT_MS = 5_000;
    /** Off, for all models (see JettyTuning): requests here carry a few headers, so it would save next to nothing. */
    public static final int DEFAULT_HEADER_CACHE_SIZE = 0;

    public TargetConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(censusHost, "census host");
        Objects.requireNonNull(waitSpec, "wait");
        require(port >= 0 && port <= 65_535, "port must be 0..65535, got " + port);
        require(threads >= 1, "threads must be >= 1, got " + threads);
        require(maxVirtualThreads == null || maxVirtualThreads >= 1,
                "max virtual threads must be >= 1 or unbounded, got " + maxVirtualThreads);
        require(Limits.PAUSE_MS.contains(pauseMs), "pause must be " + Limits.PAUSE_MS.min() + ".." + Limits.PAUSE_MS.max()
                + " ms, got " + pauseMs);
        require(idleTimeoutMs >= 1, "idle timeout must be >= 1 ms, got " + idleTimeoutMs);
        require(stopTimeoutMs >= 0, "stop timeout must be >= 0 ms, got " + stopTimeoutMs);
        require(headerCacheSize >= 0, "header cache size must be >= 0, got " + headerCacheSize);
        require(censusPort == null || censusPort >= 0 && censusPort <= 65_535,
                "census port must be 0..65535, got " + censusPort);
        require(censusPort == null || censusPort == 0 || censusPort != port,
                "census port must differ from port " + port);
        // Its options (a URL, a pool size) are checked here too, so that a bad one is a usage error, not a failed start.
        waitSpec.check();
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
