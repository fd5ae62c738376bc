package nonblocking.ladder;

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

/**
 * What to run, from a profile and {@code -D} overrides (Gatling's Maven plugin passes Maven's {@code -D}
 * properties on to its forked JVM as system properties).
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><td>profile</td><td>default | seed | c10k</td></tr>
 *   <tr><td>levels</td><td>users per level, comma-separated, increasing</td></tr>
 *   <tr><td>hold, ramp, warmup</td><td>seconds (decimals allowed)</td></tr>
 *   <tr><td>pause, timeout</td><td>milliseconds</td></tr>
 *   <tr><td>targets</td><td>blocking,virtual (run in this order) or one of them</td></tr>
 *   <tr><td>blocking.threads</td><td>pool size of the managed blocking target</td></tr>
 *   <tr><td>virtual.maxVirtualThreads</td><td>cap of the managed virtual target (the "cripple")</td></tr>
 *   <tr><td>target.heap</td><td>fixed heap of both managed targets, e.g. 512m or 2g</td></tr>
 *   <tr><td>blocking.url, virtual.url</td><td>drive this server instead of starting one</td></tr>
 *   <tr><td>blocking.census, virtual.census</td><td>that server's census port, if it has one (default: its URL)</td></tr>
 *   <tr><td>remote</td><td>true: allow URLs that are not this machine's loopback (default false)</td></tr>
 *   <tr><td>runId</td><td>run folder name (default: UTC time and profile)</td></tr>
 *   <tr><td>nonblocking.output</td><td>folder of run folders (default simulations/target/nonblocking)</td></tr>
 *   <tr><td>nonblocking.gatlingResults</td><td>Gatling's results folder, to find this run's report</td></tr>
 * </table>
 */
