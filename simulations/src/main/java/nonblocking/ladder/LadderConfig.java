package nonblocking.ladder;

import nonblocking.NonblockingException;
import nonblocking.results.Experiment;
import nonblocking.results.Load;
import nonblocking.results.Slo;
import nonblocking.server.Limits;
import nonblocking.server.wait.WaitSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static nonblocking.ladder.Overrides.bad;
import static nonblocking.ladder.Overrides.ranged;
import static nonblocking.ladder.Overrides.seconds;
import static nonblocking.ladder.Overrides.withSettings;

/**
 * What to run: the {@link Experiment} (what makes two runs comparable) and how this run carries it out (its targets,
 * folders and injectors), from the keys given over a profile ({@link Profiles}). Gatling's Maven plugin passes
 * Maven's {@code -D} properties on to its forked JVM as system properties. docs/running.md lists every key.
 *
 * <p>Targets are named: {@code -Dtargets=blocking,virtual} or any names, each described by {@code -D<name>.*}, read
 * by {@link TargetProperties}. This class keeps what spans several keys; {@link Overrides} reads each one, and
 * {@link KnownKeys} refuses a key of ours that it does not know.
 *
 * @param waitSpec  what our servers' requests wait on, with the options given ({@code -Ddownstream.url}, ...)
 * @param calibrate true for a calibration run: it writes the injector's ceiling on this machine
 */
