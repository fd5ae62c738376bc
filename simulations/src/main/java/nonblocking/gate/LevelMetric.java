package nonblocking.gate;

import nonblocking.results.LevelResult;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A metric of a level that the baseline's level rules compare, by its name in results.json, and which way is worse:
 * {@code increase} when higher is (latency), not when lower is (throughput). {@code needsOk} when a level without
 * OK responses has no value: p99 of all responses counts the KOs, p50 does not.
 */
record LevelMetric(String rule, String name, ToDoubleFunction<LevelResult> value, Function<Rules.Limits, Double> limit,
                   boolean increase, boolean needsOk, Figure figure) {

    static final List<LevelMetric> ALL = List.of(
            new LevelMetric("baseline_p99", "p99_all_ms", level -> level.latency().p99AllMs(),
                    Rules.Limits::maxP99Increase, true, false, Figure.LATENCY_MS),
            new LevelMetric("baseline_p50", "p50_ms", level -> level.latency().p50Ms(),
                    Rules.Limits::maxP50Increase, true, true, Figure.LATENCY_MS),
            new LevelMetric("baseline_throughput", "throughput_rps", LevelResult::throughputRps,
                    Rules.Limits::maxThroughputDrop, false, true, Figure.THROUGHPUT_RPS));

    double of(LevelResult level) {
        return value.applyAsDouble(level);
    }
}
