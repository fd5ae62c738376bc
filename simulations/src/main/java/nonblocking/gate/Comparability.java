package nonblocking.gate;

import nonblocking.NonblockingException;
import nonblocking.results.Differences;
import nonblocking.results.Differences.Difference;
import nonblocking.results.Experiment;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a target of a run can be compared with the same target of the baseline: the same experiment (every field of
 * {@link Experiment}, with the SLO the target was judged by), the same target (its settings: model, pool, request,
 * heap...) and the same number of cores. Any difference fails the target's baseline rules, unless
 * {@code -Dgate.allowDifferent} names it: a field's path ({@code hold_s}, {@code slo.p99_ms}, {@code request.method})
 * or a group ({@code slo}, {@code request}). Addresses are not compared (a managed target's port changes every run),
 * nor JDK versions.
 */
public final class Comparability {

    private Comparability() {
    }

    /**
     * @param problem why the target cannot be compared with the baseline's, or null when it can
     * @param allowed the differences {@code -Dgate.allowDifferent} allowed, as text for a verdict's note, or null
     */
    public record Check(String problem, String allowed) {
    }

    /**
     * The names in {@code -Dgate.allowDifferent} (comma-separated, blank for none), in the order given; a name that
     * is no field or group of the run's is a one-line {@link NonblockingException}, so that a typo never allows
     * nothing silently.
     */
    public static Set<String> allowed(String given, Results run) {
        Set<String> allowed = Arrays.stream((given == null ? "" : given).split(",")).map(String::trim)
                .filter(name -> !name.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> known = names(run);
        allowed.stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
            throw new NonblockingException("-Dgate.allowDifferent names an unknown field " + name + " (known: "
                    + known.stream().filter(field -> !field.contains(".")).collect(Collectors.joining(", "))
                    + ", or a field of one such as slo.p99_ms or request.method)");
        });
        return allowed;
    }

    public static Check check(Results run, String target, Baseline baseline, Set<String> allowed) {
        if (baseline.problem() != null) {
            return new Check(baseline.problem(), null);
        }
        Results before = baseline.results();
        if (!run.targets().containsKey(target)) {
            return new Check("the run has no " + target + " target", null);
        }
        if (!before.targets().containsKey(target)) {
            return new Check("no " + target + " target in the baseline", null);
        }
        List<Difference> differences = differences(run, target, before);
        List<Difference> refused = differences.stream().filter(difference -> !difference.allowedBy(allowed)).toList();
        if (!refused.isEmpty()) {
            Set<String> allow = new LinkedHashSet<>(allowed);
            refused.forEach(difference -> allow.add(difference.group()));
            return new Check("not comparable: " + Differences.text(refused, "vs baseline") + " (refresh the baseline, or"
                    + " allow with -Dgate.allowDifferent=" + String.join(",", allow) + ")", null);
        }
        return new Check(null, differences.isEmpty() ? null
                : "allowed different: " + Differences.text(differences, "vs baseline"));
    }

    /** What differs for one target between two runs: the experiment, the target's settings, the cores. */
    public static List<Difference> differences(Results run, String target, Results other) {
        List<Difference> differences = new ArrayList<>(Differences.between("", judged(run, target), judged(other, target)));
        differences.addAll(Differences.between("", settings(run.targets().get(target)), settings(other.targets().get(target))));
        differences.addAll(Differences.between("cores", run.provenance().machine().cores(),
                other.provenance().machine().cores()));
        return differences;
    }

    /** The experiment with the SLO this target's levels were judged by (its own, if it has one). */
    private static Experiment judged(Results run, String target) {
        return run.experiment().withSlo(run.sloOf(run.targets().get(target)));
    }

    /** A target's settings as compared: no addresses, the SLO left to the experiment, the heap of its JVM options. */
    private static Compared settings(TargetResult target) {
        TargetResult.Settings s = target.config();
        return new Compared(s.managed(), s.model(), s.threads(), s.maxVirtualThreads(), s.request(),
                s.jvmArgs().stream().filter(arg -> arg.startsWith("-Xmx") || arg.startsWith("-Xms")).sorted().toList());
    }

    private record Compared(boolean managed, String model, Integer threads, Integer maxVirtualThreads,
                            TargetResult.Request request, List<String> heap) {
    }

    /** Every name {@code -Dgate.allowDifferent} accepts for this run. */
    static Set<String> names(Results run) {
        Set<String> names = new LinkedHashSet<>();
        run.targets().keySet().forEach(target -> {
            names.addAll(Differences.paths("", judged(run, target)));
            names.addAll(Differences.paths("", settings(run.targets().get(target))));
        });
        names.add("cores");
        return names;
    }
}
