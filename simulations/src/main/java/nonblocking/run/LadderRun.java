package nonblocking.run;

import nonblocking.LastWord;
import nonblocking.NonblockingException;
import nonblocking.backends.Backends;
import nonblocking.injectors.Parts;
import nonblocking.injectors.Rendezvous;
import nonblocking.ladder.Injection;
import nonblocking.ladder.Ladder;
import nonblocking.ladder.LadderConfig;
import nonblocking.ladder.TargetSpec;
import nonblocking.record.LevelArithmetic;
import nonblocking.report.Format;
import nonblocking.results.Ceiling;
import nonblocking.results.Experiment;
import nonblocking.results.Provenance;
import nonblocking.results.Gap;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.RunFolders;
import nonblocking.results.TargetResult;
import nonblocking.server.ParentWatch;
import nonblocking.server.wait.WaitSpec;
import nonblocking.record.RecordFile;
import nonblocking.record.RunRecord;
import nonblocking.record.TargetRecord;
import nonblocking.targets.Backend;
import nonblocking.targets.Classpath;
import nonblocking.targets.FreePorts;
import nonblocking.targets.TargetCommand;
import nonblocking.targets.TargetRun;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * One run of the ladder outside of Gatling's DSL: checks the limits, owns the run folder and the targets (managed
 * ones run one at a time: {@link #next} stops one and starts the next between their ladders), and at the end
 * writes the raw record and {@code results.json}, the console table, the headline and the report.
 *
 * <p>Order: {@link #prepare} (before any load) - Gatling runs the scenarios - {@link #finish} - {@link #close}.
 * A JVM shutdown hook also calls {@link #close}, so Ctrl-C or a crash stops the managed targets too.
 */
public final class LadderRun implements AutoCloseable {

    /** Exit code when the launcher (Maven) went away mid-run: 128 + SIGHUP, as a shell reports a hang-up. */
    private static final int EXIT_LAUNCHER_GONE = 129;
    static final Duration TARGET_START_TIMEOUT = Duration.ofSeconds(60);
    /** File descriptors beyond one socket per user: jars, logs, epoll, the census client... */
    static final int FD_HEADROOM = 512;

    private final LadderConfig config;
    private final Path runDir;
    private final Instant startedAt;
    private final List<TargetRun> targets = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PrintStream out;
    /** The injector's ceiling in this run's load model, read once (an unreadable file is said once); null if none. */
    private final Ceiling ceiling;
    /** Injector 0's rendezvous, when this is one of N injectors; null otherwise. */
    private volatile Rendezvous rendezvous;
    /** The server the targets' requests wait on (downstream server, PostgreSQL); empty for the pause. */
    private volatile Optional<Backend> backend = Optional.empty();
    private volatile String lastWord;
    /** Why the run failed after writing its results; null while it has not. */
    private volatile String failure;

    private LadderRun(LadderConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.startedAt = Instant.now();
        this.runDir = runDir(config, startedAt);
        this.ceiling = Calibration.read(config.outputDir(), machine().cores(), config.load(), out::println).orElse(null);
    }

    /**
     * {@code <output>/<run id>/}, or {@code -2}, {@code -3}... if taken. One of N injectors writes its part into
     * {@code <output>/<run id>/injector-<i>/}, which must be new: the merge would take an old part for this run's.
     */
    static Path runDir(LadderConfig config, Instant startedAt) {
        String runId = config.runId() != null ? config.runId()
                : DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(startedAt)
                + "-" + config.profile();
        Injection injection = config.injection();
        Path dir = config.outputDir().resolve(runId);
        try {
            if (!injection.part()) {
                return RunFolders.create(config.outputDir(), runId);
            }
            dir = dir.resolve(Parts.PREFIX + injection.index());
            if (Files.exists(dir)) {
                throw new NonblockingException("the part folder " + dir + " already exists: give this run a new -DrunId");
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new NonblockingException("cannot create the run folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Everything before load: limits, run folder, targets up and answering. Fails with one-line messages. */
    public static LadderRun prepare(LadderConfig config, PrintStream out) {
        Injection injection = config.injection();
        int users = injection.split().share(config.connections());
        checkOpenFiles(users);
        checkPorts(users, "");
        LadderRun run = new LadderRun(config, out);
        Runtime.getRuntime().addShutdownHook(new Thread(run::atExit, "ladder-stop-targets"));
        exitWithLauncher(out);
        try {
            if (injection.part() && injection.first()) {
                run.rendezvous = Rendezvous.serve(injection.coordinator(), injection.count(), injection.rendezvous());
            }
            run.openBackend();
            run.prepareTargets();
        } catch (RuntimeException e) {
            run.close();
            // Nothing ran: a folder left with nothing in it would only look like a run (a target's log stays).
            RunFolders.deleteIfEmpty(run.runDir);
            throw e;
        }
        return run;
    }

    /** The server the wait needs, before the first target: started (or, given by URL, checked), one line if not. */
    private void openBackend() {
        // One of N injectors is given the launcher's backend by URL; a part of a Job, its own if none is given.
        backend = Backends.open(config.waitSpec(), runDir, config.targetHeap(), Classpath.current());
        backend.ifPresent(b -> out.println("[" + b.what() + "] " + WaitSpec.withoutSecrets(b.url())
                + b.startup().map(took -> String.format(Locale.ROOT, " (started in %.1f s)", took.toMillis() / 1000.0)).orElse("")
                + " for " + config.experiment().waitOn().describe()));
    }

    /**
     * Every target's run, with the managed ones' ports chosen now (their URLs are in the plan and the scenarios
     * before any of them starts); then the first target starts and every server given by URL is connected to, so
     * that a bad setting or an unreachable URL fails before any load. The other managed targets start in {@link #next}.
     */
    private void prepareTargets() {
        List<TargetSpec> managed = config.targets().stream().filter(TargetSpec::managed).toList();
        List<Integer> ports = FreePorts.take(TargetCommand.HOST, 2 * managed.size());
        String classpath = managed.isEmpty() ? null : Classpath.current();
        for (TargetSpec spec : config.targets()) {
            TargetRun.Launch launch = null;
            if (spec.managed()) {
                int i = managed.indexOf(spec);
                int port = ports.get(2 * i);
                launch = new TargetRun.Launch(TargetCommand.managed(spec, config.targetHeap(), config.pauseMs(),
                        Backends.given(config.waitSpec(), backend), classpath, port, ports.get(2 * i + 1)), URI.create("http://" + TargetCommand.HOST + ":" + port + "/"),
                        runDir.resolve(spec.name() + ".log"));
            }
            targets.add(new TargetRun(spec, launch, config, backend.orElse(null),
                    new ConsoleProgress(config.load(), out::println)));
        }
        targets.getFirst().start(TARGET_START_TIMEOUT);
        targets.stream().skip(1).filter(t -> !t.managed()).forEach(t -> t.start(TARGET_START_TIMEOUT));
    }

    /**
     * Between two targets' ladders: stops the one that ran (once its last level is reported) and starts the next,
     * so that one target JVM at a time shares the machine with the load. A target that does not start is skipped:
     * its ladder ends before it begins, the others still run, and {@link #finish} fails the run naming it.
     */
    public void next(int index) {
        TargetRun target = targets.get(index);
        try {
            if (index > 0) {
                targets.get(index - 1).stop(measuredTimeout());
                if (!target.started()) {   // else a server given by URL: connected to before any load
                    target.start(TARGET_START_TIMEOUT);
                }
            }
            Injection injection = config.injection();
            if (injection.part()) {
                Rendezvous.Start start = Rendezvous.join(injection.coordinator(), target.name(), injection.index(),
                        injection.count(), injection.rendezvous());
                target.startAt(start);
                out.println("[" + target.name() + "] injector " + injection.index() + " of " + injection.count()
                        + ": all ready, common start " + Instant.ofEpochMilli(start.t0Ms()) + " (injector 0's clock "
                        + String.format(Locale.ROOT, "%+.1f ms", start.offsetMs()) + ")");
            }
        } catch (NonblockingException e) {
            out.println("nonblocking: ERROR " + e.getMessage());
            target.fail(e.getMessage());
        }
    }

    /** True when each target's ladder waits for a turn of its own first: another target's, or the other injectors. */
    public boolean startsEachTarget(int index) {
        return index > 0 || config.injection().part();
    }

    /** How long the last level's verdict may still take once every user is done. */
    private Duration measuredTimeout() {
        return Duration.ofMillis(config.timeoutMs() + 2000);
    }

    public LadderConfig config() {
        return config;
    }

    public List<TargetRun> targets() {
        return List.copyOf(targets);
    }

    /**
     * Safety net for Gatling's maxDuration: per target the most levels its plan can run, each with its ramp, hold,
     * wait for its verdict and the lead of a level appended after it, plus a generous margin.
     */
    public Duration maxDuration() {
        Duration level = config.ramp().plus(config.hold()).plus(Duration.ofMillis(2 * config.timeoutMs()))
                .plus(TargetRun.IDLE_POLL);
        Duration target = TARGET_START_TIMEOUT.plus(config.injection().rendezvous()).plus(config.warmupMax())
                .plus(level.multipliedBy(config.plan().maxLevels()));
        return Duration.ofMinutes(2).plus(target.multipliedBy(targets.size()));
    }

    public String plan() {
        Ladder ladder = config.ladder();
        Injection injection = config.injection();
        Experiment experiment = config.experiment();
        return String.format(Locale.ROOT,
                "nonblocking ladder %s: profile %s, %s, ramp %s s, warm-up %s s, hold %s s, each request waits on %s%s,"
                        + " timeout %d ms, SLO %s%s",
                runDir.getFileName(), config.profile(), experiment.describePlan(), Format.seconds(config.ramp()),
                Format.seconds(config.warmup()), Format.seconds(config.hold()), experiment.waitOn().describe(),
                config.workMicros() > 0 ? ", work " + config.workMicros() + " µs" : "", config.timeoutMs(),
                config.slo().limits(), ladder.ended() ? ", at most ~" + ladder.duration().toSeconds() + " s a target" : "")
                + (injection.part() ? "\n  injector " + injection.index() + " of " + injection.count()
                        + ": user u of every level runs on injector u mod " + injection.count() + "; rendezvous at "
                        + injection.coordinator() : "")
                + targets.stream().map(t -> "\n  " + t.plan()).collect(Collectors.joining())
                + "\n  injector's ceiling: " + (ceiling != null ? ceiling.rps() + " requests/s in the "
                        + config.load().label() + " model on this machine (" + ceiling.measuredAt() + "); levels at "
                        + Math.round(100 * Ceiling.NEAR) + " % of it or more are flagged"
                        : "not measured for the " + config.load().label() + " model (-Dprofile="
                        + Ceiling.profile(config.load()) + " measures it)")
                + (config.plan() instanceof nonblocking.ladder.CapacitySearch ? "\n  Gatling's own report: a search"
                        + " decides its levels as it goes, so its users are injected at once and wait for their turn;"
                        + " its concurrent-users chart shows them all from the start (the levels are in the table)" : "")
                + "\n  run folder: " + runDir;
    }

    /**
     * After Gatling's last user: writes results.json and the report, prints the table and the headline, refreshes
     * {@code latest/}. {@code gatlingSimulationId}: Gatling's folder prefix (the lower-case class name).
     */
    public Results finish(String gatlingSimulationId) {
        // Every user is done, so the sampler reports the last level at its next tick; then the last target stops.
        targets.getLast().stop(measuredTimeout());
        Map<String, TargetResult> results = new LinkedHashMap<>();
        Map<String, TargetRecord> records = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (TargetRun t : targets) {
            if (t.failure() != null) {
                failed.add(t.name() + ": " + t.failure());
                continue;
            }
            TargetRecord record = t.record();
            records.put(t.name(), record);
            results.put(t.name(), LevelArithmetic.target(record, config.slo()));
        }
        Injection injection = config.injection();
        Integer part = injection.part() ? injection.index() : null;
        // A part carries the run's id; its folder says which injector's it is.
        String runId = (injection.part() ? runDir.getParent() : runDir).getFileName().toString();
        RecordFile.write(new RunRecord(RunRecord.SCHEMA, runId, RecordFile.HISTOGRAMS, records, injection.count(),
                part), runDir);
        String gatlingReport = GatlingRunDir.find(config.gatlingResultsDir(), gatlingSimulationId, startedAt)
                .map(dir -> runDir.relativize(dir.resolve("index.html")).toString().replace('\\', '/'))
                .orElse(null);
        Provenance.Machine machine = machine();
        Results r = new Results(Results.SCHEMA, runId, config.experiment(),
                new Provenance(startedAt.toString(), Instant.now().toString(), machine, GitSource.of(Path.of("")), ceiling),
                results, Gap.of(results, config.gapOf(), config.gapOver()),
                new Results.Records(RecordFile.HISTOGRAMS, RecordFile.LEVELS, gatlingReport, part, null));
        if (config.calibrate() && !injection.part()) {
            r = calibrated(r);
        }
        if (injection.part()) {
            // One injector's share alone is no result: the merge of all N parts writes the run's report.
            ResultsFile.write(r, runDir.resolve(ResultsFile.NAME));
            out.println();
            out.print(Format.table(r));
            out.println("part " + injection.index() + " of " + injection.count() + " (this injector's share of every"
                    + " level): " + runDir + "; merge all parts with: Cli merge " + runDir.getParent());
        } else {
            lastWord = RunOutput.publish(r, runDir, out);
        }
        targets.stream().filter(t -> t.crash() != null).forEach(t -> failed.add(t.name() + " " + t.crash().what() + " at "
                + t.crash().users() + " " + config.load().unit() + ": " + t.crash().reason()));
        if (!failed.isEmpty()) {
            throw new NonblockingException("not every target ran its ladder: " + String.join("; ", failed));
        }
        return r;
    }

    /** A calibration run: its ceiling written for the runs that follow, and stated in its own provenance. */
    private Results calibrated(Results r) {
        Ceiling measured = Calibration.of(r);
        Path file = Calibration.write(measured, config.outputDir(), config.load());
        out.println("injector ceiling on this machine, " + config.load().label() + " model: " + measured.rps() + " requests/s, "
                + (measured.cpuUsPerRequest() == null ? "its CPU per request unknown" : measured.cpuUsPerRequest()
                + " µs of the injector's CPU per request") + " (" + file + ")");
        Provenance p = r.provenance();
        return new Results(r.schema(), r.runId(), r.experiment(), new Provenance(p.startedAt(), p.finishedAt(),
                p.machine(), p.source(), measured), r.targets(), r.gap(), r.records());
    }

    /** The shutdown hook: stop what runs, then, after Gatling's own summary, say which numbers are the measurement. */
    private void atExit() {
        close();
        String word = lastWord;
        if (word != null) {
            out.println();
            out.println(word);
            out.flush();
        }
        String why = failure;
        if (why != null) {
            LastWord.say("nonblocking: ERROR " + why);
            // Gatling ends with status 0 once its report is written: this run failed, and the exit code says so.
            Runtime.getRuntime().halt(1);
        }
    }

    /** The run failed after its results were written (a target crashed or did not run): exit 1 at the end, said once. */
    public void failed(String why) {
        failure = why;
    }

    /** Stops every target (conductor, client, managed JVM), then what they waited on, and the rendezvous. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // Each is stopped whatever the one before did: a target that would not stop must not leave PostgreSQL on.
            List<Runnable> closers = new ArrayList<>();
            targets.forEach(target -> closers.add(target::close));
            backend.ifPresent(b -> closers.add(b::close));
            Rendezvous r = rendezvous;
            if (r != null) {
                closers.add(r::close);
            }
            RuntimeException first = null;
            for (Runnable closer : closers) {
                try {
                    closer.run();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /**
     * Gatling's Maven plugin leaves its forked JVM running when Maven alone is killed: end the run with the launcher,
     * through the shutdown hook, rather than load on unattended.
     */
    static void exitWithLauncher(PrintStream out) {
        ParentWatch.watch(() -> {
            out.println("nonblocking: the process that launched this run has exited; stopping");
            System.exit(EXIT_LAUNCHER_GONE);
        });
    }

    static void checkOpenFiles(int maxUsers) {
        long limit = maxOpenFiles();
        long needed = (long) maxUsers + FD_HEADROOM;
        if (limit > 0 && limit < needed) {
            throw new NonblockingException("the open-file limit is " + limit + " but " + maxUsers + " users need at least "
                    + needed + ": raise it (e.g. ulimit -n 65536) and run again");
        }
    }

    /**
     * Every user keeps one connection to its target, each from an ephemeral port of this machine: more users than
     * the range has ports fail mid-run, so refuse them up front.
     */
    static void checkPorts(int users, String who) {
        int[] range = FreePorts.ephemeralRange();
        int ports = range == null ? Integer.MAX_VALUE : range[1] - range[0] + 1;
        if (users > ports) {
            throw new NonblockingException(users + " users" + who + " need as many connections to one server, but the"
                    + " ephemeral port range " + range[0] + "-" + range[1] + " has " + ports
                    + " ports: lower the top level, or spread the users over injectors on several machines");
        }
    }

    static long maxOpenFiles() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }

    static Provenance.Machine machine() {
        return new Provenance.Machine(Runtime.getRuntime().availableProcessors(),
                Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                maxOpenFiles());
    }
}
