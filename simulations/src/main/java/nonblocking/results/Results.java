package nonblocking.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the ladder: what {@code results.json} holds. Field names are written in snake_case
 * (see {@link ResultsFile}); the schema is documented in the README and versioned by {@link #SCHEMA}.
 *
 * @param schema        version of this layout; readers refuse any other
 * @param runId         name of the run's folder under {@code simulations/target/nonblocking/}
 * @param profile       ladder profile name (default, seed, c10k, or custom)
 * @param pauseMs       the pause each request asked the target for
 * @param holdS         seconds each level is held (and measured)
 * @param rampS         seconds of ramp before each level (not measured)
 * @param workMicros    CPU work each request asked the target for, µs (0: none)
 * @param timeoutMs     request timeout of the load generator
 * @param slo           when a level holds
 * @param startedAt     ISO-8601 instant
 * @param finishedAt    ISO-8601 instant
 * @param machine       where it ran
 * @param source        the commit the run was built from, when it ran inside a git checkout; else null
 * @param gatlingReport Gatling's own report of this run, relative to the run's folder; null when none was found
 * @param targets       per target name, in run order
 * @param gap           the headline's ratio, naming its two targets; null when the run lacks one of them
 */
public record Results(
        int schema,
        String runId,
        String profile,
        long pauseMs,
        double holdS,
        double rampS,
        long workMicros,
        long timeoutMs,
        Slo slo,
        String startedAt,
        String finishedAt,
        Machine machine,
        Source source,
        String gatlingReport,
        Map<String, TargetResult> targets,
        Gap gap) {

    /** 2: targets by any name, each with its model; the gap names what it divides. */
    public static final int SCHEMA = 2;

    public Results {
        targets = targets == null ? Map.of() : new LinkedHashMap<>(targets);
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

    /** The SLO a target's levels were judged by: its own, or the run's. */
    public Slo sloOf(TargetResult target) {
        return target.config() != null && target.config().slo() != null ? target.config().slo() : slo;
    }

    /** The top of the ladder: the most users any target was driven with; 0 without levels. */
    public int topLevel() {
        List<Integer> users = levelUsers();
        return users.isEmpty() ? 0 : users.getLast();
    }

    /** The code a run measured, so that a trend can name the commit that moved it. */
    public record Source(String commit, String branch, boolean dirty) {
    }

    /** Where it ran: enough to tell two machines apart when comparing runs. */
    public record Machine(int cores, String jdk, String os, long maxOpenFiles) {
    }
}