public record LadderConfig(
        Experiment experiment,
        Plan plan,
        WaitSpec waitSpec,
        List<TargetSpec> targets,
        String targetHeap,
        String gapOf,
        String gapOver,
        String runId,
        Path outputDir,
        Path gatlingResultsDir,
        Injection injection,
        boolean calibrate) {

    /** The headline's gap, when the run has both: virtual over blocking. */
    public static final String DEFAULT_GAP_OF = "virtual";
    public static final String DEFAULT_GAP_OVER = "blocking";

    /** The top of a capacity search unless -Dauto.max says otherwise: the c10k mark, within 20,000 open files. */
    public static final int AUTO_MAX = 10_000;
    /** The same for the open model, requests/s: above what two cores serve, so that the search finds the limit. */
    public static final int AUTO_MAX_RATE = 40_000;
    /** Stop a capacity search when held and broke are this close, %, unless -Dauto.within says otherwise. */
    public static final double AUTO_WITHIN_PERCENT = 10;
    /** The most levels a capacity search runs unless -Dauto.probes says otherwise: 10 doublings and 6 bisections. */
    public static final int AUTO_PROBES = 16;

    /** Heap of every managed target unless -Dtarget.heap says otherwise. */
    public static final String DEFAULT_HEAP = "512m";

    /** An injector's index, 0..N-1: the variable Kubernetes sets in every pod of an Indexed Job (-Dinjector). */
    public static final String INDEX_ENV = "JOB_COMPLETION_INDEX";
    /** N, the number of injectors (-Dinjectors). */
    public static final String COUNT_ENV = "NONBLOCKING_INJECTORS";
    /** host:port of injector 0's rendezvous (-Dcoordinator). */
    public static final String COORDINATOR_ENV = "NONBLOCKING_COORDINATOR";
    /** The most injectors: beyond that the split's shares of the lowest levels are mostly empty. */
    public static final int MAX_INJECTORS = 64;
    /** A request's timeout, and a latency limit, ms. */
    static final Limits.Range TIMEOUT_MS = new Limits.Range(1, 600_000);

    public LadderConfig {
        targets = List.copyOf(targets);
    }

    /** System properties, over the injector's environment (a pod's), over the -Dsettings file. */
    public static LadderConfig fromSystemProperties() {
        return from(systemProperties());
    }

    /** The system properties over the injector's environment variables, as {@link #from} reads them. */
    public static Map<String, String> systemProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        Map.of(INDEX_ENV, "injector", COUNT_ENV, "injectors", COORDINATOR_ENV, "coordinator").forEach((env, key) -> {
            String value = System.getenv(env);
            if (value != null && !value.isBlank()) {
                props.put(key, value);
            }
        });
        System.getProperties().forEach((key, value) -> props.put(key.toString(), value.toString()));
        return props;
    }

    /**
     * Reads the keys given over their profile; a bad value or an unknown key of ours is a one-line
     * {@link NonblockingException} naming it. {@code settings} names a properties file of the same keys, read beneath
     * the ones given (a ConfigMap's, say), and above the profile.
     */
    public static LadderConfig from(Map<String, String> given) {
        Map<String, String> props = Profiles.beneath(withSettings(given));
        Keys.Run keys = Keys.run(props);
        List<String> names = names(keys.targets());
        KnownKeys.check(props, names);
        Load load = load(keys.load());
        Plan plan = plan(keys, props, load);
        Duration hold = seconds("hold", keys.hold(), 0, false);
        Duration ramp = seconds("ramp", keys.ramp(), 0, true);
        Duration warmup = seconds("warmup", keys.warmup(), 0, true);
        Duration warmupMax = seconds("warmup.max", keys.warmupMax(), 0, true);
        if (warmupMax.compareTo(warmup) < 0) {
            warmupMax = warmup;   // a warm-up given longer than the profile's longest is simply that long
        }
        if (!ramp.isZero() && ramp.compareTo(Duration.ofSeconds(1)) < 0) {
            // Gatling 3.15 never injects a rampUsers(...).during(<1 s) step: the run would sit idle until maxDuration.
            throw bad("ramp", props.get("ramp"), "must be 0 (all users at once) or at least 1 second");
        }
        long pause = ranged("pause", keys.pause(), Limits.PAUSE_MS);
        long timeout = ranged("timeout", keys.timeout(), TIMEOUT_MS);
        if (timeout <= pause) {
            throw bad("timeout", timeout, "must be longer than the pause (" + pause + " ms)");
        }
        long work = ranged("work", keys.work(), Limits.WORK_MICROS);
        if (keys.sloP99() == null && pause == 0) {
            throw new NonblockingException("-Dpause=0 needs -Dslo.p99=<ms>: without a pause, 1.5 x pause is no latency limit");
        }
        double p99 = keys.sloP99() == null ? Slo.forPause(pause).p99Ms() : ranged("slo.p99", keys.sloP99(), TIMEOUT_MS);
        double sloKo = ranged("slo.ko", keys.sloKo(), 0, 0.0, 100.0);
        Slo slo = load == Load.OPEN ? Slo.open(p99, sloKo) : new Slo(p99, sloKo, Slo.forPause(pause).minEfficiency());
        String heap = keys.heap() == null ? DEFAULT_HEAP : keys.heap();
        if (!heap.matches("\\d+[kKmMgG]")) {
            throw bad("target.heap", heap, "must be a JVM heap size such as 512m or 2g");
        }
        boolean remote = Boolean.TRUE.equals(keys.remote());
        int top = plan.maxUsers();
        List<TargetSpec> targets = names.stream().map(name -> TargetProperties.target(name, props, top, remote, slo, pause,
                keys.sloP99() != null)).toList();
        String gapOf = keys.gapOf() == null ? DEFAULT_GAP_OF : keys.gapOf();
        String gapOver = keys.gapOver() == null ? DEFAULT_GAP_OVER : keys.gapOver();
        if ((keys.gapOf() != null || keys.gapOver() != null)
                && !(names.contains(gapOf) && names.contains(gapOver) && !gapOf.equals(gapOver))) {
            throw bad("gap.of", gapOf, "and -Dgap.over=" + gapOver
                    + " must name two different targets of this run " + names);
        }
        if (keys.runId() != null && !keys.runId().matches("[A-Za-z0-9._-]+")) {
            throw bad("runId", keys.runId(), "must be a plain folder name (letters, digits, . _ -)");
        }
        Path output = keys.output() == null ? defaultOutput() : Overrides.path(keys.output());
        Path gatling = keys.gatlingResults() == null ? output.resolveSibling("gatling") : Overrides.path(keys.gatlingResults());
        Injection injection = injection(keys, plan, targets);
        if (injection.part() && !injection.first()) {
            targets = targets.stream().map(TargetSpec::withoutCensus).toList();   // injector 0 alone reads it
        }
        if (injection.count() > 1) {
            plan = new FixedLadder(plan.upFront(), false);
            warmupMax = warmup;   // one timeline from a common start: an injector that lengthened its own warm-up
                                  // would hold its levels apart from the others'
        }
        if (load == Load.OPEN) {
            targets.stream().filter(t -> t.request().flow() != null).findFirst().ifPresent(t -> {
                throw bad("load", "open", "sends one request per arrival: target " + t.name() + "'s flow needs -Dload=closed");
            });
        }
        long stall = ranged("stall", keys.stall(), 0, 0, Limits.STALL_MS.max());
        if (stall >= hold.toMillis()) {
            throw bad("stall", stall, "must be shorter than the hold (" + hold.toMillis() + " ms): it freezes the target once in"
                    + " the middle of each hold");
        }
        WaitSpec waitSpec = Waits.spec(keys.waitKind(), props, timeout);
        Experiment experiment = new Experiment(keys.profile(), load, plan.record(), hold.toNanos() / 1e9,
                ramp.toNanos() / 1e9, warmup.toNanos() / 1e9, warmupMax.toNanos() / 1e9, Waits.recorded(waitSpec, pause),
                work, timeout, stall, slo, injection.count());
        return new LadderConfig(experiment, plan, waitSpec, targets, heap, gapOf, gapOver, keys.runId(),
                output.toAbsolutePath().normalize(), gatling.toAbsolutePath().normalize(), injection,
                Boolean.TRUE.equals(keys.calibrate()));
    }

    public String profile() {
        return experiment.profile();
    }

    public Load load() {
        return experiment.load();
    }

    public Duration hold() {
        return duration(experiment.holdS());
    }

    public Duration ramp() {
        return duration(experiment.rampS());
    }

    public Duration warmup() {
        return duration(experiment.warmupS());
    }

    /** The longest the warm-up may last while the load generator's JIT settles. */
    public Duration warmupMax() {
        return duration(experiment.warmupMaxS());
    }

    /** The pause of every seed request, ms (a target may ask for its own). */
    public long pauseMs() {
        return experiment.waitOn().pauseMs();
    }

    public long workMicros() {
        return experiment.workMicros();
    }

    public long timeoutMs() {
        return experiment.timeoutMs();
    }

    public Slo slo() {
        return experiment.slo();
    }

    public long stallMs() {
        return experiment.stallMs();
    }

    private static Duration duration(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /** -Dload: closed (users, the default) or open (arrival rates). */
    private static Load load(String raw) {
        try {
            return raw == null ? Load.CLOSED : Load.of(raw);
        } catch (IllegalArgumentException e) {
            throw bad("load", raw, "must be closed (levels of users) or open (levels of requests per second)");
        }
    }

    /**
     * Open model: the senders, each with its own keep-alive connection. A level that holds has about rate x p99 of
     * its requests out at once (Little's law), so twice that at the top rate never limits a level that can hold;
     * when the server stalls, the requests beyond the pool wait for a sender and their wait counts, from the time
     * they were due. Bounded (one connection per request would use up the ephemeral ports within seconds at a few
     * thousand requests a second, and change what is measured into connection setup).
     */
    public int senders() {
        double inFlight = plan.maxUsers() * slo().p99Ms() / 1000.0;
        return (int) Math.min(SENDERS_MAX, Math.max(SENDERS_MIN, Math.ceil(2 * inFlight)));
    }

    /** The connections a target may need at once: a user each (closed), or the senders (open). */
    public int connections() {
        return load() == Load.OPEN ? senders() : plan.maxUsers();
    }

    /** The fewest and the most senders of the open model. */
    static final int SENDERS_MIN = 50;
    static final int SENDERS_MAX = 10_000;

    /**
     * -Dinjectors=N (1..64), -Dinjector=<index> and -Dcoordinator=host:port. N injectors run one fixed timeline from
     * a common start, so one decider is missing: a capacity search and the early stop are refused (the early stop
     * is off); and an injector that is one of N drives targets given by URL only (a local launcher starts the
     * managed ones, one at a time, and gives their URLs to its injectors).
     */
    private static Injection injection(Keys.Run keys, Plan plan, List<TargetSpec> targets) {
        int count = (int) ranged("injectors", keys.injectors(), 1, 1, MAX_INJECTORS);
        if (count == 1) {
            if (keys.injector() != null && ranged("injector", keys.injector(), 0, 0, MAX_INJECTORS) != 0) {
                throw bad("injector", keys.injector(), "needs -Dinjectors greater than it");
            }
            return Injection.ALONE;
        }
        if (plan instanceof CapacitySearch) {
            throw bad("levels", keys.levels(), "cannot run on " + count + " injectors: a capacity search needs one"
                    + " decider; give fixed levels");
        }
        if (Boolean.TRUE.equals(keys.earlyStop())) {
            throw bad("earlyStop", true, "cannot run on " + count + " injectors: they follow one fixed timeline; drop it");
        }
        Duration rendezvous = seconds("rendezvous.timeout", keys.rendezvousTimeout(), 120, false);
        if (keys.injector() == null) {
            return new Injection(count, null, null, rendezvous);
        }
        int index = (int) ranged("injector", keys.injector(), 0, 0, count - 1);
        String coordinator = keys.coordinator();
        if (coordinator == null || !coordinator.matches("[A-Za-z0-9.\\[\\]:_-]+:\\d{1,5}")) {
            throw bad("coordinator", coordinator, "must be host:port of injector 0's rendezvous (" + COORDINATOR_ENV + ")");
        }
        if (keys.runId() == null) {
            throw new NonblockingException("each of " + count + " injectors needs the same -DrunId: their parts go to"
                    + " <output>/<runId>/injector-<i>, where the merge finds them");
        }
        targets.stream().filter(TargetSpec::managed).findFirst().ifPresent(t -> {
            throw new NonblockingException("target " + t.name() + " has no -D" + t.name() + ".url: each of " + count
                    + " injectors drives targets given by URL (a local -Dinjectors=" + count + " run starts its own)");
        });
        return new Injection(count, index, coordinator, rendezvous);
    }

    /**
     * -Dlevels: a fixed ladder (the profile's, or the levels given) with -DearlyStop (on by default), or
     * {@code auto}, a capacity search tuned by -Dauto.from|max|within|probes.
     */
    private static Plan plan(Keys.Run keys, Map<String, String> props, Load load) {
        if (!"auto".equalsIgnoreCase(keys.levels())) {
            props.keySet().stream().filter(key -> key.startsWith("auto.")).findFirst().ifPresent(key -> {
                throw bad(key, props.get(key), "only applies to a capacity search: add -Dlevels=auto");
            });
            return new FixedLadder(levels(keys.levels()), !Boolean.FALSE.equals(keys.earlyStop()));
        }
        if (keys.earlyStop() != null) {
            throw bad("earlyStop", keys.earlyStop(), "only applies to a fixed ladder; a capacity search stops by itself");
        }
        Long first = props.containsKey("auto.from") ? keys.autoFrom() : Long.valueOf(levels(
                Profiles.beneath(Map.of("profile", keys.profile())).get("levels")).getFirst());
        int from = (int) ranged("auto.from", first, 0, 1, 1_000_000);
        int max = (int) ranged("auto.max", keys.autoMax(), Math.max(load == Load.OPEN ? AUTO_MAX_RATE : AUTO_MAX, from),
                1, 1_000_000);
        if (max < from) {
            throw bad("auto.max", max, "must be at least -Dauto.from (" + from + ")");
        }
        double percent = ranged("auto.within", keys.autoWithin(), AUTO_WITHIN_PERCENT, 0.1, 100.0);
        int probes = (int) ranged("auto.probes", keys.autoProbes(), AUTO_PROBES, 1, 100);
        return new CapacitySearch(from, max, percent, probes);
    }

    /** A target's timeline as the plan lays it out before any verdict: a fixed ladder whole, a search's first level. */
    public Ladder ladder() {
        return switch (plan) {
            case FixedLadder fixed -> new Ladder(fixed.levels(), ramp(), warmup(), hold());
            case CapacitySearch search -> {
                Ladder open = new Ladder(ramp(), warmup(), hold());
                open.append(search.from(), 0);   // every later level waits for a verdict
                yield open;
            }
        };
    }

    private static Path defaultOutput() {
        // The plugin forks Gatling in Maven's working directory: the repo root or the simulations module.
        Path cwd = Path.of("").toAbsolutePath();
        return cwd.resolve("simulations").toFile().isDirectory() && cwd.resolve("simulations/pom.xml").toFile().isFile()
                ? cwd.resolve("simulations/target/nonblocking") : cwd.resolve("target/nonblocking");
    }

    static List<Integer> levels(String raw) {
        if (raw == null) {
            throw new NonblockingException("-Dlevels is not set; give comma-separated levels, e.g. 25,50,100");
        }
        List<Integer> levels;
        try {
            levels = Arrays.stream(raw.split(",")).filter(part -> !part.isBlank())
                    .map(part -> Integer.parseInt(part.trim())).toList();
        } catch (NumberFormatException e) {
            throw bad("levels", raw, "must be comma-separated user counts, e.g. 25,50,100");
        }
        if (levels.isEmpty()) {
            throw new NonblockingException("-Dlevels is empty; give comma-separated user counts, e.g. 25,50,100");
        }
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i) < 1 || (i > 0 && levels.get(i) <= levels.get(i - 1))) {
                throw bad("levels", raw, "must be positive and strictly increasing");
            }
        }
        return levels;
    }

    private static List<String> names(String raw) {
        if (raw == null) {
            throw new NonblockingException("-Dtargets is not set; name the targets to run, e.g. blocking,virtual");
        }
        List<String> names = Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
        if (names.isEmpty()) {
            throw new NonblockingException("-Dtargets is empty; name the targets to run, e.g. blocking,virtual");
        }
        names.stream().filter(name -> !name.matches("[a-z][a-z0-9_-]*")).findFirst().ifPresent(name -> {
            throw new NonblockingException("-Dtargets=" + raw + ": '" + name
                    + "' must be a plain name (a letter, then letters, digits, _ or -)");
        });
        return names;
    }
}
