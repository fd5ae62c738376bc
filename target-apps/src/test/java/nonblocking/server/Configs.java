package nonblocking.server;

import nonblocking.server.wait.WaitSpec;

/**
 * Test configurations: TargetApp's defaults on 127.0.0.1 and any free port, changed fluently, e.g.
 * {@code Configs.of(ThreadModel.BLOCKING).threads(4).stopTimeoutMs(2000).build()}.
 */
final class Configs {
    private ThreadModel model;
    private int threads = TargetConfig.DEFAULT_THREADS;
    private Integer maxVirtualThreads;
    private long pauseMs = TargetConfig.DEFAULT_PAUSE_MS;
    private long idleTimeoutMs = TargetConfig.DEFAULT_IDLE_TIMEOUT_MS;
    private long stopTimeoutMs = TargetConfig.DEFAULT_STOP_TIMEOUT_MS;
    private int headerCacheSize = TargetConfig.DEFAULT_HEADER_CACHE_SIZE;
    private Integer censusPort = 0;
    private WaitSpec wait = WaitSpec.SLEEP;

    private Configs(ThreadModel model) {
        this.model = model;
    }

    static Configs of(ThreadModel model) {
        return new Configs(model);
    }

    Configs threads(int value) {
        threads = value;
        return this;
    }

    /** null: unbounded. */
    Configs maxVirtualThreads(Integer value) {
        maxVirtualThreads = value;
        return this;
    }

    Configs pauseMs(long value) {
        pauseMs = value;
        return this;
    }

    Configs idleTimeoutMs(long value) {
        idleTimeoutMs = value;
        return this;
    }

    Configs stopTimeoutMs(long value) {
        stopTimeoutMs = value;
        return this;
    }

    Configs headerCacheSize(int value) {
        headerCacheSize = value;
        return this;
    }

    /** 0 (the tests' default): any free port; null: none. */
    Configs censusPort(Integer value) {
        censusPort = value;
        return this;
    }

    Configs wait(WaitSpec value) {
        wait = value;
        return this;
    }

    TargetConfig build() {
        return new TargetConfig(model, "127.0.0.1", 0, threads, maxVirtualThreads, pauseMs, idleTimeoutMs,
                stopTimeoutMs, headerCacheSize, censusPort, TargetConfig.DEFAULT_CENSUS_HOST, wait);
    }

    /** Builds and starts a server; the caller closes it. */
    TargetServer start() throws Exception {
        return new TargetServer(build()).start();
    }
}
