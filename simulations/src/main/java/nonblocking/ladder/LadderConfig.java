package nonblocking.ladder;

import nonblocking.results.Load;
import nonblocking.NonblockingException;
import nonblocking.results.Slo;
import nonblocking.server.ThreadModel;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What to run, from a profile and {@code -D} overrides (Gatling's Maven plugin passes Maven's {@code -D}
 * properties on to its forked JVM as system properties). The README's "Running the ladder" lists them all.
 *
 * <p>Targets are named: {@code -Dtargets=blocking,virtual} (the default) or any names, each described by
 * {@code -D<name>.model|threads|maxVirtualThreads|url|census} (see {@link TargetSpec}). The built-in names
 * below need no model; any other name needs a model or a URL. This class and target-apps are the only code that
 * knows a target by name.
 */
public record LadderConfig(
        String profile,
        Plan plan,
        Duration hold,
        Duration ramp,
        Duration warmup,
        long pauseMs,
        long workMicros,
        long timeoutMs,
        Slo slo,
        List<TargetSpec> targets,
        String targetHeap,
        String gapOf,
        String gapOver,
        String runId,
        Path outputDir,
        Path gatlingResultsDir,
        Injection injection,
        Load load,
        long stallMs) {

    /**
     * Built-in target names and their models. "tuned" is the blocking model with its pool sized to the top level of
     * the run's ladder: "just raise maxThreads".
     */
    static final Map<String, ThreadModel> BUILT_IN = Map.of(
            "blocking", ThreadModel.BLOCKING,
            "tuned", ThreadModel.BLOCKING,
            "virtual", ThreadModel.VIRTUAL,
            "async", ThreadModel.ASYNC);
    static final String TUNED = "tuned";
    static final String DEFAULT_TARGETS = "blocking,tuned,virtual,async";
    /** The headline's gap, when the run has both: virtual over blocking. */
    public static final String DEFAULT_GAP_OF = "virtual";
    public static final String DEFAULT_GAP_OVER = "blocking";

    /** The profiles by name: the experiment's defaults, as data in {@code profiles.yaml}. */
    public static final Map<String, Profile> PROFILES = Profile.ALL;

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
     * Reads a profile and its overrides; a bad value is a one-line {@link NonblockingException} naming the property.
     * {@code settings} names a properties file of the same keys, read beneath the others (a ConfigMap's, say).
     */
    public static LadderConfig from(Map<String, String> given) {
        Map<String, String> props = withSettings(given);
        String profileName = props.getOrDefault("profile", "default").trim().toLowerCase(Locale.ROOT);
        Profile profile = PROFILES.get(profileName);
        if (profile == null) {
            throw bad("profile", profileName, "is unknown; use one of " + PROFILES.keySet().stream().sorted().toList());
        }
        Load load = load(props);
        Plan plan = plan(props, profile, load);
        Duration hold = seconds(props, "hold", profile.holdS(), false);
        Duration ramp = seconds(props, "ramp", profile.rampS(), true);
        Duration warmup = seconds(props, "warmup", profile.warmupS(), true);
        if (!ramp.isZero() && ramp.compareTo(Duration.ofSeconds(1)) < 0) {
            // Gatling 3.15 never injects a rampUsers(...).during(<1 s) step: the run would sit idle until maxDuration.
            throw bad("ramp", props.get("ramp"), "must be 0 (all users at once) or at least 1 second");
        }
        long pause = longValue(props, "pause", profile.pauseMs(), 0, 60_000);
        long timeout = longValue(props, "timeout", profile.timeoutMs(), 1, 600_000);
        if (timeout <= pause) {
            throw bad("timeout", timeout, "must be longer than the pause (" + pause + " ms)");
        }
        long work = longValue(props, "work", profile.workMicros(), 0, 1_000_000);
        String rawSlo = props.get("slo.p99");
        Double sloP99 = rawSlo == null || rawSlo.isBlank() ? profile.sloP99Ms()
                : Double.valueOf(longValue(props, "slo.p99", 0, 1, 600_000));
        if (sloP99 == null && pause == 0) {
            throw new NonblockingException("-Dpause=0 needs -Dslo.p99=<ms>: without a pause, 1.5 x pause is no latency limit");
        }
        double sloKo = props.containsKey("slo.ko")
                ? ranged("slo.ko", props.get("slo.ko"), Double::parseDouble, "a number", 0.0, 100.0) : Slo.KO_PERCENT;
        Slo defaults = Slo.forPause(pause);
        double p99 = sloP99 == null ? defaults.p99Ms() : sloP99;
        Slo slo = load == Load.OPEN ? Slo.open(p99, sloKo) : new Slo(p99, sloKo, defaults.minEfficiency());
        String heap = props.getOrDefault("target.heap", DEFAULT_HEAP).trim();
        if (!heap.matches("\\d+[kKmMgG]")) {
            throw bad("target.heap", heap, "must be a JVM heap size such as 512m or 2g");
        }
        boolean remote = bool(props, "remote");
        List<TargetSpec> targets = new ArrayList<>();
        for (String name : names(props.getOrDefault("targets", DEFAULT_TARGETS))) {
            targets.add(target(name, props, profile.blockingThreads(), plan.maxUsers(), remote, slo, pause));
        }
        List<String> names = targets.stream().map(TargetSpec::name).toList();
        String gapOf = props.getOrDefault("gap.of", DEFAULT_GAP_OF).trim();
        String gapOver = props.getOrDefault("gap.over", DEFAULT_GAP_OVER).trim();
        if ((props.containsKey("gap.of") || props.containsKey("gap.over"))
                && !(names.contains(gapOf) && names.contains(gapOver) && !gapOf.equals(gapOver))) {
            throw bad("gap.of", gapOf, "and -Dgap.over=" + gapOver
                    + " must name two different targets of this run " + names);
        }
        String runId = props.get("runId");
        if (runId != null && !runId.matches("[A-Za-z0-9._-]+")) {
            throw bad("runId", runId, "must be a plain folder name (letters, digits, . _ -)");
        }
        Path output = Path.of(props.getOrDefault("nonblocking.output", defaultOutput().toString()));
        Path gatling = Path.of(props.getOrDefault("nonblocking.gatlingResults", output.resolveSibling("gatling").toString()));
        // Shorter holds or ramps keep the experiment; other levels or another pause make it a different one.
        boolean sameRequest = pause == profile.pauseMs() && work == profile.workMicros();
        String name = !sameRequest ? "custom" : plan instanceof CapacitySearch ? profile.name() + "-auto"
                : plan.upFront().equals(profile.levels()) ? profile.name() : "custom";
        Injection injection = injection(props, plan, targets);
        if (injection.part() && !injection.first()) {
            targets = targets.stream().map(TargetSpec::withoutCensus).toList();   // injector 0 alone reads it
        }
        if (injection.count() > 1) {
            plan = new FixedLadder(plan.upFront(), false);
        }
        if (load == Load.OPEN) {
            targets.stream().filter(t -> t.request().flow() != null).findFirst().ifPresent(t -> {
                throw bad("load", "open", "sends one request per arrival: target " + t.name() + "'s flow needs -Dload=closed");
            });
        }
        long stall = longValue(props, "stall", 0, 0, 60_000);
        if (stall >= hold.toMillis()) {
            throw bad("stall", stall, "must be shorter than the hold (" + hold.toMillis() + " ms): it freezes the target once in"
                    + " the middle of each hold");
        }
        return new LadderConfig(name, plan, hold, ramp, warmup, pause, work, timeout, slo, targets, heap, gapOf, gapOver,
                runId, output.toAbsolutePath().normalize(), gatling.toAbsolutePath().normalize(), injection, load, stall);
    }

    /** -Dload: closed (users, the default) or open (arrival rates). */
    private static Load load(Map<String, String> props) {
        String raw = props.getOrDefault("load", "closed").trim();
        try {
            return Load.of(raw);
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
        double inFlight = plan.maxUsers() * slo.p99Ms() / 1000.0;
        return (int) Math.min(SENDERS_MAX, Math.max(SENDERS_MIN, Math.ceil(2 * inFlight)));
    }

    /** The connections a target may need at once: a user each (closed), or the senders (open). */
    public int connections() {
        return load == Load.OPEN ? senders() : plan.maxUsers();
    }

    /** The fewest and the most senders of the open model. */
    static final int SENDERS_MIN = 50;
    static final int SENDERS_MAX = 10_000;

    /** The -Dsettings file's keys beneath the ones given. */
    private static Map<String, String> withSettings(Map<String, String> given) {
        String file = given.get("settings");
        if (file == null || file.isBlank()) {
            return given;
        }
        java.util.Properties settings = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(Path.of(file.trim()))) {
            settings.load(in);
        } catch (java.io.IOException | RuntimeException e) {
            throw bad("settings", file, "cannot be read: " + e.getMessage());
        }
        Map<String, String> props = new LinkedHashMap<>();
        settings.forEach((key, value) -> props.put(key.toString(), value.toString().trim()));
        props.putAll(given);
        props.remove("settings");
        return props;
    }

    /**
     * -Dinjectors=N (1..64), -Dinjector=<index> and -Dcoordinator=host:port. N injectors run one fixed timeline from
     * a common start, so one decider is missing: a capacity search and the early stop are refused (the early stop
     * is off); and an injector that is one of N drives targets given by URL only (a local launcher starts the
     * managed ones, one at a time, and gives their URLs to its injectors).
     */
    private static Injection injection(Map<String, String> props, Plan plan, List<TargetSpec> targets) {
        int count = (int) longValue(props, "injectors", 1, 1, MAX_INJECTORS);
        String rawIndex = props.get("injector");
        boolean indexed = rawIndex != null && !rawIndex.isBlank();
        if (count == 1) {
            if (indexed && longValue(props, "injector", 0, 0, MAX_INJECTORS) != 0) {
                throw bad("injector", rawIndex, "needs -Dinjectors greater than it");
            }
            return Injection.ALONE;
        }
        if (plan instanceof CapacitySearch) {
            throw bad("levels", props.get("levels"), "cannot run on " + count + " injectors: a capacity search needs one"
                    + " decider; give fixed levels");
        }
        if (props.containsKey("earlyStop") && bool(props, "earlyStop")) {
            throw bad("earlyStop", props.get("earlyStop"), "cannot run on " + count + " injectors: they follow one"
                    + " fixed timeline; drop it");
        }
        Duration rendezvous = seconds(props, "rendezvous.timeout", 120, false);
        if (!indexed) {
            return new Injection(count, null, null, rendezvous);
        }
        int index = (int) longValue(props, "injector", 0, 0, count - 1);
        String coordinator = props.get("coordinator");
        if (coordinator == null || !coordinator.trim().matches("[A-Za-z0-9.\\[\\]:_-]+:\\d{1,5}")) {
            throw bad("coordinator", coordinator, "must be host:port of injector 0's rendezvous (" + COORDINATOR_ENV + ")");
        }
        String runId = props.get("runId");
        if (runId == null || runId.isBlank()) {
            throw new NonblockingException("each of " + count + " injectors needs the same -DrunId: their parts go to"
                    + " <output>/<runId>/injector-<i>, where the merge finds them");
        }
        targets.stream().filter(TargetSpec::managed).findFirst().ifPresent(t -> {
            throw new NonblockingException("target " + t.name() + " has no -D" + t.name() + ".url: each of " + count
                    + " injectors drives targets given by URL (a local -Dinjectors=" + count + " run starts its own)");
        });
        return new Injection(count, index, coordinator.trim(), rendezvous);
    }

    /**
     * -Dlevels: a fixed ladder (the profile's, or the levels given) with -DearlyStop (on by default), or
     * {@code auto}, a capacity search tuned by -Dauto.from|max|within|probes.
     */
    private static Plan plan(Map<String, String> props, Profile profile, Load load) {
        String raw = props.get("levels");
        boolean auto = raw != null && "auto".equalsIgnoreCase(raw.trim());
        if (!auto) {
            props.keySet().stream().filter(key -> key.startsWith("auto.")).findFirst().ifPresent(key -> {
                throw bad(key, props.get(key), "only applies to a capacity search: add -Dlevels=auto");
            });
            return new FixedLadder(raw != null ? levels(raw) : profile.levels(),
                    !props.containsKey("earlyStop") || bool(props, "earlyStop"));
        }
        if (props.containsKey("earlyStop")) {
            throw bad("earlyStop", props.get("earlyStop"), "only applies to a fixed ladder; a capacity search stops by itself");
        }
        int from = (int) longValue(props, "auto.from", profile.levels().getFirst(), 1, 1_000_000);
        int max = (int) longValue(props, "auto.max", Math.max(load == Load.OPEN ? AUTO_MAX_RATE : AUTO_MAX, from), 1, 1_000_000);
        if (max < from) {
            throw bad("auto.max", max, "must be at least -Dauto.from (" + from + ")");
        }
        String within = props.get("auto.within");
        double percent = within == null || within.isBlank() ? AUTO_WITHIN_PERCENT
                : ranged("auto.within", within, Double::parseDouble, "a percentage", 0.1, 100.0);
        int probes = (int) longValue(props, "auto.probes", AUTO_PROBES, 1, 100);
        return new CapacitySearch(from, max, percent, probes);
    }

    /**
     * One target from its -D<name>.* properties; built-in names bring their model and pool size (the profile's,
     * or the top level for "tuned").
     */
    private static TargetSpec target(String name, Map<String, String> props, int poolSize, int topLevel, boolean remote,
                                     Slo runSlo, long pause) {
        String rawModel = props.get(name + ".model");
        ThreadModel model = rawModel == null || rawModel.isBlank() ? BUILT_IN.get(name) : model(name, rawModel);
        Integer threads = props.containsKey(name + ".threads")
                ? Integer.valueOf((int) longValue(props, name + ".threads", 0, 1, 100_000))
                : model != null && model.pooled() && !props.containsKey(name + ".url") ? (TUNED.equals(name) ? topLevel : poolSize)
                : null;
        String rawCap = props.get(name + ".maxVirtualThreads");
        Integer cap = rawCap == null || rawCap.isBlank() || "unbounded".equalsIgnoreCase(rawCap.trim())
                ? null : (int) longValue(props, name + ".maxVirtualThreads", 0, 1, 10_000_000);
        String rawUrl = props.get(name + ".url");
        boolean given = rawUrl != null && !rawUrl.isBlank();
        boolean seed = props.containsKey(name + ".seed") ? bool(props, name + ".seed") : !given;
        URI url = given ? url(name + ".url", rawUrl.trim(), remote, seed) : null;
        URI census = optionalUrl(props, name + ".census", remote);
        TargetSpec.Request request = request(name, props, seed);
        return new TargetSpec(name, model, threads, cap, url, census, request, slo(name, props, request.paused(), runSlo, pause));
    }

    /** -D<name>.method, .header.<Name>, .body (a file), .timeout, .pause (the seed's), .flow: what each user sends. */
    private static TargetSpec.Request request(String name, Map<String, String> props, boolean seed) {
        String method = props.getOrDefault(name + ".method", "GET").trim().toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw bad(name + ".method", props.get(name + ".method"), "is not an HTTP method");
        }
        Map<String, String> headers = new java.util.TreeMap<>();
        String prefix = name + ".header.";
        props.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                headers.put(key.substring(prefix.length()), value);
            }
        });
        byte[] body = null;
        String file = props.get(name + ".body");
        if (file != null && !file.isBlank()) {
            try {
                body = java.nio.file.Files.readAllBytes(Path.of(file.trim()));
            } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
                throw bad(name + ".body", file, "cannot be read: " + e.getMessage());
            }
        }
        Long timeout = props.containsKey(name + ".timeout") ? Long.valueOf(longValue(props, name + ".timeout", 0, 1, 600_000)) : null;
        Long pause = props.containsKey(name + ".pause") ? Long.valueOf(longValue(props, name + ".pause", 0, 0, 60_000)) : null;
        if (pause != null && !seed) {
            throw bad(name + ".pause", props.get(name + ".pause"), "only applies to the seed request (our own servers)");
        }
        String flow = props.get(name + ".flow");
        if (flow != null && !flow.trim().matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw bad(name + ".flow", flow, "must be the class name of a nonblocking.run.Flow, e.g. nonblocking.flows.LoginThenTwoCalls");
        }
        return new TargetSpec.Request(method, headers, body, timeout, seed, flow == null ? null : flow.trim(), pause);
    }

    /**
     * -D<name>.slo.p99 and .slo.ko: this target's own SLO. A target that gets the seed request is judged by the run's
     * SLO unless it says otherwise; one requested as given, or running a flow of its own, is not timed against the
     * pause, so it needs a p99 (its own or -Dslo.p99).
     */
    private static Slo slo(String name, Map<String, String> props, boolean paused, Slo runSlo, long pause) {
        String p99 = props.get(name + ".slo.p99");
        String ko = props.get(name + ".slo.ko");
        boolean own = (p99 != null && !p99.isBlank()) || (ko != null && !ko.isBlank());
        if (paused && !own) {
            return null;
        }
        boolean runP99 = props.get("slo.p99") != null && !props.get("slo.p99").isBlank();
        if (!paused && (p99 == null || p99.isBlank()) && !runP99) {
            throw new NonblockingException("target " + name + " is not timed against the seed's pause: give it"
                    + " a latency limit, -D" + name + ".slo.p99=<ms> (or -Dslo.p99=<ms> for every target)");
        }
        double limit = p99 != null && !p99.isBlank() ? longValue(props, name + ".slo.p99", 0, 1, 600_000) : runSlo.p99Ms();
        double koLimit = ko != null && !ko.isBlank()
                ? ranged(name + ".slo.ko", ko, Double::parseDouble, "a number", 0.0, 100.0) : runSlo.koPercent();
        return runSlo.offered() ? Slo.open(limit, koLimit)
                : new Slo(limit, koLimit, paused && pause > 0 ? Slo.MIN_EFFICIENCY : null);
    }

    private static ThreadModel model(String name, String raw) {
        try {
            return ThreadModel.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad(name + ".model", raw, "is unknown; use one of "
                    + Arrays.stream(ThreadModel.values()).map(TargetSpec::label).toList());
        }
    }

    public List<String> targetNames() {
        return targets.stream().map(TargetSpec::name).toList();
    }

    /** The most users any target may be driven with: the top of the ladder, or of the search. */
    public int maxUsers() {
        return plan.maxUsers();
    }

    /** A target's timeline as the plan lays it out before any verdict: a fixed ladder whole, a search's first level. */
    public Ladder ladder() {
        return switch (plan) {
            case FixedLadder fixed -> new Ladder(fixed.levels(), ramp, warmup, hold);
            case CapacitySearch search -> {
                Ladder open = new Ladder(ramp, warmup, hold);
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

    /** Every bad value is reported alike: "-D<key>=<raw> <problem>". */
    private static NonblockingException bad(String key, Object raw, String problem) {
        return new NonblockingException("-D" + key + "=" + raw + " " + problem);
    }

    private static <T> T parse(String key, String raw, Function<String, T> parser, String what) {
        try {
            return parser.apply(raw.trim());
        } catch (NumberFormatException e) {
            throw bad(key, raw, "must be " + what);
        }
    }

    private static <T extends Number> T ranged(String key, String raw, Function<String, T> parser, String what,
                                               T min, T max) {
        T value = parse(key, raw, parser, what);
        if (!(value.doubleValue() >= min.doubleValue() && value.doubleValue() <= max.doubleValue())) {
            throw bad(key, raw, "must be between " + min + " and " + max);
        }
        return value;
    }

    private static long longValue(Map<String, String> props, String key, long fallback, long min, long max) {
        String raw = props.get(key);
        return raw == null || raw.isBlank() ? fallback : ranged(key, raw, Long::parseLong, "a whole number", min, max);
    }

    private static Duration seconds(Map<String, String> props, String key, double fallback, boolean zeroOk) {
        String raw = props.get(key);
        double s = raw == null ? fallback : parse(key, raw, Double::parseDouble, "a number of seconds");
        if (Double.isNaN(s) || s < 0 || (!zeroOk && s == 0) || s > 3600) {
            throw bad(key, raw, "must be " + (zeroOk ? ">= 0" : "> 0") + " and <= 3600 seconds");
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static List<String> names(String raw) {
        List<String> names = Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
        if (names.isEmpty()) {
            throw new NonblockingException("-Dtargets is empty; name the targets to run, e.g. blocking,virtual");
        }
        for (String name : names) {
            if (!name.matches("[a-z][a-z0-9_-]*")) {
                throw new NonblockingException("-Dtargets=" + raw + ": '" + name
                        + "' must be a plain name (a letter, then letters, digits, _ or -)");
            }
        }
        return names;
    }

    private static boolean bool(Map<String, String> props, String key) {
        String raw = props.getOrDefault(key, "false").trim().toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true", "" -> true;   // a bare -Dremote means true, as for Maven's own flags
            case "false" -> false;
            default -> throw bad(key, props.get(key), "must be true or false");
        };
    }

    private static URI optionalUrl(Map<String, String> props, String key, boolean remote) {
        String raw = props.get(key);
        return raw == null || raw.isBlank() ? null : url(key, raw.trim(), remote, true);
    }

    /** @param base true for a base URL (ends in "/", no query), false for a URL requested exactly as given */
    private static URI url(String key, String raw, boolean remote, boolean base) {
        URI uri;
        try {
            uri = new URI(base && !raw.endsWith("/") ? raw + "/" : raw);
        } catch (URISyntaxException e) {
            throw bad(key, raw, "is not a URL: " + e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || (base && uri.getRawQuery() != null)) {
            throw bad(key, raw, base ? "must be an http(s) base URL such as http://127.0.0.1:8080/ (the seed request adds its own query)"
                    : "must be an http(s) URL such as http://127.0.0.1:8080/orders");
        }
        if (!remote && !isLoopback(uri.getHost())) {
            // A load generator pointed at the wrong host is a denial of service: another machine needs a yes.
            throw bad(key, raw, "is not this machine's loopback; add -Dremote=true to send load to another host");
        }
        return uri;
    }

    /** True when every address the host resolves to is a loopback address (127.0.0.0/8, ::1). */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            throw new NonblockingException("cannot resolve host " + host + ": " + e.getMessage());
        }
    }
}
