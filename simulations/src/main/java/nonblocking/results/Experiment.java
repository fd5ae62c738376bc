package nonblocking.results;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import nonblocking.server.wait.WaitKind;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What makes two runs the same experiment, in one record: how the load comes (model, plan, hold, ramp, warm-up),
 * what each request asks of our servers (the wait and the work), when a request and a level fail (timeout, SLO), the
 * freeze, and how many injectors share the load. results.json carries it as one object; the gate's comparability,
 * the median of several runs and the merge of several injectors compare it as a tree, field by field, so a setting
 * added here is compared everywhere without another line.
 *
 * @param profile   the profile the run started from (default, seed, c10k, ...)
 * @param plan      how the levels were chosen
 * @param waitOn    what each seed request waits on in our servers ({@code wait} in results.json)
 * @param warmupS   the shortest uncounted warm-up before a target's first level; it lasts longer, up to
 *                  {@code warmupMaxS}, while the load generator's JIT is still settling (each target records its own)
 * @param workMicros CPU each seed request asked our servers to burn, µs
 * @param stallMs   how long our servers froze once in the middle of every hold; 0 for never
 * @param slo       when a level holds, unless a target has its own
 * @param injectors how many injectors shared every level's users (1 for one machine)
 */
public record Experiment(String profile, Load load, LevelPlan plan, double holdS, double rampS, double warmupS,
                         double warmupMaxS, @JsonProperty("wait") Wait waitOn, long workMicros, long timeoutMs,
                         long stallMs, Slo slo, int injectors) {

    /**
     * What each seed request waits on in our servers, between "Hello" and "World": its kind ({@link WaitKind}), how
     * long, and the kind's own settings (written flat beside them, e.g. {@code calls}, {@code pool}, {@code url}).
     */
    public record Wait(String kind, long pauseMs, @JsonAnySetter Map<String, String> settings) {

        public Wait {
            settings = settings == null ? Map.of() : new LinkedHashMap<>(settings);
        }

        @Override
        @JsonAnyGetter
        public Map<String, String> settings() {
            return settings;
        }

        /** In a sentence, e.g. "a pause of 1000 ms", "3 sequential HTTP calls of 333 ms to a downstream server". */
        public String describe() {
            return describe(pauseMs);
        }

        /** The same wait at another pause: a target that asked for its own ({@code -D<name>.pause}). */
        public String describe(long pauseMs) {
            return WaitKind.of(kind).describe(pauseMs, settings);
        }
    }

    /** The same experiment judged by another SLO (a target's own). */
    public Experiment withSlo(Slo slo) {
        return new Experiment(profile, load, plan, holdS, rampS, warmupS, warmupMaxS, waitOn, workMicros, timeoutMs,
                stallMs, slo, injectors);
    }

    /** True when a capacity search chose the levels ({@code -Dlevels=auto}). */
    public boolean searched() {
        return plan.searched();
    }

    /** The plan in one line, with the load model's unit. */
    public String describePlan() {
        return plan.describe(load) + (load == Load.OPEN ? ", open model" : "");
    }
}
