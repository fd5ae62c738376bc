package nonblocking.gate;

import nonblocking.NonblockingException;
import nonblocking.results.Results;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static nonblocking.results.Numbers.plain;

/**
 * Whether a target of a run can be compared with the same target of the baseline: the same experiment (SLO, plan,
 * hold, ramp, pause, work, timeout), the same target (heap, model, pool, cap, request, managed or not) and the same
 * number of cores. Any difference fails the target's baseline rules, unless {@code -Dgate.allowDifferent} names it.
 *
 * <p>A setting one of the two files does not record (a file written before it was) is not compared, except the
 * plan: without it, the levels both runs ran (or skipped) are compared instead.
 */
public final class Comparability {

    /** The names a difference goes by, as its message and {@code -Dgate.allowDifferent} name them, in that order. */
    static final List<String> GROUPS = List.of("plan", "pause_ms", "hold_s", "ramp_s", "work_micros", "timeout_ms", "slo",
            "cores", "heap", "model", "threads", "max_virtual_threads", "managed", "request");
    /** The parts of a group that can differ alone, each also a name {@code -Dgate.allowDifferent} accepts. */
    static final List<String> PARTS = List.of("slo.p99_ms", "slo.ko_percent", "slo.min_efficiency", "request.method",
            "request.seed", "request.headers", "request.body_bytes", "request.timeout_ms", "request.flow",
            "request.pause_ms");

    private Comparability() {
    }

    /** A setting that differs, by name (a group, {@code hold_s}, or a part, {@code slo.p99_ms}), its values as text. */
    public record Difference(String field, String value, String other) {

        /** The group: {@code slo} for {@code slo.p99_ms}, the field itself for one without parts. */
        public String group() {
            int dot = field.indexOf('.');
            return dot < 0 ? field : field.substring(0, dot);
        }

        /** E.g. "hold_s 6 vs baseline 30", with {@code versus} "vs baseline". */
        public String text(String versus) {
            return field + " " + value + " " + versus + " " + other;
        }

        boolean allowedBy(Set<String> allowed) {
            return allowed.contains(field) || allowed.contains(group());
        }
    }

    /**
     * @param problem why the target cannot be compared with the baseline's, or null when it can
     * @param allowed the differences {@code -Dgate.allowDifferent} allowed, as text for a verdict's note, or null
     */
    public record Check(String problem, String allowed) {
    }

    /**
     * The names in {@code -Dgate.allowDifferent} (comma-separated, blank for none), in the order given; an unknown
     * name is a one-line {@link NonblockingException}, so that a typo never allows nothing silently.
     */
    public static Set<String> allowed(String given) {
        Set<String> allowed = Arrays.stream((given == null ? "" : given).split(",")).map(String::trim)
                .filter(name -> !name.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String name : allowed) {
            if (!names().contains(name)) {
                throw new NonblockingException("-Dgate.allowDifferent names an unknown field " + name + " (known: "
                        + String.join(", ", GROUPS) + ", or a part such as slo.p99_ms or request.headers)");
            }
        }
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
        List<Difference> differences = differences(run, run.targets().get(target), before, before.targets().get(target));
        List<Difference> refused = differences.stream().filter(difference -> !difference.allowedBy(allowed)).toList();
        if (!refused.isEmpty()) {
            Set<String> allow = new LinkedHashSet<>(allowed);
            refused.forEach(difference -> allow.add(difference.group()));
            return new Check("not comparable: " + text(refused, "vs baseline") + " (refresh the baseline, or allow with"
                    + " -Dgate.allowDifferent=" + String.join(",", allow) + ")", null);
        }
        return new Check(null, differences.isEmpty() ? null : "allowed different: " + text(differences, "vs baseline"));
    }

    /** "hold_s 6 vs baseline 30; slo.p99_ms 10000 vs baseline 1500". */
    static String text(List<Difference> differences, String versus) {
        return differences.stream().map(difference -> difference.text(versus)).collect(Collectors.joining("; "));
    }

