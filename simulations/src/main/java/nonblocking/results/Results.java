package nonblocking.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the ladder: what {@code results.json} holds. Field names are written in snake_case
 * (see {@link ResultsFile}); the schema is documented in the README and versioned by {@link #SCHEMA}.
 *
 * @param schema     version of this layout; readers refuse any other
 * @param runId      folder name of the run under {@code simulations/target/nonblocking/}
 * @param profile    ladder profile name (default, seed, c10k, or custom)
 * @param pauseMs    the pause each request asked the target for
 * @param holdS      seconds each level is held (and measured)
 * @param rampS      seconds of ramp before each level (not measured)
 * @param timeoutMs  request timeout of the load generator
 * @param startedAt  ISO-8601 instant
 * @param finishedAt ISO-8601 instant
 * @param machine    where it ran
 * @param targets    per target name ("blocking", "virtual"), in run order
 * @param gap        virtual sustainable users / blocking sustainable users; null when not both measured
 *                   or blocking sustained no level
 */
public record Results(
        int schema,
        String runId,
        String profile,
        long pauseMs,
        double holdS,
        double rampS,
        long timeoutMs,
        String startedAt,
        String finishedAt,
        Machine machine,
        Map<String, TargetResult> targets,
        Double gap) {

    public static final int SCHEMA = 1;

    public Results {
        targets = targets == null ? Map.of() : new LinkedHashMap<>(targets);
    }

    /** The gap as the issue defines it: virtual over blocking sustainable users. */
    public static Double gapOf(Map<String, TargetResult> targets) {
        TargetResult blocking = targets.get("blocking");
        TargetResult virtual = targets.get("virtual");
        if (blocking == null || virtual == null || blocking.sustainableUsers() <= 0) {
            return null;
        }
        return (double) virtual.sustainableUsers() / blocking.sustainableUsers();
    }

    /** The user counts of every level any target ran, distinct and ascending: the rows and the x axis. */
    public List<Integer> levelUsers() {
        return targets.values().stream()
                .flatMap(target -> target.levels().stream())
                .map(LevelResult::users)
                .distinct()
                .sorted()
                .toList();
    }

    /** Where it ran: enough to tell two machines apart when comparing runs. */
    public record Machine(int cores, String jdk, String os, long maxOpenFiles) {
    }
}
