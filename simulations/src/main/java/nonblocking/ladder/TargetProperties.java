package nonblocking.ladder;

import nonblocking.NonblockingException;
import nonblocking.results.Slo;
import nonblocking.server.ThreadModel;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import static nonblocking.ladder.Overrides.bad;
import static nonblocking.ladder.Overrides.bool;
import static nonblocking.ladder.Overrides.longValue;
import static nonblocking.ladder.Overrides.optionalUrl;
import static nonblocking.ladder.Overrides.ranged;
import static nonblocking.ladder.Overrides.url;

/**
 * One target from its {@code -D<name>.*} properties (see {@link TargetSpec}): its model and pool, where it is, what
 * each user sends, and its own SLO. The built-in names below need no model; any other name needs a model or a URL.
 * This class and target-apps are the only code that knows a target by name.
 */
final class TargetProperties {

    private TargetProperties() {
    }

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

    /**
     * One target from its -D<name>.* properties; built-in names bring their model and pool size (the profile's,
     * or the top level for "tuned").
     */
    static TargetSpec target(String name, Map<String, String> props, int poolSize, int topLevel, boolean remote,
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
}
