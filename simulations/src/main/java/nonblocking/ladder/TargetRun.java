package nonblocking.ladder;

import nonblocking.results.LevelResult;
import nonblocking.results.Sustainability;
import nonblocking.results.TargetResult;
import nonblocking.target.TargetConfig;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** One target during a run: where it is, its ladder, what was recorded, and how it turns into a result. */
public final class TargetRun {

    private final String name;
    private final URI url;
    private final boolean managed;
    private final TargetClient client;
    private final Census firstCensus;
    private final TargetResult.Memory idle;
    private final Ladder ladder;
    private final LadderRecorder recorder;
    private final CensusSampler sampler;
    private final long pauseMs;
    private final URI loadUri;
    private final String[] requestNames;
    /** What a managed target was started with (results.json's config); unused for a server given by URL. */
    private final List<String> jvmArgs;
    private final Integer threads;
    private final Integer maxVirtualThreads;

    /**
     * @param managed     true when the ladder started this target, false for a server given by URL
     * @param client      the target's client; its base URL is the target's URL
     * @param firstCensus the census read before load (after a GC: the idle memory), or null when the server has
     *                    no {@code /threads}
     * @param progress    receives one progress line per level while the ladder runs
     */
    public TargetRun(String name, boolean managed, TargetClient client, Census firstCensus, LadderConfig config,
                     Consumer<String> progress) {
        this.name = name;
        this.url = client.base();
        this.managed = managed;
        this.client = client;
        this.firstCensus = firstCensus;
        this.idle = firstCensus == null ? null
                : new TargetResult.Memory(firstCensus.heapUsedBytes(), firstCensus.rssBytes());
        this.jvmArgs = TargetCommand.jvmOptions(config.targetHeap());
        this.threads = config.threadsOf(name);
        this.maxVirtualThreads = config.maxVirtualThreadsOf(name);
        this.pauseMs = config.pauseMs();
        this.ladder = config.ladder();
        this.recorder = new LadderRecorder(ladder, config.timeoutMs());
        this.loadUri = TargetClient.loadUri(url, config.pauseMs());
        Duration settle = Duration.ofMillis(Math.min(config.timeoutMs(), config.pauseMs() + 250));
        this.sampler = new CensusSampler(name, recorder, client, hasCensus(), settle, Duration.ofMillis(config.timeoutMs() + 250),
                index -> progress.accept(Console.progressLine(name, ladder, index, levelResult(index))));
        this.requestNames = new String[ladder.size()];
        for (Level level : ladder.levels()) {
            requestNames[level.index()] = name + " " + level.label();
        }
    }

    public String name() {
        return name;
    }

    public URI url() {
        return url;
    }

    /** The URL each user requests: {@code <url>?pause=<ms>}. */
    public String loadUrl() {
        return loadUri.toString();
    }

    public boolean managed() {
        return managed;
    }

    public boolean hasCensus() {
        return firstCensus != null;
    }

    public Ladder ladder() {
        return ladder;
    }

    public LadderRecorder recorder() {
        return recorder;
    }

    public CensusSampler sampler() {
        return sampler;
    }

    public TargetClient client() {
        return client;
    }

    /** Called by every user before its loop; the first call starts the clock and the sampler. */
    public void userStarted(long nowNanos) {
        if (ladder.start(nowNanos)) {
            sampler.start();
        }
    }

    /** Gatling request name for a request starting now: per target and phase, e.g. "virtual 0400u". */
    public String requestName(long startNanos) {
        long offset = ladder.offset(startNanos);
        int index = ladder.levelAt(offset);
        return index >= 0 ? requestNames[index] : name + " " + ladder.phaseAt(offset);
    }

    /** The level as measured so far (complete once every user has finished). */
    public LevelResult levelResult(int index) {
        Level level = ladder.level(index);
        LevelStats stats = recorder.level(index);
        LevelStats.Latency latency = stats.latency();
        long ok = stats.ok();
        long ko = stats.ko();
        double holdS = level.hold().toNanos() / 1e9;
        double throughput = ok / holdS;
        double offered = pauseMs == 0 ? Double.NaN : level.users() * 1000.0 / pauseMs;
        double efficiency = pauseMs == 0 ? 0 : throughput / offered;
        LevelCensus seen = sampler.level(index);
        if (seen == null) {
            seen = LevelCensus.NONE;
        }
        return new LevelResult(level.users(), ok + ko, ok, ko, stats.koReasons(), round(throughput, 2),
                round(efficiency, 4), latency.p50Ms(), latency.p90Ms(), latency.p99Ms(), latency.maxMs(),
                seen.platformThreadsPeak(), toInt(seen.inFlightPeak()), seen.rssPeakBytes(), seen.heapRetainedBytes(),
                perUser(seen.heapRetainedBytes(), idle == null ? null : idle.heapUsedBytes(), level.users()),
                perUser(seen.rssPeakBytes(), idle == null ? null : idle.rssBytes(), level.users()));
    }

    public TargetResult result() {
        List<LevelResult> levels = new ArrayList<>();
        for (int i = 0; i < ladder.size(); i++) {
            levels.add(levelResult(i));
        }
        // What the server says about itself wins; otherwise what we started it with.
        String model = firstCensus != null && firstCensus.model() != null ? firstCensus.model() : managed() ? name : null;
        Integer t = firstCensus != null ? firstCensus.threads() : managed() ? threads : null;
        Integer cap = firstCensus != null ? firstCensus.maxVirtualThreads() : managed() ? maxVirtualThreads : null;
        if (cap != null && cap == TargetConfig.UNBOUNDED) {
            cap = null; // results.json says null for "unbounded"
        }
        TargetResult.TargetConfig config = new TargetResult.TargetConfig(url.toString(), managed(), model, t, cap,
                managed() ? jvmArgs : List.of());
        return new TargetResult(config, idle, levels, Sustainability.sustainableUsers(levels, pauseMs));
    }

    static Double perUser(Long atLevel, Long idle, int users) {
        if (atLevel == null || idle == null || users <= 0) {
            return null;
        }
        return round((double) (atLevel - idle) / users, 1);
    }

    private static Integer toInt(Long value) {
        return value == null ? null : (int) Math.min(Integer.MAX_VALUE, value);
    }

    static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }
}
