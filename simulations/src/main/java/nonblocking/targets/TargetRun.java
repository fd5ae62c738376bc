package nonblocking.targets;

import nonblocking.NonblockingException;
import nonblocking.ladder.CapacitySearch;
import nonblocking.ladder.FixedLadder;
import nonblocking.ladder.Ladder;
import nonblocking.ladder.LadderConfig;
import nonblocking.ladder.LadderRecorder;
import nonblocking.ladder.Level;
import nonblocking.ladder.LevelStats;
import nonblocking.ladder.Plan;
import nonblocking.ladder.TargetSpec;
import nonblocking.report.Format;
import nonblocking.results.LevelResult;
import nonblocking.results.Numbers;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;
import nonblocking.server.Census;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One target during a run, and the one owner of everything it needs: its managed JVM (if the ladder started it),
 * its client, its ladder and recorder, and its census sampler. {@link #close} stops all of it.
 */
public final class TargetRun implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long an idle user waits at most before it looks at the timeline again; a level the plan appends starts
     * this much later, so that every user it admits has seen it by its turn in the ramp.
     */
    public static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final TargetSpec spec;
    private final ManagedTarget process;
    private final TargetClient client;
    private final Census firstCensus;
    private final TargetResult.Memory idle;
    private final LadderConfig config;
    private final Plan plan;
    private final Ladder ladder;
    private final LadderRecorder recorder;
    private final CensusSampler sampler;
    private final Consumer<String> out;
    /** The verdicts so far, in the order the levels ran; only the sampler's thread touches them. */
    private final List<Plan.Probe> probes = new ArrayList<>();
    private final Map<Integer, String> requestNames = new ConcurrentHashMap<>();
    private final AtomicInteger users = new AtomicInteger();

    /**
     * @param process     the JVM the ladder started for this target, or null for a server given by URL
     * @param client      the target's client; its base URL is the target's URL
     * @param firstCensus the census read before load (after a GC: the idle memory), or null without {@code /threads}
     * @param out         receives the progress lines: each level once it is measured, and how the plan ended
     */
    TargetRun(TargetSpec spec, ManagedTarget process, TargetClient client, Census firstCensus, LadderConfig config,
              Consumer<String> out) {
        this.spec = spec;
        this.process = process;
        this.client = client;
        this.firstCensus = firstCensus;
        this.idle = firstCensus == null ? null
                : new TargetResult.Memory(firstCensus.heapUsedBytes(), firstCensus.rssBytes());
        this.config = config;
        this.plan = config.plan();
        this.ladder = config.ladder();
        this.out = out;
        this.recorder = new LadderRecorder(ladder, timeoutMs());
        Duration settle = Duration.ofMillis(Math.min(timeoutMs(), pauseMs() + 250));
        this.sampler = new CensusSampler(spec.name(), recorder, client, firstCensus != null, settle,
                Duration.ofMillis(timeoutMs() + 250), this::measured, this::brokenAlready);
    }

    /**
     * Connects to a target: waits for a managed one to be ready, probes it with one request like the load's, and
     * reads its idle census. Fails with one line; closes the process on failure.
     *
     * @param process the started JVM, or null for a server given by URL
     */
    public static TargetRun connect(TargetSpec spec, ManagedTarget process, LadderConfig config, Duration startTimeout,
                                    Consumer<String> out) {
        TargetClient client = null;
        try {
            URI url = spec.url();
            URI census = spec.census();
            if (process != null) {
                out.accept("[" + spec.name() + "] " + process.awaitReady(startTimeout));
                url = process.url();
                census = process.censusUrl();
            }
            client = new TargetClient(url, census);
            client.probe(spec.name(), requestUri(spec, client.base(), Math.min(config.pauseMs(), 10), 0), spec.request(),
                    PROBE_TIMEOUT);
            // Idle memory before any load: heap after a GC, and RSS. No census: a foreign server.
            Census idle = client.census(true, false, PROBE_TIMEOUT).orElse(null);
            if (idle == null && spec.census() != null) {
                throw new NonblockingException(spec.name() + " target's census " + spec.census()
                        + " gave no /threads census; check -D" + spec.name() + ".census");
            }
            if (idle == null) {
                out.accept("[" + spec.name() + "] " + url + " has no /threads census: threads and memory will be null");
            }
            return new TargetRun(spec, process, client, idle, config, out);
        } catch (RuntimeException e) {
            if (client != null) {
                client.close();
            }
            if (process != null) {
                process.close();
            }
            throw e;
        }
    }

    public String name() {
        return spec.name();
    }

    public URI url() {
        return client.base();
    }

    /** The URL each user requests: {@code <url>?pause=<ms>[&work=<µs>]} for the seed request, else the URL as given. */
    public String loadUrl() {
        return requestUri(spec, url(), config.pauseMs(), config.workMicros()).toString();
    }

    /** The one rule of which URL a target gets: the seed's query on our own servers, the URL as given otherwise. */
    private static URI requestUri(TargetSpec spec, URI url, long pauseMs, long workMicros) {
        return spec.request().seed() ? TargetClient.loadUri(url, pauseMs, workMicros) : url;
    }

    /** One line of the run's plan, e.g. "virtual: http://127.0.0.1:41234/ (managed, virtual, heap 512m, census on …)". */
    public String plan() {
        return spec.name() + ": " + url() + " ("
                + (process != null ? "managed, " + spec.modelName() + ", heap " + config.targetHeap() : "given")
                + (spec.threads() != null ? ", threads " + spec.threads() : "")
                + (spec.maxVirtualThreads() != null ? ", max virtual threads " + spec.maxVirtualThreads() : "")
                + (firstCensus == null ? ", no census)"
                : client.censusBase().equals(url()) ? ", census)" : ", census on " + client.censusBase() + ")");
    }

    public Ladder ladder() {
        return ladder;
    }

    public LadderRecorder recorder() {
        return recorder;
    }

    /** The pause each request is timed against: the run's for the seed request, none for a URL as given or a flow. */
    private long pauseMs() {
        return spec.request().paused() ? config.pauseMs() : 0;
    }

    /** This target's request timeout, ms: its own, or the run's. */
    public long timeoutMs() {
        return spec.request().timeoutMs() != null ? spec.request().timeoutMs() : config.timeoutMs();
    }

    /** When a level of this target holds: its own SLO, or the run's. */
    private Slo slo() {
        return spec.slo() != null ? spec.slo() : config.slo();
    }

    /** What each user sends. */
    public TargetSpec.Request request() {
        return spec.request();
    }

    /** The users to inject: one per user the plan may ever need, each waiting for its turn. */
    public int maxUsers() {
        return plan.maxUsers();
    }

    /**
     * Called by every user before its loop; the first call starts the clock and the sampler.
     *
     * @return the user's number, from 0: the order in which the ladder admits it
     */
    public int userStarted(long nowNanos) {
        if (ladder.start(nowNanos)) {
            sampler.start();
        }
        return users.getAndIncrement();
    }

    /** True while user {@code k} should send requests now; see {@link Ladder#active}. */
    public boolean active(int k, long nowNanos) {
        return ladder.active(k, ladder.offset(nowNanos));
    }

    /** How long idle user {@code k} waits before it looks again: until its turn, at most {@link #IDLE_POLL}. */
    public Duration idle(int k, long nowNanos) {
        return Duration.ofNanos(ladder.idleNanos(k, ladder.offset(nowNanos), IDLE_POLL.toNanos()));
    }

    /** Gatling request name for a request starting now: per target and phase, e.g. "virtual 0400u". */
    public String requestName(long startNanos) {
        long offset = ladder.offset(startNanos);
        int index = ladder.levelAt(offset);
        return index >= 0 ? requestNames.computeIfAbsent(index, i -> spec.name() + " " + ladder.level(i).label())
                : spec.name() + " " + ladder.phaseAt(offset);
    }

    /**
     * A level is measured (the sampler's thread): print it with its verdict, then let the plan decide what comes
     * next. A next level starts one {@link #IDLE_POLL} from now, so the users it admits have all seen it by then.
     */
    private void measured(int index) {
        LevelResult level = levelResult(index);
        long waiting = recorder.level(index).inFlight();
        boolean early = brokenAlready(index, ladder.offset(System.nanoTime()) - ladder.level(index).holdEndNanos());
        Set<Slo.Limit> broken = slo().broken(level);
        String verdict = early ? "breaks: " + waiting + " requests still out after the p99 limit ("
                + Numbers.plain(slo().p99Ms()) + " ms); figures so far"
                : broken.isEmpty() ? "holds" : "breaks: " + broken.stream().map(slo()::text).collect(Collectors.joining(", "));
        out.accept(Format.progressLine(spec.name(), index, plan.maxLevels(), level, verdict));
        probes.add(new Plan.Probe(level.users(), !early && broken.isEmpty()));
        Plan.Step step = plan.after(List.copyOf(probes));
        long now = ladder.offset(System.nanoTime());
        if (step.schedules()) {
            ladder.append(step.users(), now + IDLE_POLL.toNanos());
        } else if (step.stops()) {
            ladder.end(now);
            List<Integer> skipped = ladder.skipped().stream().map(Level::users).toList();
            if (!skipped.isEmpty()) {
                out.accept("[" + spec.name() + "] early stop: " + FixedLadder.BROKEN_IN_A_ROW
                        + " levels broke in a row; skipped " + skipped);
            } else if (plan instanceof CapacitySearch) {
                out.accept("[" + spec.name() + "] capacity search done after " + probes.size() + " levels: "
                        + Format.capacity(result()));
            }
        }
    }

    /** Waits (up to {@code timeout}) until the sampler has reported every level, then stops it. */
    public void awaitMeasured(Duration timeout) {
        try {
            sampler.join(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sampler.stop();
    }

    /** The level as measured so far (complete once every user has finished). */
    public LevelResult levelResult(int index) {
        Level level = ladder.level(index);
        LevelStats stats = recorder.level(index);
        LevelStats.Latency latency = stats.latency();
        long ok = stats.ok();
        long ko = stats.ko();
        double throughput = ok / (level.hold().toNanos() / 1e9);
        long pauseMs = pauseMs();
        double efficiency = pauseMs > 0 ? throughput / (level.users() * 1000.0 / pauseMs) : inflation(latency);
        LevelCensus seen = Objects.requireNonNullElse(sampler.level(index), LevelCensus.NONE);
        return new LevelResult(level.users(), ok + ko, ok, ko, stats.koReasons(), round(throughput, 2),
                round(efficiency, 4), latency.p50Ms(), latency.p90Ms(), latency.p99Ms(), latency.p99Ms(), latency.maxMs(),
                seen.platformThreadsPeak(), toInt(seen.inFlightPeak()), seen.rssPeakBytes(), seen.heapRetainedBytes(),
                heapPer(seen, level.users()), rssPer(seen, level.users()), cost(seen), harness(seen));
    }

    /**
     * True when a level breaks whatever its requests still out do, so that its verdict need not wait for them (a
     * saturated server's last requests take up to the timeout). A request still out once the p99 limit has passed
     * since the hold ended took longer than the limit, or will fail; when more than (KO limit + 1) % of the level's
     * requests are still out then, either the failures pass the KO limit or more than 1 % of the answers come later
     * than the p99 limit. The level's final numbers, read when the run ends, show which.
     */
    boolean brokenAlready(int index, long sinceEndNanos) {
        Slo slo = slo();
        if (sinceEndNanos < slo.p99Ms() * 1e6) {
            return false;
        }
        LevelStats stats = recorder.level(index);
        long waiting = stats.inFlight();
        long all = stats.ok() + stats.ko() + waiting;
        return waiting > 0 && waiting * 100.0 > (slo.koPercent() + 1) * all;
    }

    /**
     * Without a pause there is no ideal throughput to compare with: efficiency is then how little latency grew, the
     * lowest level's p50 over this level's (1.0: no queueing at all).
     */
    private double inflation(LevelStats.Latency latency) {
        Level bottom = ladder.measured().stream().min(Comparator.comparingInt(Level::users)).orElse(null);
        double lowest = bottom == null ? 0 : recorder.level(bottom.index()).latency().p50Ms();
        return latency.p50Ms() <= 0 || lowest <= 0 ? 0 : Math.min(1, lowest / latency.p50Ms());
    }

    /** Costs over the hold: the two census readings bracket it, so CPU and responses share one interval. */
    private LevelResult.Cost cost(LevelCensus seen) {
        Census opened = seen.opened();
        Census closed = seen.closed();
        if (opened == null || closed == null) {
            return null;
        }
        long served = closed.served() - opened.served();
        int inFlight = seen.inFlightPeak() == null ? 0 : seen.inFlightPeak().intValue();
        return new LevelResult.Cost(perResponse(opened.cpuTimeNs(), closed.cpuTimeNs(), served, 1e6, 4),
                perResponse(opened.contextSwitches(), closed.contextSwitches(), served, 1, 2),
                rssPer(seen, inFlight), heapPer(seen, inFlight));
    }

    /** (after - before) / unit / served, rounded; null when a reading is missing or nothing was served. */
    private static Double perResponse(Long before, Long after, long served, double unit, int decimals) {
        return before == null || after == null || served <= 0 ? null : round((after - before) / unit / served, decimals);
    }

    private Double rssPer(LevelCensus seen, int count) {
        return perUser(seen.rssPeakBytes(), idle == null ? null : idle.rssBytes(), count);
    }

    private Double heapPer(LevelCensus seen, int count) {
        return perUser(seen.heapRetainedBytes(), idle == null ? null : idle.heapUsedBytes(), count);
    }

    private static LevelResult.Harness harness(LevelCensus seen) {
        HarnessReading opened = seen.harnessOpened();
        HarnessReading closed = seen.harnessClosed();
        if (opened == null || closed == null) {
            return null;
        }
        return LevelResult.Harness.of(round(closed.machineCpuSince(opened), 3), round(closed.injectorCoresSince(opened), 3));
    }

    public TargetResult result() {
        List<LevelResult> levels = ladder.measured().stream().map(level -> levelResult(level.index()))
                .sorted(Comparator.comparingInt(LevelResult::users)).toList();
        List<Integer> skipped = ladder.skipped().stream().map(Level::users).sorted().toList();
        // What the server says about itself wins; otherwise what it was started with.
        Census said = firstCensus;
        String model = said != null && said.model() != null ? said.model() : spec.modelName();
        Integer threads = said != null ? said.threads() : spec.threads();
        Integer cap = said != null ? said.maxVirtualThreads() : spec.maxVirtualThreads();
        List<String> jvmArgs = process != null ? TargetCommand.jvmOptions(config.targetHeap()) : List.of();
        TargetSpec.Request request = spec.request();
        TargetResult.TargetConfig target = new TargetResult.TargetConfig(url().toString(),
                said == null ? null : client.censusBase().toString(), process != null, model, threads, cap, jvmArgs,
                new TargetResult.Request(request.method(), request.seed(), List.copyOf(request.headers().keySet()),
                        request.body() == null ? 0 : request.body().length, timeoutMs(), request.flow()), slo());
        return new TargetResult(target, said == null ? null : said.jdk(), idle, levels, slo().sustainableUsers(levels),
                skipped, ladder.measured().stream().map(Level::users).toList(), null, null);
    }

    /** Stops the sampler, the client and a managed target's JVM (SIGTERM, then SIGKILL). Idempotent. */
    @Override
    public void close() {
        sampler.stop();
        client.close();
        if (process != null) {
            process.close();
        }
    }

    /** (level - idle) / count: memory per user, or per request in flight. */
    static Double perUser(Long atLevel, Long idle, int users) {
        if (atLevel == null || idle == null || users <= 0) {
            return null;
        }
        return round((double) (atLevel - idle) / users, 1);
    }

    private static Double round(Double value, int decimals) {
        return value == null ? null : round(value.doubleValue(), decimals);
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
