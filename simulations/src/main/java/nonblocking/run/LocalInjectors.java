package nonblocking.run;

import nonblocking.NonblockingException;
import nonblocking.injectors.InjectorCommand;
import nonblocking.ladder.LadderConfig;
import nonblocking.ladder.TargetSpec;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;
import nonblocking.targets.Classpath;
import nonblocking.targets.FreePorts;
import nonblocking.backends.Backends;
import nonblocking.server.wait.WaitKind;
import nonblocking.targets.Backend;
import nonblocking.targets.ManagedTarget;
import nonblocking.targets.TargetCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code -Dinjectors=N} on one machine: per target, in turn, starts the target (a managed one, alone, as any run
 * does), then N injector JVMs with the environment a pod of the Kubernetes Job gets (its index, N, injector 0's
 * rendezvous) and the run's settings in a file, as the Job's ConfigMap gives them; waits for them, stops the
 * target, and at the end merges every part into this run's folder ({@link MergeRun}). It sends no load itself.
 *
 * <p>Parts go to {@code <run>/injectors/<target>/injector-<i>/}, with each injector's log beside them. An
 * injector that fails ends the run: the others are stopped, the merge names the part that is missing, and
 * nothing is merged.
 */
public final class LocalInjectors implements AutoCloseable {

    /** Properties of the JVM, Maven and Gatling: not the ladder's settings, so not written for the injectors. */
    private static final List<String> NOT_SETTINGS = List.of("java.", "jdk.", "sun.", "os.", "user.", "file.", "line.",
            "path.", "native.", "stdout.", "stderr.", "awt.", "jetty.", "gatling.", "maven.", "surefire.", "library.",
            "jna.", "io.netty.", "nonblocking.", "socksNonProxyHosts", "ftp.", "http.", "https.");
    /** Set per target and injector here, or meaningless for one target alone. */
    private static final List<String> OWN = List.of("targets", "runId", "injectors", "injector", "coordinator",
            "settings", "gap.of", "gap.over");

    private final LadderConfig config;
    private final Map<String, String> settings;
    private final PrintStream out;
    private final Path runDir;
    private final List<Process> injectors = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ManagedTarget target;
    private volatile Optional<Backend> backend = Optional.empty();

    private LocalInjectors(LadderConfig config, Map<String, String> given, PrintStream out) {
        this.config = config;
        this.out = out;
        this.settings = new LinkedHashMap<>(given);
        settings.keySet().removeIf(key -> NOT_SETTINGS.stream().anyMatch(key::startsWith) || OWN.contains(key));
        this.runDir = LadderRun.runDir(config, Instant.now());
    }

