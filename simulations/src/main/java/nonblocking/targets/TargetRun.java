package nonblocking.targets;

import nonblocking.NonblockingException;
import nonblocking.injectors.Rendezvous;
import nonblocking.ladder.Arrivals;
import nonblocking.ladder.FixedLadder;
import nonblocking.ladder.Ladder;
import nonblocking.ladder.LadderConfig;
import nonblocking.ladder.LadderRecorder;
import nonblocking.ladder.Level;
import nonblocking.ladder.LevelStats;
import nonblocking.results.Load;
import nonblocking.ladder.Plan;
import nonblocking.ladder.Split;
import nonblocking.ladder.TargetSpec;
import nonblocking.record.LevelArithmetic;
import nonblocking.record.LevelCensus;
import nonblocking.record.LevelRecord;
import nonblocking.record.TargetRecord;
import nonblocking.results.LevelResult;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;
import nonblocking.server.Census;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One target during a run, and the one owner of its ladder, recorder, managed JVM, client and census sampler.
 * Managed targets run one at a time ({@link #start} before its ladder, {@link #stop} right after), so that no other
 * target JVM shares the machine during its holds.
 */
public final class TargetRun implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** An idle user's longest wait; a level the plan appends starts this much later, so its users have all seen it. */
    public static final Duration IDLE_POLL = Duration.ofSeconds(1);
    /** How long a stopped target's connections may take to leave the server it waited on. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** How often an open model's idle sender looks for a request that is due: well within a level's start lead. */
    public static final Duration OPEN_POLL = Duration.ofMillis(200);

    private final TargetSpec spec;
    private final Launch launch;
    private final Backend backend;
    private final LadderConfig config;
    private final Plan plan;
    private final Ladder ladder;
    private final LadderRecorder recorder;
    /** This injector's share of every level's users. */
    private final Split split;
    /** The open model's schedule; null for the closed model. */
    private final Arrivals arrivals;
    private final Progress progress;
    private final Map<Integer, String> requestNames = new ConcurrentHashMap<>();
    private final AtomicInteger users = new AtomicInteger();
    /** How late this injector's first request left after its turn, ns; {@link Long#MIN_VALUE} until then. */
    private final AtomicLong firstLagNanos = new AtomicLong(Long.MIN_VALUE);
    /** The common start learned at the rendezvous; null for one injector. */
    private volatile Rendezvous.Start commonStart;
    // From start() on.
    private volatile ManagedTarget process;
    private volatile TargetClient client;
    private volatile Census firstCensus;
    private volatile Conductor conductor;
    private volatile Instant startedAt;
    private volatile Instant stoppedAt;
    private volatile String failure;
    /** Why the target stopped serving mid-ladder; null while it serves. */
    private volatile TargetResult.Crash crash;
    /** The backend's connections at the end of the ladder and once the target stopped; null until then. */
    private volatile Map<String, Long> backendAfter;

    /** How the ladder starts a managed target: its command (ports chosen up front, so {@code url} is known) and log. */
    public record Launch(List<String> command, URI url, Path log) {
    }

    /**
     * @param launch  null for a server given by URL
     * @param backend the server the target's requests wait on, read with its census; null for none
     */
    public TargetRun(TargetSpec spec, Launch launch, LadderConfig config, Backend backend, Progress progress) {
        this.spec = spec;
        this.launch = launch;
        this.backend = backend;
        this.config = config;
        this.plan = config.plan();
        this.ladder = config.ladder();
        this.split = config.injection().split();
        this.arrivals = config.load() == Load.OPEN ? new Arrivals(ladder, split) : null;
        this.progress = progress;
        this.recorder = new LadderRecorder(ladder, timeoutMs());
    }

    /**
     * Starts a managed target's JVM (a given one is only connected to), probes it with one request like the load's,
     * and reads its idle census after a GC, outside every measured window. Fails with one line, stopping the JVM.
     */
    public void start(Duration startTimeout) {
        startedAt = Instant.now();
        ManagedTarget started = null;
        TargetClient connected = null;
        try {
            URI census = spec.census();
            if (launch != null) {
                started = ManagedTarget.start(spec.name(), launch.command(), launch.log());
                progress.note(spec.name(), started.awaitReady(startTimeout));
                census = started.censusUrl();
            }
            connected = new TargetClient(url(), census);
            connected.probe(spec.name(), requestUri(spec, connected.base(), Math.min(config.pauseMs(), 10), 0),
                    spec.request(), PROBE_TIMEOUT);
            // Idle memory before any load: heap after a GC, and RSS. No census: a foreign server. Of N injectors only
            // injector 0 reads it, so that no other one resets the target's peaks or asks it for a GC.
            boolean reads = config.injection().first();
            Census idle = reads ? connected.census(true, false, PROBE_TIMEOUT).orElse(null) : null;
            if (idle == null && spec.census() != null) {
                throw new NonblockingException(spec.name() + " target's census " + spec.census()
                        + " gave no /threads census; check -D" + spec.name() + ".census");
            }
            if (idle == null) {
                progress.note(spec.name(), (reads ? url() + " has no /threads census: threads and memory will be null"
                        : "the census is injector 0's to read"));
            }
            attach(started, connected, idle);
        } catch (RuntimeException e) {
            if (connected != null) {
                connected.close();
            }
            if (started != null) {
                started.close();
            }
            throw e;
        }
    }

    /** The end of {@link #start}: what it connected to, and the conductor that follows the ladder with it. */
    void attach(ManagedTarget process, TargetClient client, Census idleCensus) {
        this.process = process;
        this.client = client;
        this.firstCensus = idleCensus;
        Duration settle = Duration.ofMillis(Math.min(timeoutMs(), pauseMs() + 250));
        CensusSampler sampler = new CensusSampler(ladder, client, idleCensus != null, backend, config.stallMs());
        this.conductor = new Conductor(spec.name(), ladder, recorder, sampler, plan, slo(), progress, this::levelResult,
                this::result, settle, Duration.ofMillis(timeoutMs() + 250), config.warmupMax(), process, backend,
                crashed -> crash = crashed);
    }

    /** The loop that judges this target's levels and steers its ladder; null before {@link #start}. */
    Conductor conductor() {
        return conductor;
    }

    /** The target could not be started: its ladder ends before it begins, and the run reports why. */
    public void fail(String why) {
        failure = why;
        ladder.end(0);
    }

    public String failure() {
        return failure;
    }

    /** Why the target stopped serving mid-ladder; null when it did not. */
    public TargetResult.Crash crash() {
        return crash;
    }

    /** True once {@link #start} succeeded. */
    public boolean started() {
        return conductor != null;
    }

    /** True when the ladder starts this target's JVM itself; a server given by URL only gets connected to. */
    public boolean managed() {
        return launch != null;
    }

    public String name() {
        return spec.name();
    }

    /** The URL the load goes to: a managed target's is fixed by its launch, before it starts. */
    public URI url() {
        return launch != null ? launch.url() : spec.url();
    }

    /** The URL each user requests: {@code <url>?pause=<ms>[&work=<µs>]} for the seed request, else the URL as given. */
    public String loadUrl() {
        return requestUri(spec, url(), pauseMs(), config.workMicros()).toString();
    }

    private static URI requestUri(TargetSpec spec, URI url, long pauseMs, long workMicros) {
        return spec.request().seed() ? TargetClient.loadUri(url, pauseMs, workMicros) : url;
    }

    /** One line of the run's plan, e.g. "virtual: http://127.0.0.1:21234/ (managed, virtual, heap 512m, …)". */
    public String plan() {
        return spec.name() + ": " + url() + " ("
                + (launch != null ? "managed, " + spec.modelName() + ", heap " + config.targetHeap() : "given")
                + (spec.threads() != null ? ", threads " + spec.threads() : "")
                + (spec.maxVirtualThreads() != null ? ", max virtual threads " + spec.maxVirtualThreads() : "")
                + (spec.census() != null ? ", census on " + spec.census() : "") + ")";
    }

    public LadderRecorder recorder() {
        return recorder;
    }

    /** The pause each request is timed against: the seed's (the target's own or the run's); none for a URL or flow. */
    private long pauseMs() {
        TargetSpec.Request request = spec.request();
        return !request.paused() ? 0 : request.pauseMs() != null ? request.pauseMs() : config.pauseMs();
    }

    public long timeoutMs() {
        return spec.request().timeoutMs() != null ? spec.request().timeoutMs() : config.timeoutMs();
    }

    private Slo slo() {
        return spec.slo() != null ? spec.slo() : config.slo();
    }

    public TargetSpec.Request request() {
        return spec.request();
    }

    /**
     * When Gatling injects this injector's users, so that its own report shows the ladder: a fixed ladder's users
     * arrive with their level's ramp (offsets from the first user); empty when they must all be there from the start
     * (a capacity search decides its levels as it goes; the open model's senders are a pool).
     */
    public List<Injection> staircase() {
        if (!(plan instanceof FixedLadder) || arrivals != null) {
            return List.of();
        }
        List<Injection> steps = new ArrayList<>();
        int before = 0;
        for (Level level : ladder.levels()) {
            int share = split.share(level.users());
            steps.add(new Injection(share - before, Duration.ofNanos(level.rampStartNanos()), config.ramp()));
            before = share;
        }
        return steps;
    }

    /** {@code users} more users, arriving evenly over {@code during} from {@code at} on. */
    public record Injection(int users, Duration at, Duration during) {
    }

    /** The users to inject: this injector's share of every user the plan may ever need, each waiting for its turn. */
    public int maxUsers() {
        return split.share(config.connections());
    }

    /** True while a user should keep on: the ladder runs, or (open model) requests are left to send. */
    public boolean sending(long nowNanos) {
        return ladder.running(nowNanos) || (arrivals != null && arrivals.pending(ladder.offset(nowNanos)));
    }

    /** Open model: the next request, as the {@link System#nanoTime()} it is due; or {@link Arrivals#NONE}. */
    public long take(long nowNanos) {
        long due = arrivals.take(ladder.offset(nowNanos));
        return due == Arrivals.NONE ? Arrivals.NONE : ladder.startNanos() + due;
    }

    /**
     * Open model: the request due at {@code dueNanos} leaves now. Its latency will count from when it was due; if
     * its sender had taken it early, how late it left is the injector's own lag.
     */
    public void sent(long dueNanos, long nowNanos, boolean takenEarly) {
        recorder.started(dueNanos);
        if (takenEarly) {
            recorder.lag(dueNanos, nowNanos - dueNanos);
        }
    }

    /** One of N injectors: the timeline and the conductor start at the common start T0, not at the first user. */
    public void startAt(Rendezvous.Start start) {
        commonStart = start;
        ladder.startAt(start.t0Ms());
        if (conductor != null) {
            conductor.start();
        }
    }

    /**
     * Called by every user before its loop; the first call starts the clock and the conductor. Returns the user's
     * number, from 0: the order in which the ladder admits it.
     */
    public int userStarted(long nowNanos) {
        if (ladder.start(nowNanos) && conductor != null) {
            conductor.start();
        }
        return users.getAndIncrement();
    }

    /** True while this injector's user {@code k}, the ladder's user {@link Split#user}, should send requests now. */
    public boolean active(int k, long nowNanos) {
        long offset = ladder.offset(nowNanos);
        int user = split.user(k);
        boolean active = ladder.active(user, offset);
        if (active && firstLagNanos.get() == Long.MIN_VALUE) {
            firstLagNanos.compareAndSet(Long.MIN_VALUE, Math.max(0, offset - ladder.admittedNanos(user)));
        }
        return active;
    }

    /** How long idle user {@code k} waits before it looks again: until its turn, at most {@link #IDLE_POLL}. */
    public Duration idle(int k, long nowNanos) {
        return Duration.ofNanos(ladder.idleNanos(split.user(k), ladder.offset(nowNanos), IDLE_POLL.toNanos()));
    }

    /** Gatling request name for a request starting now: per target and phase, e.g. "virtual 0400u". */
    public String requestName(long startNanos) {
        long offset = ladder.offset(startNanos);
        int index = ladder.levelAt(offset);
        return index >= 0 ? requestNames.computeIfAbsent(index, i -> spec.name() + " " + ladder.level(i).label())
                : spec.name() + " " + ladder.phaseAt(offset);
    }

    /**
     * Waits (up to {@code timeout}) until every level is judged, then {@link #close}s; a target that waits on a
     * server counts that server's connections at the end of its ladder and once it has stopped (none may be left).
     */
    public void stop(Duration timeout) {
        if (conductor != null) {
            conductor.join(timeout);
        }
        Long atEnd = backendConnections();
        close();
        if (atEnd != null && !managed()) {
            // A target given by URL keeps running (and keeps its pool's connections): only the end is a figure.
            backendAfter = Map.of("connections_at_end", atEnd);
            progress.note(spec.name(), backend.what() + "'s connections: " + atEnd + " at the end of the ladder");
        } else if (atEnd != null) {
            long deadline = System.nanoTime() + DRAIN.toNanos();
            Long after = backendConnections();
            while (after != null && after > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(100);   // the server notices closed connections within moments
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                after = backendConnections();
            }
            backendAfter = after == null ? Map.of("connections_at_end", atEnd)
                    : Map.of("connections_at_end", atEnd, "connections_after_stop", after);
            progress.note(spec.name(), backend.what() + "'s connections: " + atEnd + " at the end of the ladder, "
                    + (after == null ? "unknown" : after) + " once the target stopped");
        }
    }

    /** The connections the server the target waits on has now; null without one that says. */
    private Long backendConnections() {
        return backend == null ? null : backend.reading().gauges().get("connections");
    }

    /** The level as measured so far (complete once every user has finished). */
    public LevelResult levelResult(int index) {
        return LevelArithmetic.level(levelRecord(index), LevelArithmetic.basis(record()));
    }

    /** One level's raw record so far: counters, histograms, wall-clock window and what the census saw. */
    LevelRecord levelRecord(int index) {
        Level level = ladder.level(index);
        LevelStats stats = recorder.level(index);
        LevelCensus seen = conductor == null ? LevelCensus.NONE
                : Objects.requireNonNullElse(conductor.level(index), LevelCensus.NONE);
        return new LevelRecord(level.users(), split.share(level.users()), ladder.epochMs(level.holdStartNanos()), ladder.epochMs(level.holdEndNanos()),
                stats.ok(), stats.answeredInHold(), stats.koReasons(), stats.okLatency(), stats.allLatency(), seen, stats.lag());
    }

    /** The target's raw record: how it ran, every measured level in the order it ran, and what was skipped. */
    public TargetRecord record() {
        return new TargetRecord(settings(), firstCensus == null ? null : firstCensus.jdk(), idle(), text(startedAt),
                text(stoppedAt), ladder.measured().stream().map(level -> levelRecord(level.index())).toList(),
                crash != null ? List.of() : ladder.skipped().stream().map(Level::users).sorted().toList(), clock(),
                config.load(),
                new TargetRecord.Course(conductor == null ? null : conductor.warmupS(), crash, backendAfter));
    }

    /** What the run reports of this target, worked out from its raw record as a merge would. */
    public TargetResult result() {
        return LevelArithmetic.target(record(), config.slo());
    }

    /** How the target ran: what the server says about itself wins; otherwise what it was started with. */
    private TargetResult.Settings settings() {
        Census said = firstCensus;
        TargetSpec.Request request = spec.request();
        return new TargetResult.Settings(url().toString(), said == null ? null : client.censusBase().toString(),
                launch != null, said != null && said.model() != null ? said.model() : spec.modelName(),
                said != null ? said.threads() : spec.threads(),
                said != null ? said.maxVirtualThreads() : spec.maxVirtualThreads(),
                launch != null ? TargetCommand.jvmOptions(config.targetHeap()) : List.of(),
                new TargetResult.Request(request.method(), request.seed(), List.copyOf(request.headers().keySet()),
                        request.body() == null ? 0 : request.body().length, timeoutMs(), request.flow(), pauseMs()),
                spec.slo());
    }

    private TargetRecord.Clock clock() {
        Rendezvous.Start start = commonStart;
        long lag = firstLagNanos.get();
        return start == null ? null : new TargetRecord.Clock(start.t0Ms(), start.joinedMs(),
                LevelArithmetic.round(start.offsetMs(), 3), lag == Long.MIN_VALUE ? 0 : LevelArithmetic.round(lag / 1e6, 3));
    }

    private TargetResult.Memory idle() {
        Census c = firstCensus;
        return c == null ? null : new TargetResult.Memory(c.heapUsedBytes(), c.rssBytes());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Stops the conductor, the client and a managed target's JVM (SIGTERM, then SIGKILL). Idempotent. */
    @Override
    public synchronized void close() {
        if (conductor != null) {
            conductor.stop();
        }
        if (client != null) {
            client.close();
        }
        if (process != null) {
            process.close();
        }
        if (startedAt != null && stoppedAt == null) {
            stoppedAt = Instant.now();
        }
    }
}
