package nonblocking.results;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the ladder: what {@code results.json} holds. Field names are written in snake_case
 * (see {@link ResultsFile}); the schema is documented in the README and versioned by {@link #SCHEMA}.
 *
 * @param runId         name of the run's folder under {@code simulations/target/nonblocking/}
 * @param profile       ladder profile name (default, seed, c10k, or custom)
 * @param holdS         seconds each level is held (and measured), after {@code rampS} of ramp (not measured)
 * @param workMicros    CPU work each request asked the target for, µs (0: none)
 * @param source        the commit the run was built from, when it ran inside a git checkout; else null
 * @param gatlingReport Gatling's own report of this run, relative to the run's folder; null when none was found
 * @param gap           the headline's ratio; null when the run lacks one of its two targets
 * @param plan          how the levels were chosen; null in files written before it was recorded
 * @param records       the raw record beside this file, from which every level here can be worked out again (and
 *                      several injectors' records merged); null when none was written
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
        Gap gap,
        LevelPlan plan,
        Records records) {

    /**
     * Readers refuse any other. 3: p99_all_ms (OK and KO) judged by the SLO, heap after the last collection instead
     * of a forced GC, each target's started_at and stopped_at, the raw record's files. 2: targets by any name, each
     * with its model.
     */
    public static final int SCHEMA = 3;

    public Results {
        targets = targets == null ? Map.of() : new LinkedHashMap<>(targets);
    }

    /** A run whose plan is not recorded. */
    public Results(int schema, String runId, String profile, long pauseMs, double holdS, double rampS, long workMicros,
                   long timeoutMs, Slo slo, String startedAt, String finishedAt, Machine machine, Source source,
                   String gatlingReport, Map<String, TargetResult> targets, Gap gap) {
        this(schema, runId, profile, pauseMs, holdS, rampS, workMicros, timeoutMs, slo, startedAt, finishedAt, machine,
                source, gatlingReport, targets, gap, null, null);
    }

    /** True when a capacity search chose the levels ({@code -Dlevels=auto}). */
    public boolean searched() {
        return plan != null && LevelPlan.AUTO.equals(plan.mode());
    }

    /** The users of every level any target ran or skipped, ascending: the rows and the x axis (skipped rows say so). */
    public List<Integer> levelUsers() {
        return targets.values().stream()
                .flatMap(target -> java.util.stream.Stream.concat(target.levels().stream().map(LevelResult::users),
                        target.skipped().stream())).distinct().sorted().toList();
    }

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

    /**
     * How the levels were chosen: {@code fixed}, the levels given (with or without the early stop), or {@code auto},
     * a capacity search from {@code from} users doubling up to {@code max}, then bisecting to within
     * {@code withinPercent}, in at most {@code probes} levels. Fields that do not apply to the mode are null;
     * {@code load} is closed in files written before it.
     */
    public record LevelPlan(String mode, List<Integer> levels, Boolean earlyStop, Integer from, Integer max,
                            Double withinPercent, Integer probes, Load load) {

        public LevelPlan {
            load = load == null ? Load.CLOSED : load;
        }

        /** A closed model's plan. */
        public LevelPlan(String mode, List<Integer> levels, Boolean earlyStop, Integer from, Integer max,
                         Double withinPercent, Integer probes) {
            this(mode, levels, earlyStop, from, max, withinPercent, probes, Load.CLOSED);
        }

        public LevelPlan withLoad(Load load) {
            return new LevelPlan(mode, levels, earlyStop, from, max, withinPercent, probes, load);
        }

        public static final String FIXED = "fixed";
        public static final String AUTO = "auto";
        /** Broken levels in a row after which a fixed ladder with the early stop skips the rest. */
        public static final int BROKEN_IN_A_ROW = 2;

        /** One line: "levels 25, 50, 100 (early stop after 2 broken levels in a row)", "levels auto: from 25 …". */
        public String describe() {
            String open = load == Load.OPEN ? ", open model" : "";
            if (AUTO.equals(mode)) {
                return String.format(java.util.Locale.ROOT, "levels auto: from %d %s, doubling up to %d, then"
                        + " bisecting to within %s %%, at most %d levels%s", from, load.unit(), max,
                        Numbers.plain(withinPercent), probes, open);
            }
            return "levels " + levels.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                    + (load == Load.OPEN ? " rps" : "")
                    + (Boolean.TRUE.equals(earlyStop) ? " (early stop after " + BROKEN_IN_A_ROW + " broken levels in a row"
                    : " (no early stop") + open + ")";
        }

        public static Load loadOf(LevelPlan plan) {
            return plan == null ? Load.CLOSED : plan.load();
        }
    }

    /** The raw record's files ({@code nonblocking.record.RecordFile}), relative to the run's folder. */
    public record Records(String histograms, String levels, Injectors injectors) {

        public Records {
            injectors = injectors == null ? Injectors.ONE : injectors;
        }
    }

    /**
     * How many injectors drove the run (1, or N for a part or a merge of N), which one's part this is (null for the
     * whole run), and in a merge how far apart their starts were at most (on injector 0's clock, from each one's clock
     * offset and the lag of its first request).
     */
    public record Injectors(int count, Integer part, Double startSkewMs) {
        public static final Injectors ONE = new Injectors(1, null, null);
    }

    /** Where it ran: enough to tell two machines apart when comparing runs. */
    public record Machine(int cores, String jdk, String os, long maxOpenFiles) {
    }
}