    /** The run folder and the shutdown hook that stops the injectors and the target with this JVM. */
    public static LocalInjectors prepare(LadderConfig config, Map<String, String> given, PrintStream out) {
        // The injectors share this machine's ports; each checks its own open files.
        LadderRun.checkPorts(config.connections(), " on " + config.injection().count() + " injectors of one machine");
        LocalInjectors run = new LocalInjectors(config, given, out);
        Runtime.getRuntime().addShutdownHook(new Thread(run::close, "injectors-stop"));
        LadderRun.exitWithLauncher(out);
        try {
            run.backend = Backends.open(config.waitSpec(), run.runDir, config.targetHeap(), Classpath.current());
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    public String plan() {
        return "nonblocking ladder " + runDir.getFileName() + " on " + config.injection().count() + " local injectors:"
                + " per target, user u of every level on injector u mod " + config.injection().count()
                + ", from one common start; " + config.experiment().describePlan() + "\n  run folder: " + runDir;
    }

    /** Every target's injectors in turn, then the merge; one line on failure. */
    public Results run() {
        String failure = null;
        for (TargetSpec spec : config.targets()) {
            failure = runTarget(spec);
            if (failure != null) {
                break;   // the rest would only be thrown away: the merge refuses a run with a part missing
            }
        }
        try {
            return MergeRun.merge(runDir, config.gapOf(), config.gapOver(), this::asLaunched, out);
        } catch (NonblockingException e) {
            throw new NonblockingException(e.getMessage() + (failure == null ? "" : " (" + failure + ")"), e);
        }
    }

    /** One target: started (if managed), driven by N injectors, stopped. Returns why an injector failed, or null. */
    private String runTarget(TargetSpec spec) {
        Path dir = runDir.resolve("injectors").resolve(spec.name());
        Map<String, String> own = new LinkedHashMap<>(settings);
        own.put("targets", spec.name());
        own.put("runId", spec.name());
        own.put("injectors", String.valueOf(config.injection().count()));
        // The server the targets wait on is this launcher's, started once for every target and injector.
        backend.ifPresent(b -> own.put(config.waitSpec().kind().key(WaitKind.URL), b.url()));
        try {
            Files.createDirectories(dir);
            if (spec.managed()) {
                List<Integer> ports = FreePorts.take(TargetCommand.HOST, 3);
                List<String> command = TargetCommand.managed(spec, config.targetHeap(), config.pauseMs(),
                        Backends.given(config.waitSpec(), backend), Classpath.current(), ports.get(0), ports.get(1));
                target = ManagedTarget.start(spec.name(), command, runDir.resolve(spec.name() + ".log"));
                out.println("[" + spec.name() + "] " + target.awaitReady(LadderRun.TARGET_START_TIMEOUT));
                List.of(".model", ".threads", ".maxVirtualThreads").forEach(key -> own.remove(spec.name() + key));
                own.put(spec.name() + ".url", "http://" + TargetCommand.HOST + ":" + ports.get(0) + "/");
                own.put(spec.name() + ".census", target.censusUrl().toString());
                own.put(spec.name() + ".seed", String.valueOf(spec.request().seed()));
                return drive(spec, dir, own, ports.get(2));
            }
            return drive(spec, dir, own, FreePorts.take(TargetCommand.HOST, 1).getFirst());
        } catch (IOException e) {
            throw new NonblockingException("cannot prepare " + dir + ": " + e.getMessage(), e);
        } finally {
            stopTarget();
        }
    }

    private String drive(TargetSpec spec, Path dir, Map<String, String> own, int rendezvousPort) throws IOException {
        Path file = dir.resolve("ladder.properties");
        Properties properties = new Properties();
        properties.putAll(own);
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "the settings of " + spec.name() + "'s injectors, as a ConfigMap gives them to pods");
        }
        int count = config.injection().count();
        List<Process> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> command = InjectorCommand.command(TargetCommand.javaExecutable(), Runtime.version().feature(),
                    Classpath.current(), List.of("-Dsettings=" + file, "-Dnonblocking.output=" + runDir.resolve("injectors"),
                            "-Dnonblocking.gatlingResults=" + dir.resolve("gatling")), dir.resolve("gatling"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put(LadderConfig.INDEX_ENV, String.valueOf(i));
            builder.environment().put(LadderConfig.COUNT_ENV, String.valueOf(count));
            builder.environment().put(LadderConfig.COORDINATOR_ENV, TargetCommand.HOST + ":" + rendezvousPort);
            Process injector = builder.start();
            injectors.add(injector);
            started.add(injector);
            follow(injector, i, spec.name(), dir.resolve("injector-" + i + ".log"));
        }
        // One injector gone leaves a part missing, and the merge refuses the run: stop the others at once, and
        // report the first to go (the others then exit on SIGTERM).
        AtomicReference<String> failure = new AtomicReference<>();
        CompletableFuture<?>[] noticed = new CompletableFuture<?>[count];
        for (int i = 0; i < count; i++) {
            int index = i;
            noticed[i] = started.get(i).onExit().thenAccept(gone -> {
                if (gone.exitValue() != 0 && failure.compareAndSet(null, "injector " + index + " of " + count + " for "
                        + spec.name() + " exited with code " + gone.exitValue() + "; its log: "
                        + dir.resolve("injector-" + index + ".log"))) {
                    started.forEach(Process::destroy);
                }
            });
        }
        out.println("[" + spec.name() + "] " + count + " injectors started; their logs: " + dir);
        Duration timeout = config.ladder().duration().plus(config.injection().rendezvous()).plusMinutes(3);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < started.size(); i++) {
            Process injector = started.get(i);
            try {
                if (!injector.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    failure.compareAndSet(null, "injector " + i + " of " + count + " for " + spec.name() + " ran past "
                            + timeout.toSeconds() + " s");
                    started.forEach(Process::destroyForcibly);
                    injector.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NonblockingException("interrupted while " + spec.name() + "'s injectors ran");
            }
        }
        try {
            CompletableFuture.allOf(noticed).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            failure.compareAndSet(null, "cannot tell how " + spec.name() + "'s injectors ended: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        injectors.removeAll(started);
        return failure.get();
    }

    /** Each injector's output into its log; the ladder's own lines (not Gatling's console) also here, marked. */
    private void follow(Process injector, int index, String name, Path log) {
        Thread.ofPlatform().daemon().name("injector-" + index + "-output").start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(injector.getInputStream(), StandardCharsets.UTF_8));
                 Writer writer = Files.newBufferedWriter(log)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    writer.write(line);
                    writer.write('\n');
                    writer.flush();   // a live log, to follow while it runs
                    if (line.startsWith("[" + name + "]") || line.startsWith("nonblocking")) {
                        out.println("  injector " + index + ": " + line);
                    }
                }
            } catch (IOException e) {
                out.println("nonblocking: lost injector " + index + "'s output: " + e.getMessage());
            }
        });
    }

    /** A target the launcher started is reported as such, with the JVM options it gave it. */
    private TargetResult.Settings asLaunched(String name, TargetResult.Settings seen) {
        boolean managed = config.targets().stream().anyMatch(s -> s.name().equals(name) && s.managed());
        return seen == null || !managed ? seen : new TargetResult.Settings(seen.url(), seen.census(), true,
                seen.model(), seen.threads(), seen.maxVirtualThreads(), TargetCommand.jvmOptions(config.targetHeap()),
                seen.request(), seen.slo());
    }

    private void stopTarget() {
        ManagedTarget t = target;
        target = null;
        if (t != null) {
            t.close();
        }
    }

    /** Stops every injector still running (each stops its own work on SIGTERM) and the target. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            injectors.forEach(Process::destroy);
            for (Process p : injectors) {
                try {
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stopTarget();
            backend.ifPresent(Backend::close);
        }
    }
}
