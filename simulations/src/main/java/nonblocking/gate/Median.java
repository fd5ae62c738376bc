package nonblocking.gate;

import nonblocking.NonblockingException;
import nonblocking.results.Differences;
import nonblocking.results.Gap;
import nonblocking.results.LevelResult;
import nonblocking.results.Numbers;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The median of several runs of one experiment, as one run the gate judges like any other: per target, the median
 * of the runs' sustainable users, and per level that every run measured, the median of each count, rate and
 * latency. Everything else (census, settings, source) is the first run's. An odd number of runs only, so that every
 * median is a value some run measured; the runs must not differ in anything {@link Comparability} compares.
 */
public final class Median {

    private Median() {
    }

    /** The one run itself, or the median of an odd number of them; a one-line {@link NonblockingException} if none. */
    public static Results of(List<Results> runs) {
        if (runs.isEmpty()) {
            throw new NonblockingException("no results file to judge");
        }
        if (runs.size() == 1) {
            return runs.getFirst();
        }
        if (runs.size() % 2 == 0) {
            throw new NonblockingException("the gate judges one results file or the median of an odd number (3, 5, ...),"
                    + " not of " + runs.size() + ": the median of an even number is no run's value");
        }
        Results first = runs.getFirst();
        for (Results run : runs.subList(1, runs.size())) {
            if (!run.targets().keySet().equals(first.targets().keySet())) {
                throw new NonblockingException("run " + run.runId() + " has the targets " + run.targets().keySet()
                        + ", run " + first.runId() + " " + first.targets().keySet() + ": a median needs runs of one experiment");
            }
            for (String name : first.targets().keySet()) {
                List<Differences.Difference> differences = Comparability.differences(run, name, first);
                if (!differences.isEmpty()) {
                    throw new NonblockingException("run " + run.runId() + " is not the experiment of run " + first.runId()
                            + " (" + name + ": " + Differences.text(differences, "vs") + "): a median needs runs of one experiment");
                }
            }
        }
        Map<String, TargetResult> targets = new LinkedHashMap<>();
        first.targets().keySet().forEach(name -> targets.put(name, target(runs.stream().map(run -> run.targets().get(name)).toList())));
        String runId = "median(" + runs.stream().map(Results::runId).collect(Collectors.joining(",")) + ")";
        Gap gap = first.gap() == null ? null : Gap.of(targets, first.gap().of(), first.gap().over());
        return new Results(first.schema(), runId, first.experiment(), first.provenance(), targets, gap, null);
    }

    /** One target over the runs: the levels every run measured; skipped, a level any run skipped and not all measured. */
    private static TargetResult target(List<TargetResult> runs) {
        TargetResult first = runs.getFirst();
        List<LevelResult> levels = first.levels().stream()
                .map(LevelResult::users)
                .filter(users -> runs.stream().allMatch(run -> run.level(users) != null))
                .map(users -> level(runs.stream().map(run -> run.level(users)).toList()))
                .sorted(Comparator.comparingInt(LevelResult::users))
                .toList();
        List<Integer> skipped = runs.stream().flatMap(run -> run.skipped().stream())
                .filter(users -> levels.stream().noneMatch(level -> level.users() == users))
                .distinct().sorted().toList();
        int sustainable = (int) count(runs, TargetResult::sustainableUsers);
        // One run's crash is the median's: a target that stopped serving once is not outvoted by two that did not.
        TargetResult.Crash crash = runs.stream().map(TargetResult::crash).filter(Objects::nonNull).findFirst()
                .orElse(null);
        Double warmup = runs.stream().allMatch(run -> run.warmupS() != null) ? Numbers.middle(runs, TargetResult::warmupS) : null;
        return new TargetResult(first.config(), first.jdk(), first.idle(), levels, sustainable, skipped, null,
                first.startedAt(), first.stoppedAt(), warmup, crash, first.backendAfter());
    }

    private static LevelResult level(List<LevelResult> runs) {
        LevelResult first = runs.getFirst();
        return new LevelResult(first.users(), count(runs, LevelResult::requests), count(runs, LevelResult::ok),
                count(runs, LevelResult::ko), first.koReasons(), Numbers.middle(runs, LevelResult::throughputRps),
                Numbers.middle(runs, LevelResult::efficiency),
                LevelResult.Latency.median(runs.stream().map(LevelResult::latency).toList()), first.footprint(),
                first.cost(), first.harness(), first.breakdown(), first.backend());
    }

    private static <T> long count(List<T> runs, ToLongFunction<T> metric) {
        return runs.stream().mapToLong(metric).sorted().toArray()[runs.size() / 2];
    }
}