public record LadderConfig(
        String profile,
        List<Integer> levels,
        Duration hold,
        Duration ramp,
        Duration warmup,
        long pauseMs,
        long timeoutMs,
        List<String> targets,
        int blockingThreads,
        Integer virtualMaxThreads,
        String targetHeap,
        Map<String, URI> urls,
        Map<String, URI> censusUrls,
        String runId,
        Path outputDir,
        Path gatlingResultsDir) {

    public static final String BLOCKING = "blocking";
    public static final String VIRTUAL = "virtual";
    public static final List<String> TARGETS = List.of(BLOCKING, VIRTUAL);

    /** Every property this class reads; anything else is ignored. */
    public static final List<String> PROPERTIES = List.of("profile", "levels", "hold", "ramp", "warmup", "pause",
            "timeout", "targets", "blocking.threads", "virtual.maxVirtualThreads", "target.heap", "blocking.url", "virtual.url",
            "blocking.census", "virtual.census", "remote", "runId", "nonblocking.output", "nonblocking.gatlingResults");

    /** A named set of defaults. */
    public record Profile(String name, List<Integer> levels, double holdS, double rampS, double warmupS,
                          long pauseMs, long timeoutMs, int blockingThreads, String targetHeap) {
    }

    public static final Map<String, Profile> PROFILES = profiles();

    private static Map<String, Profile> profiles() {
        Map<String, Profile> p = new LinkedHashMap<>();
        // ~70 s a target on 2 cores: 8 levels x (2 s ramp + 6 s hold) + 3 s warm-up.
        p.put("default", new Profile("default", List.of(25, 50, 100, 200, 400, 800, 1600, 3200),
                6, 2, 3, 1000, 5000, 200, TargetCommand.DEFAULT_HEAP));
        // The blog's experiment: "Hello", sleep 0.1 s, "World"; a blocking pool of 10 like a small WSGI server.
        p.put("seed", new Profile("seed", List.of(5, 10, 20, 50, 100, 200), 4, 1, 2, 100, 2000, 10,
                TargetCommand.DEFAULT_HEAP));
        // Ten thousand users at 1 s: held longer and ramped slower (thousands of connects per step), on the same
        // 512 MB heap as the other profiles: with Jetty's header cache off (target-apps' JettyTuning) a
        // connection costs a few KB of heap instead of ~45 KB, so 10,000 fit.
        // It starts at the blocking pool size, so that the blocking target holds a level and the gap is defined.
        p.put("c10k", new Profile("c10k", List.of(200, 1000, 2500, 5000, 10000), 10, 5, 5, 1000, 10000, 200,
                TargetCommand.DEFAULT_HEAP));
        return Map.copyOf(p);
    }

    public LadderConfig {
        levels = List.copyOf(levels);
        targets = List.copyOf(targets);
        urls = Map.copyOf(urls);
        censusUrls = Map.copyOf(censusUrls);
    }

    public static LadderConfig fromSystemProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        for (String key : PROPERTIES) {
            String value = System.getProperty(key);
            if (value != null) {
                props.put(key, value);
            }
        }
        return from(props);
    }

    /** Reads a profile and its overrides; a bad value is a {@link LadderException} naming the property. */
    public static LadderConfig from(Map<String, String> props) {
        String profileName = props.getOrDefault("profile", "default").trim().toLowerCase(Locale.ROOT);
        Profile profile = PROFILES.get(profileName);
        if (profile == null) {
            throw new LadderException("-Dprofile=" + profileName + " is unknown; use one of " + PROFILES.keySet().stream().sorted().toList());
        }
        List<Integer> levels = props.containsKey("levels") ? levels(props.get("levels")) : profile.levels();
        Duration hold = seconds(props, "hold", profile.holdS(), false);
        Duration ramp = seconds(props, "ramp", profile.rampS(), true);
        Duration warmup = seconds(props, "warmup", profile.warmupS(), true);
        if (!ramp.isZero() && ramp.compareTo(Duration.ofSeconds(1)) < 0) {
            // Gatling 3.15 never injects a rampUsers(...).during(<1 s) step: the run would sit idle until maxDuration.
            throw new LadderException("-Dramp=" + props.get("ramp") + " must be 0 (all users at once) or at least 1 second");
        }
        long pause = longValue(props, "pause", profile.pauseMs(), 0, 60_000);
        long timeout = longValue(props, "timeout", profile.timeoutMs(), 1, 600_000);
        if (timeout <= pause) {
            throw new LadderException("-Dtimeout=" + timeout + " must be longer than the pause (" + pause + " ms)");
        }
        List<String> targets = targets(props.getOrDefault("targets", String.join(",", TARGETS)));
        int threads = (int) longValue(props, "blocking.threads", profile.blockingThreads(), 1, 100_000);
        Integer cap = props.containsKey("virtual.maxVirtualThreads")
                && !props.get("virtual.maxVirtualThreads").isBlank()
                && !"unbounded".equalsIgnoreCase(props.get("virtual.maxVirtualThreads").trim())
                ? (int) longValue(props, "virtual.maxVirtualThreads", 0, 1, 10_000_000) : null;
        String heap = props.getOrDefault("target.heap", profile.targetHeap()).trim();
        if (!heap.matches("\\d+[kKmMgG]")) {
            throw new LadderException("-Dtarget.heap=" + heap + " must be a JVM heap size such as 512m or 2g");
        }
        boolean remote = bool(props, "remote");
        Map<String, URI> urls = new LinkedHashMap<>();
        Map<String, URI> censusUrls = new LinkedHashMap<>();
        for (String target : TARGETS) {
            String raw = props.get(target + ".url");
            if (raw != null && !raw.isBlank()) {
                urls.put(target, url(target + ".url", raw.trim(), remote));
            }
            String census = props.get(target + ".census");
            if (census != null && !census.isBlank()) {
                if (raw == null || raw.isBlank()) {
                    throw new LadderException("-D" + target + ".census needs -D" + target
                            + ".url: a managed target's census port is found by the ladder itself");
                }
                censusUrls.put(target, url(target + ".census", census.trim(), remote));
            }
        }
        String runId = props.get("runId");
        if (runId != null && !runId.matches("[A-Za-z0-9._-]+")) {
            throw new LadderException("-DrunId=" + runId + " must be a plain folder name (letters, digits, . _ -)");
        }
        Path output = Path.of(props.getOrDefault("nonblocking.output", defaultOutput().toString()));
        Path gatling = Path.of(props.getOrDefault("nonblocking.gatlingResults", output.resolveSibling("gatling").toString()));
        // Shorter holds or ramps keep the experiment; other levels or another pause make it a different one.
        String name = levels.equals(profile.levels()) && pause == profile.pauseMs() ? profile.name() : "custom";
        return new LadderConfig(name, levels, hold, ramp, warmup, pause, timeout, targets, threads, cap, heap, urls,
                censusUrls, runId, output.toAbsolutePath().normalize(), gatling.toAbsolutePath().normalize());
    }

    /** True when this run starts the target itself (no URL given for it). */
    public boolean managed(String target) {
        return !urls.containsKey(target);
    }

    /** The pool size a managed target of this name is started with: blocking only, else null. */
    public Integer threadsOf(String target) {
        return BLOCKING.equals(target) ? blockingThreads : null;
    }

    /** The virtual-thread cap a managed target of this name is started with: virtual only, null if none. */
    public Integer maxVirtualThreadsOf(String target) {
        return VIRTUAL.equals(target) ? virtualMaxThreads : null;
    }

    public int maxUsers() {
        return levels.getLast();
    }

    public Ladder ladder() {
        return new Ladder(levels, ramp, warmup, hold);
    }

    private static Path defaultOutput() {
        // The plugin forks Gatling in Maven's working directory: the repo root or the simulations module.
        Path cwd = Path.of("").toAbsolutePath();
        return cwd.resolve("simulations").toFile().isDirectory() && cwd.resolve("simulations/pom.xml").toFile().isFile()
                ? cwd.resolve("simulations/target/nonblocking") : cwd.resolve("target/nonblocking");
    }

    static List<Integer> levels(String raw) {
        List<Integer> levels = new ArrayList<>();
        try {
            for (String part : raw.split(",")) {
                if (!part.isBlank()) {
                    levels.add(Integer.parseInt(part.trim()));
                }
            }
        } catch (NumberFormatException e) {
            throw new LadderException("-Dlevels=" + raw + " must be comma-separated user counts, e.g. 25,50,100");
        }
        if (levels.isEmpty()) {
            throw new LadderException("-Dlevels is empty; give comma-separated user counts, e.g. 25,50,100");
        }
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i) < 1 || (i > 0 && levels.get(i) <= levels.get(i - 1))) {
                throw new LadderException("-Dlevels=" + raw + " must be positive and strictly increasing");
            }
        }
        return levels;
    }

    private static Duration seconds(Map<String, String> props, String key, double fallback, boolean zeroOk) {
        String raw = props.get(key);
        double s = fallback;
        if (raw != null) {
            try {
                s = Double.parseDouble(raw.trim());
            } catch (NumberFormatException e) {
                throw new LadderException("-D" + key + "=" + raw + " must be a number of seconds");
            }
        }
        if (Double.isNaN(s) || s < 0 || (!zeroOk && s == 0) || s > 3600) {
            throw new LadderException("-D" + key + "=" + raw + " must be " + (zeroOk ? ">= 0" : "> 0") + " and <= 3600 seconds");
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static long longValue(Map<String, String> props, String key, long fallback, long min, long max) {
        String raw = props.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new LadderException("-D" + key + "=" + raw + " must be a whole number");
        }
        if (value < min || value > max) {
            throw new LadderException("-D" + key + "=" + raw + " must be between " + min + " and " + max);
        }
        return value;
    }

    private static List<String> targets(String raw) {
        List<String> targets = Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
        if (targets.isEmpty() || !TARGETS.containsAll(targets)) {
            throw new LadderException("-Dtargets=" + raw + " must list blocking and/or virtual");
        }
        return targets;
    }

    private static boolean bool(Map<String, String> props, String key) {
        String raw = props.getOrDefault(key, "false").trim().toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true", "" -> true;   // a bare -Dremote means true, as for Maven's own flags
            case "false" -> false;
            default -> throw new LadderException("-D" + key + "=" + props.get(key) + " must be true or false");
        };
    }

    private static URI url(String key, String raw, boolean remote) {
        URI uri;
        try {
            uri = new URI(raw.endsWith("/") ? raw : raw + "/");
        } catch (URISyntaxException e) {
            throw new LadderException("-D" + key + "=" + raw + " is not a URL: " + e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null) {
            throw new LadderException("-D" + key + "=" + raw + " must be an http(s) base URL such as http://127.0.0.1:8080/");
        }
        if (!remote && !isLoopback(uri.getHost())) {
            // A load generator pointed at the wrong host is a denial of service: another machine needs a yes.
            throw new LadderException("-D" + key + "=" + raw + " is not this machine's loopback;"
                    + " add -Dremote=true to send load to another host");
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
            throw new LadderException("cannot resolve host " + host + ": " + e.getMessage());
        }
    }
}
