package nonblocking.ladder;

import nonblocking.NonblockingException;
import nonblocking.results.Slo;
import nonblocking.server.Limits;
import nonblocking.server.TargetConfig;
import nonblocking.server.ThreadModel;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static nonblocking.ladder.Overrides.bad;
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
     * the run's ladder: "just raise maxThreads". "hybrid" is the seed's middle step.
     */
    static final Map<String, ThreadModel> BUILT_IN = Map.of(
            "blocking", ThreadModel.BLOCKING,
            "tuned", ThreadModel.BLOCKING,
            "hybrid", ThreadModel.HYBRID,
            "virtual", ThreadModel.VIRTUAL,
            "async", ThreadModel.ASYNC);
    static final String TUNED = "tuned";

    /**
     * One target from its -D<name>.* properties; built-in names bring their model, and a pool has the size its
     * profile gives it ({@code blocking.threads}), the top level for "tuned", else Jetty's default.
     *
     * @param runP99 whether -Dslo.p99 was given, a limit for every target
     */
    static TargetSpec target(String name, Map<String, String> props, int topLevel, boolean remote, Slo runSlo,
                             long pause, boolean runP99) {
        Keys.Target keys = Keys.target(name, props);
        ThreadModel model = keys.model() == null ? BUILT_IN.get(name) : model(name, keys.model());
        // A server given by URL has the pool it has: the census says which, not the profile.
        Integer threads = keys.url() != null ? null
                : keys.threads() != null ? Integer.valueOf((int) ranged(name + ".threads", keys.threads(), 0, 1, 100_000))
                : model == null || !model.pooled() ? null : TUNED.equals(name) ? topLevel : TargetConfig.DEFAULT_THREADS;
        Integer cap = keys.maxVirtualThreads() == null || "unbounded".equalsIgnoreCase(keys.maxVirtualThreads()) ? null
                : (int) ranged(name + ".maxVirtualThreads", Keys.whole(name + ".maxVirtualThreads", keys.maxVirtualThreads()),
                        0, 1, 10_000_000);
        boolean seed = keys.seed() != null ? keys.seed() : keys.url() == null;
        URI url = keys.url() != null ? url(name + ".url", keys.url(), remote, seed) : null;
        URI census = optionalUrl(name + ".census", keys.census(), remote);
        TargetSpec.Request request = request(name, keys, props, seed);
        return new TargetSpec(name, model, threads, cap, url, census, request,
                slo(name, keys, request.paused(), runSlo, pause, runP99));
    }

    /** -D<name>.method, .header.<Name>, .body (a file), .timeout, .pause (the seed's), .flow: what each user sends. */
    private static TargetSpec.Request request(String name, Keys.Target keys, Map<String, String> props, boolean seed) {
        String method = keys.method() == null ? "GET" : keys.method().toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw bad(name + ".method", keys.method(), "is not an HTTP method");
        }
        Map<String, String> headers = new TreeMap<>();
        String prefix = name + ".header.";
        props.forEach((key, value) -> {
            if (key.startsWith(prefix) && key.length() > prefix.length()) {
                headers.put(key.substring(prefix.length()), value);
            }
        });
        byte[] body = null;
        if (keys.body() != null) {
            Path file;
            try {
                file = Overrides.path(keys.body());
            } catch (InvalidPathException e) {
                throw bad(name + ".body", keys.body(), "is not a path: " + e.getMessage());
            }
            try {
                body = Files.readAllBytes(file);
            } catch (IOException e) {
                throw bad(name + ".body", keys.body(), "cannot be read: " + Overrides.unreadable(file, e));
            }
        }
        Long timeout = keys.timeout() == null ? null : ranged(name + ".timeout", keys.timeout(), LadderConfig.TIMEOUT_MS);
        Long pause = keys.pause() == null ? null : ranged(name + ".pause", keys.pause(), Limits.PAUSE_MS);
        if (pause != null && !seed) {
            throw bad(name + ".pause", pause, "only applies to the seed request (our own servers)");
        }
        String flow = keys.flow();
        if (flow != null && !flow.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw bad(name + ".flow", flow, "must be the class name of a nonblocking.run.Flow, e.g. nonblocking.flows.LoginThenTwoCalls");
        }
        return new TargetSpec.Request(method, headers, body, timeout, seed, flow, pause);
    }

    /**
     * -D<name>.slo.p99 and .slo.ko: this target's own SLO. A target that gets the seed request is judged by the run's
     * SLO unless it says otherwise; one requested as given, or running a flow of its own, is not timed against the
     * pause, so it needs a p99 (its own or -Dslo.p99).
     */
    private static Slo slo(String name, Keys.Target keys, boolean paused, Slo runSlo, long pause, boolean runP99) {
        if (paused && keys.sloP99() == null && keys.sloKo() == null) {
            return null;
        }
        if (!paused && keys.sloP99() == null && !runP99) {
            throw new NonblockingException("target " + name + " is not timed against the seed's pause: give it"
                    + " a latency limit, -D" + name + ".slo.p99=<ms> (or -Dslo.p99=<ms> for every target)");
        }
        double limit = keys.sloP99() != null ? ranged(name + ".slo.p99", keys.sloP99(), LadderConfig.TIMEOUT_MS)
                : runSlo.p99Ms();
        double koLimit = ranged(name + ".slo.ko", keys.sloKo(), runSlo.koPercent(), 0.0, 100.0);
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
