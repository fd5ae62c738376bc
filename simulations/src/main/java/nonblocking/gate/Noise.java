package nonblocking.gate;

import nonblocking.results.LevelResult;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the runs of a baseline spread, so that a noisy level gets a wider limit than a steady one: per target,
 * per level every run measured and per metric the baseline rules compare ({@link LevelMetric}), the runs'
 * (max - min) / median. A baseline of one run has none.
 *
 * @param runs    how many runs the figures come from
 * @param targets per target name, per level (its users), per metric name ({@code p99_all_ms}...), the spread
 */
public record Noise(int runs, Map<String, Map<Integer, Map<String, Double>>> targets) {

    public Noise {
        targets = targets == null ? Map.of() : targets;
    }

    /** The spread of several runs of one experiment (as {@link Median#of} checks them); a metric whose median is 0 has none. */
    public static Noise of(List<Results> runs) {
        Map<String, Map<Integer, Map<String, Double>>> targets = new LinkedHashMap<>();
        for (String name : runs.getFirst().targets().keySet()) {
            List<TargetResult> target = runs.stream().map(run -> run.targets().get(name)).toList();
            Map<Integer, Map<String, Double>> levels = new LinkedHashMap<>();
            for (LevelResult first : target.getFirst().levels()) {
                List<LevelResult> level = target.stream().map(run -> run.level(first.users())).toList();
                if (!level.contains(null)) {
                    levels.put(first.users(), spreads(level));
                }
            }
            targets.put(name, levels);
        }
        return new Noise(runs.size(), targets);
    }

    private static Map<String, Double> spreads(List<LevelResult> level) {
        Map<String, Double> spreads = new LinkedHashMap<>();
        for (LevelMetric metric : LevelMetric.ALL) {
            double[] values = level.stream().mapToDouble(metric::of).sorted().toArray();
            double median = values[values.length / 2];
            if (median > 0) {
                // Four decimals (0.01 %) are plenty for a limit, and keep the file readable.
                spreads.put(metric.name(), BigDecimal.valueOf((values[values.length - 1] - values[0]) / median)
                        .setScale(4, RoundingMode.HALF_UP).doubleValue());
            }
        }
        return spreads;
    }

    /** The spread of one metric of one target at one level; null when there is none. */
    public Double spread(String target, int users, String metric) {
        Map<String, Double> level = targets.getOrDefault(target, Map.of()).get(users);
        return level == null ? null : level.get(metric);
    }

    /** At least two runs, and every spread a number of at least 0: what {@link #of} writes. */
    boolean valid() {
        return runs >= 2 && targets.values().stream().allMatch(levels -> levels != null && levels.values().stream()
                .allMatch(level -> level != null && level.values().stream()
                        .allMatch(spread -> spread != null && spread >= 0 && Double.isFinite(spread))));
    }
}