    public static List<Difference> differences(Results run, TargetResult target, Results other, TargetResult otherTarget) {
        List<Difference> differences = new ArrayList<>();
        if (run.plan() != null && other.plan() != null) {
            add(differences, "plan", run.plan().describe(), other.plan().describe());
        } else {
            add(differences, "plan", levelsRun(run), levelsRun(other));
        }
        add(differences, "pause_ms", run.pauseMs(), other.pauseMs());
        add(differences, "hold_s", run.holdS(), other.holdS());
        add(differences, "ramp_s", run.rampS(), other.rampS());
        add(differences, "work_micros", run.workMicros(), other.workMicros());
        add(differences, "timeout_ms", run.timeoutMs(), other.timeoutMs());
        Slo slo = run.sloOf(target);
        Slo otherSlo = other.sloOf(otherTarget);
        if (slo != null && otherSlo != null) {
            add(differences, "slo.p99_ms", slo.p99Ms(), otherSlo.p99Ms());
            add(differences, "slo.ko_percent", slo.koPercent(), otherSlo.koPercent());
            add(differences, "slo.min_efficiency", slo.minEfficiency(), otherSlo.minEfficiency());
        }
        if (run.machine() != null && other.machine() != null) {
            add(differences, "cores", run.machine().cores(), other.machine().cores());
        }
        TargetResult.Settings config = target.config();
        TargetResult.Settings otherConfig = otherTarget.config();
        if (config != null && otherConfig != null) {
            add(differences, "heap", heap(config), heap(otherConfig));
            add(differences, "model", config.model(), otherConfig.model());
            add(differences, "threads", config.threads(), otherConfig.threads());
            add(differences, "max_virtual_threads", config.maxVirtualThreads(), otherConfig.maxVirtualThreads());
            add(differences, "managed", config.managed(), otherConfig.managed());
            TargetResult.Request request = config.request();
            TargetResult.Request otherRequest = otherConfig.request();
            if (request != null && otherRequest != null) {
                add(differences, "request.method", request.method(), otherRequest.method());
                add(differences, "request.seed", request.seed(), otherRequest.seed());
                add(differences, "request.headers", sorted(request.headers()), sorted(otherRequest.headers()));
                add(differences, "request.body_bytes", request.bodyBytes(), otherRequest.bodyBytes());
                add(differences, "request.timeout_ms", request.timeoutMs(), otherRequest.timeoutMs());
                add(differences, "request.flow", request.flow(), otherRequest.flow());
                add(differences, "request.pause_ms", request.pauseMs(), otherRequest.pauseMs());
            }
        }
        return differences;
    }

    private static void add(List<Difference> differences, String field, Object value, Object other) {
        if (!Objects.equals(value, other)) {
            differences.add(new Difference(field, text(value), text(other)));
        }
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> "none";
            case Double number -> plain(number);
            case List<?> list -> list.isEmpty() ? "none" : list.stream().map(String::valueOf).collect(Collectors.joining(" "));
            default -> String.valueOf(value);
        };
    }

    /** The heap options of a managed target ({@code -Xms512m -Xmx512m}); empty for a server given by URL. */
    static List<String> heap(TargetResult.Settings config) {
        return config.jvmArgs().stream().filter(arg -> arg.startsWith("-Xmx") || arg.startsWith("-Xms")).sorted().toList();
    }

    /** Without a recorded plan: the levels the run ran or skipped, e.g. "levels run 25, 50, 100". */
    private static String levelsRun(Results run) {
        return "levels run " + run.levelUsers().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static List<String> sorted(List<String> names) {
        return names == null ? null : names.stream().sorted().toList();
    }

    /** Every name {@code -Dgate.allowDifferent} accepts. */
    static List<String> names() {
        return Stream.concat(GROUPS.stream(), PARTS.stream()).toList();
    }
}
