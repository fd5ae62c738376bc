package nonblocking.ladder;

import nonblocking.report.Report;
import nonblocking.target.ParentWatch;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.TargetResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * One run of the ladder outside of Gatling's DSL: starts (or checks) the targets, owns the run folder, and at
 * the end turns the recordings into {@code results.json}, the console table and the headline.
 *
 * <p>Order: {@link #prepare} (before any load) - Gatling runs the scenarios - {@link #finish} - {@link #close}.
 * A JVM shutdown hook also calls {@link #close}, so Ctrl-C or a crash stops the managed targets too.
 */
public final class LadderRun implements AutoCloseable {

    /** Exit code when the launcher (Maven) went away mid-run: 128 + SIGHUP, as a shell reports a hang-up. */
    static final int EXIT_LAUNCHER_GONE = 129;

    public static final String LATEST = "latest";
    public static final String GATLING_REPORT_FILE = "gatling-report.txt";
    private static final Duration TARGET_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** File descriptors beyond one socket per user: jars, logs, epoll, the census client... */
    static final int FD_HEADROOM = 512;

    private final LadderConfig config;
    private final String runId;
    private final Path runDir;
    private final Instant startedAt;
    private final List<TargetRun> targets = new ArrayList<>();
    private final List<ManagedTarget> processes = new ArrayList<>();
    private final List<TargetClient> clients = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PrintStream out;

    private LadderRun(LadderConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
        this.startedAt = Instant.now();
        this.runId = config.runId() != null ? config.runId()
                : DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(startedAt)
                + "-" + config.profile();
        this.runDir = uniqueDir(config.outputDir(), runId);
    }

    /** Everything before load: limits, run folder, targets up and answering. Fails with one-line messages. */
    public static LadderRun prepare(LadderConfig config, PrintStream out) {
        checkOpenFiles(config.maxUsers());
        LadderRun run = new LadderRun(config, out);
        Runtime.getRuntime().addShutdownHook(new Thread(run::close, "ladder-stop-targets"));
        // Gatling's Maven plugin leaves its forked JVM running when Maven alone is killed: end the run with the
        // launcher, through the shutdown hook above, rather than load on unattended.
        ParentWatch.watch(() -> {
            out.println("nonblocking: the process that launched this run has exited; stopping");
            System.exit(EXIT_LAUNCHER_GONE);
        });
        try {
            run.startTargets();
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void startTargets() {
        try {
            Files.createDirectories(runDir);
        } catch (IOException e) {
            throw new LadderException("cannot create the run folder " + runDir + ": " + e.getMessage(), e);
        }
        String classpath = null;
        // Start every managed JVM first, then wait: they boot in parallel.
        Map<String, ManagedTarget> started = new LinkedHashMap<>();
        for (String name : config.targets()) {
            if (config.managed(name)) {
                if (classpath == null) {
                    classpath = Classpath.current();
                }
                List<String> command = TargetCommand.managed(name, config.targetHeap(), config.pauseMs(),
                        config.threadsOf(name), config.maxVirtualThreadsOf(name), classpath);
                ManagedTarget process = ManagedTarget.start(name, command, runDir.resolve(name + ".log"));
                processes.add(process);
                started.put(name, process);
            }
        }
        for (String name : config.targets()) {
            ManagedTarget process = started.get(name);
            URI url;
            URI censusUrl = null;
            if (process != null) {
                String ready = process.awaitReady(TARGET_START_TIMEOUT);
                url = process.url();
                censusUrl = process.censusUrl();
                out.println("[" + name + "] " + ready);
            } else {
                url = config.urls().get(name);
                censusUrl = config.censusUrls().get(name);
            }
            TargetClient client = new TargetClient(url, censusUrl);
            clients.add(client);
            client.probe(name, Math.min(config.pauseMs(), 10), PROBE_TIMEOUT);
            // Idle memory before any load: heap after a GC, and RSS. Absent census = foreign server.
            Optional<Census> idle = client.census(true, PROBE_TIMEOUT);
            if (idle.isEmpty() && process == null && censusUrl != null) {
                throw new LadderException(name + " target's census " + censusUrl + " gave no /threads census;"
                        + " check -D" + name + ".census");
            }
            if (idle.isEmpty()) {
                out.println("[" + name + "] " + url + " has no /threads census: threads and memory will be null");
            }
            targets.add(new TargetRun(name, process != null, client, idle.orElse(null), config, out::println));
        }
    }

    public LadderConfig config() {
        return config;
    }

    public List<TargetRun> targets() {
        return List.copyOf(targets);
    }

    /** Safety net for Gatling's maxDuration: every ladder, its drain and a generous margin. */
    public Duration maxDuration() {
        Duration total = Duration.ofMinutes(2);
        for (TargetRun t : targets) {
            total = total.plus(t.ladder().duration()).plus(Duration.ofMillis(2 * config.timeoutMs()));
        }
        return total;
    }

    /** One line for the start of the run. */
    public String plan() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "nonblocking ladder %s: profile %s, levels %s, ramp %s s, warm-up %s s, hold %s s, pause %d ms, timeout %d ms, ~%d s a target",
                runId, config.profile(), config.levels(), secs(config.ramp()), secs(config.warmup()), secs(config.hold()),
                config.pauseMs(), config.timeoutMs(), config.ladder().duration().toSeconds()));
        for (TargetRun t : targets) {
            s.append("\n  ").append(t.name()).append(": ").append(t.url()).append(t.managed() ? " (managed" : " (given")
                    .append(t.managed() ? ", heap " + config.targetHeap() : "")
                    .append(t.managed() && config.threadsOf(t.name()) != null
                            ? ", threads " + config.threadsOf(t.name()) : "")
                    .append(t.managed() && config.maxVirtualThreadsOf(t.name()) != null
                            ? ", max virtual threads " + config.maxVirtualThreadsOf(t.name()) : "")
                    .append(!t.hasCensus() ? ", no census)"
                            : t.client().censusBase().equals(t.url()) ? ", census)"
                            : ", census on " + t.client().censusBase() + ")");
        }
        s.append("\n  run folder: ").append(runDir);
        return s.toString();
    }

    /**
     * After Gatling's last user: builds and writes results.json, prints the table and headline, calls the
     * end-of-run hook, then refreshes {@code latest/}.
     *
     * @param gatlingSimulationId Gatling's folder prefix for this simulation (lower-case class name)
     */
    public Results finish(String gatlingSimulationId) {
        for (TargetRun t : targets) {
            try {
                // Every user is done, so the sampler reports its last level at its next tick.
                t.sampler().join(Duration.ofMillis(config.timeoutMs() + 2000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.sampler().stop();
        }
        Map<String, TargetResult> results = new LinkedHashMap<>();
        for (TargetRun t : targets) {
            results.put(t.name(), t.result());
        }
        Results r = new Results(Results.SCHEMA, runId, config.profile(), config.pauseMs(),
                config.hold().toNanos() / 1e9, config.ramp().toNanos() / 1e9, config.timeoutMs(),
                startedAt.toString(), Instant.now().toString(), machine(), results, Results.gapOf(results));
        Path file = runDir.resolve(ResultsFile.NAME);
        ResultsFile.write(r, file);
        Path gatlingReport = findGatlingRunDir(config.gatlingResultsDir(), gatlingSimulationId, startedAt).orElse(null);
        try {
            Files.writeString(runDir.resolve(GATLING_REPORT_FILE),
                    (gatlingReport == null ? "" : gatlingReport.toString()) + "\n");
        } catch (IOException e) {
            out.println("nonblocking: cannot record Gatling's report folder: " + e.getMessage());
        }
        out.println();
        out.print(Console.table(r));
        out.println(Console.headline(r));
        // Before latest/ is replaced, so that the report lands in both folders.
        RuntimeException reportFailure = null;
        try {
            Report.write(r, runDir, gatlingReport);
        } catch (RuntimeException e) {
            reportFailure = e;
        }
        Path latest = refreshLatest();
        out.println("results: " + file);
        out.println("report:  " + latest.resolve(Report.HTML));
        out.println("latest:  " + latest.resolve(ResultsFile.NAME));
        if (gatlingReport != null) {
            out.println("gatling: " + gatlingReport.resolve("index.html") + " (written when Gatling finishes)");
        }
        if (reportFailure != null) {
            throw new LadderException("the comparison report could not be written: " + reportFailure.getMessage(),
                    reportFailure);
        }
        return r;
    }

    /** Stops the managed targets (SIGTERM, then SIGKILL after a grace time). Idempotent; also the shutdown hook. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (TargetRun t : targets) {
            t.sampler().stop();
        }
        for (ManagedTarget p : processes) {
            p.close();
        }
        for (TargetClient c : clients) {
            c.close();
        }
    }

    /** Replaces {@code latest/} whole with a copy of this run's folder. */
    Path refreshLatest() {
        Path latest = config.outputDir().resolve(LATEST);
        Path tmp = config.outputDir().resolve(LATEST + ".tmp-" + runId);
        try {
            deleteTree(tmp);
            copyTree(runDir, tmp);
            deleteTree(latest);
            Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            out.println("nonblocking: cannot refresh " + latest + ": " + e.getMessage());
        }
        return latest;
    }

    /**
     * Gatling names its run folder {@code <simulation id>-<UTC yyyyMMddHHmmssSSS>} and creates it when the run
     * starts; the newest such folder not older than this run is ours.
     */
    static Optional<Path> findGatlingRunDir(Path resultsDir, String simulationId, Instant notBefore) {
        if (!Files.isDirectory(resultsDir)) {
            return Optional.empty();
        }
        String floor = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(notBefore.minusSeconds(120));
        try (Stream<Path> dirs = Files.list(resultsDir)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().matches(java.util.regex.Pattern.quote(simulationId) + "-\\d{17}"))
                    .filter(d -> d.getFileName().toString().substring(simulationId.length() + 1).compareTo(floor) >= 0)
                    .max(Comparator.comparing(d -> d.getFileName().toString()))
                    .map(p -> p.toAbsolutePath().normalize());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static void checkOpenFiles(int maxUsers) {
        long limit = maxOpenFiles();
        long needed = (long) maxUsers + FD_HEADROOM;
        if (limit > 0 && limit < needed) {
            throw new LadderException("the open-file limit is " + limit + " but " + maxUsers + " users need at least "
                    + needed + ": raise it (e.g. ulimit -n 65536) and run again");
        }
    }

    static long maxOpenFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    static Results.Machine machine() {
        return new Results.Machine(Runtime.getRuntime().availableProcessors(),
                Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                maxOpenFiles());
    }

    private static Path uniqueDir(Path parent, String name) {
        Path dir = parent.resolve(name);
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(name + "-" + i);
        }
        return dir;
    }

    private static String secs(Duration d) {
        double s = d.toNanos() / 1e9;
        return s == Math.rint(s) ? Long.toString((long) s) : Double.toString(s);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
