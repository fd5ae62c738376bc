package nonblocking.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the ladder: what {@code results.json} holds. Field names are written in snake_case
 * (see {@link ResultsFile}); the schema is documented in docs/results.md and versioned by {@link #SCHEMA}.
 *
 * @param runId      name of the run's folder under {@code simulations/target/nonblocking/}
 * @param experiment what makes two runs comparable: the settings that applied to every target
 * @param gap        the headline's ratio; null when the run lacks one of its two targets
 * @param records    the raw record beside this file, from which every level here can be worked out again (and
 *                   several injectors' records merged), and Gatling's own report; null when none was written
 */
public record Results(int schema, String runId, Experiment experiment, Provenance provenance,
                      Map<String, TargetResult> targets, Gap gap, Records records) {

    /**
     * Readers refuse any other. 4: the experiment as one object (with the wait), provenance and the record's files
     * apart. 3: p99_all_ms (OK and KO) judged by the SLO, heap after the last collection instead of a forced GC.
     */
    public static final int SCHEMA = 4;

    public Results {
        targets = targets == null ? Map.of() : new LinkedHashMap<>(targets);
    }

    /** The levels of every target, ascending: the rows and the x axis (skipped levels included, they say so). */
    public List<Integer> levelUsers() {
        return targets.values().stream()
                .flatMap(target -> java.util.stream.Stream.concat(target.levels().stream().map(LevelResult::users),
                        target.skipped().stream())).distinct().sorted().toList();
    }

    /** The SLO a target's levels were judged by: its own, else the run's. */
    public Slo sloOf(TargetResult target) {
        return target.config() != null && target.config().slo() != null ? target.config().slo() : experiment.slo();
    }

    /** The top of the ladder: the most users any target was driven with; 0 without levels. */
    public int topLevel() {
        List<Integer> users = levelUsers();
        return users.isEmpty() ? 0 : users.getLast();
    }

    /** What a level counts: users, or requests/s offered. */
    public Load load() {
        return experiment.load();
    }

    /**
     * The raw record's files ({@code nonblocking.record.RecordFile}) and Gatling's report, relative to the run's folder.
     *
     * @param gatlingReport Gatling's own report of this run; null when none was found
     * @param part          which injector's part this is, 0..N-1; null for the whole run
     * @param startSkewMs   in a merge of N injectors, how far apart their starts were at most (on injector 0's clock,
     *                      from each one's clock offset and the lag of its first request); null otherwise
     */
    public record Records(String histograms, String levels, String gatlingReport, Integer part, Double startSkewMs) {
    }
}
