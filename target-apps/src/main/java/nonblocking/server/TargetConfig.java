package nonblocking.server;

import java.util.Objects;

/**
 * Everything a target server needs to start. Tests build one directly; {@link TargetApp} builds one from flags
 * and environment variables.
 *
 * @param model             which thread model serves requests
 * @param host              interface to bind
 * @param port              port to bind, 0 for any free port
 * @param threads           blocking model: threads that serve requests (acceptors and selectors come on top)
 * @param maxVirtualThreads virtual model: requests handled at once; {@link #UNBOUNDED} for no cap
 * @param pauseMs           default pause between "Hello" and "World"
 * @param idleTimeoutMs     connection idle timeout
 * @param stopTimeoutMs     how long a graceful stop waits for requests in flight
 * @param headerCacheSize   Jetty's per-connection request-header cache, in characters (0 = none)
 * @param censusPort        second port for the census endpoints only, on its own small thread pool; 0 for any free
 *                          port, null for none (the census is then served on {@code port} only)
 */
public record TargetConfig(
        ThreadModel model,
        String host,
        int port,
        int threads,
        int maxVirtualThreads,
        long pauseMs,
        long idleTimeoutMs,
        long stopTimeoutMs,
        int headerCacheSize,
        Integer censusPort) {

    /** Jetty's own default QueuedThreadPool size: the blocking model's baseline. */
    public static final int DEFAULT_THREADS = 200;
    /** "No cap" for virtual threads; stated as a number so it can be compared and printed. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;
    public static final long DEFAULT_PAUSE_MS = 1000;
    public static final long MAX_PAUSE_MS = 60_000;
    /** Jetty's default idle timeout. */
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 30_000;
    public static final long DEFAULT_STOP_TIMEOUT_MS = 5_000;
    /**
     * Off, for both models: Jetty's own default (1024) builds a ~45-100 KB {@code char[]} trie per connection,
     * which at 10,000 connections fills a 512 MB heap (see JettyTuning). Requests here carry a few headers, so
     * the cache saves next to nothing.
     */
    public static final int DEFAULT_HEADER_CACHE_SIZE = 0;

    public TargetConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (maxVirtualThreads < 1) {
            throw new IllegalArgumentException("max virtual threads must be >= 1, got " + maxVirtualThreads);
        }
        if (pauseMs < 0 || pauseMs > MAX_PAUSE_MS) {
            throw new IllegalArgumentException("pause must be 0.." + MAX_PAUSE_MS + " ms, got " + pauseMs);
        }
        if (idleTimeoutMs < 1) {
            throw new IllegalArgumentException("idle timeout must be >= 1 ms, got " + idleTimeoutMs);
        }
        if (stopTimeoutMs < 0) {
            throw new IllegalArgumentException("stop timeout must be >= 0 ms, got " + stopTimeoutMs);
        }
        if (headerCacheSize < 0) {
            throw new IllegalArgumentException("header cache size must be >= 0, got " + headerCacheSize);
        }
        if (censusPort != null && (censusPort < 0 || censusPort > 65_535)) {
            throw new IllegalArgumentException("census port must be 0..65535, got " + censusPort);
        }
        if (censusPort != null && censusPort != 0 && censusPort == port) {
            throw new IllegalArgumentException("census port must differ from port " + port);
        }
    }

    /** Defaults for a model on 127.0.0.1, any free port: what tests start from. */
    public static TargetConfig defaults(ThreadModel model) {
        return new TargetConfig(model, "127.0.0.1", 0, DEFAULT_THREADS, UNBOUNDED,
                DEFAULT_PAUSE_MS, DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_STOP_TIMEOUT_MS, DEFAULT_HEADER_CACHE_SIZE, null);
    }

    public TargetConfig withThreads(int newThreads) {
        return new TargetConfig(model, host, port, newThreads, maxVirtualThreads, pauseMs, idleTimeoutMs, stopTimeoutMs, headerCacheSize, censusPort);
    }

    public TargetConfig withMaxVirtualThreads(int max) {
        return new TargetConfig(model, host, port, threads, max, pauseMs, idleTimeoutMs, stopTimeoutMs, headerCacheSize, censusPort);
    }

    public TargetConfig withPauseMs(long newPauseMs) {
        return new TargetConfig(model, host, port, threads, maxVirtualThreads, newPauseMs, idleTimeoutMs, stopTimeoutMs, headerCacheSize, censusPort);
    }

    public TargetConfig withStopTimeoutMs(long newStopTimeoutMs) {
        return new TargetConfig(model, host, port, threads, maxVirtualThreads, pauseMs, idleTimeoutMs, newStopTimeoutMs, headerCacheSize, censusPort);
    }

    public TargetConfig withHeaderCacheSize(int size) {
        return new TargetConfig(model, host, port, threads, maxVirtualThreads, pauseMs, idleTimeoutMs, stopTimeoutMs, size, censusPort);
    }

    /** With a census port (0 = any free port), or without one (null). */
    public TargetConfig withCensusPort(Integer newCensusPort) {
        return new TargetConfig(model, host, port, threads, maxVirtualThreads, pauseMs, idleTimeoutMs, stopTimeoutMs, headerCacheSize, newCensusPort);
    }

    /** Pool size as JSON reports it: null where the model has no such setting. */
    public Integer threadsOrNull() {
        return model == ThreadModel.BLOCKING ? threads : null;
    }

    public Integer maxVirtualThreadsOrNull() {
        return model == ThreadModel.VIRTUAL ? maxVirtualThreads : null;
    }
}
