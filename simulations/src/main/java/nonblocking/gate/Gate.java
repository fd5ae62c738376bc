package nonblocking.gate;

import nonblocking.results.LevelResult;
import nonblocking.results.Results;
import nonblocking.NonblockingException;
import nonblocking.results.Gap;
import nonblocking.results.ResultsFile;
import nonblocking.results.TargetResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static nonblocking.results.Numbers.plain;

/**
 * The performance gate: judges one run of the ladder (or the {@link Median} of several) against {@code rules.yaml}
 * and the committed baseline. Every rule yields one {@link Verdict} per metric it checks; an input that cannot be
 * read is a FAIL, never a pass.
 */
public final class Gate {

    /** Slack for comparing doubles: 1000 * 1.15 must not fail against 1150. */
    static final double EPSILON = 1e-9;

    private Gate() {
    }

    /**
     * What a check found: the run judged (null when it could not be read), the verdicts (never empty), and the files
     * it judged by.
     */
    public record Judgement(Results run, List<Verdict> verdicts, Path rules, Path baseline) {
        public Judgement {
            verdicts = List.copyOf(verdicts);
        }

        /** The same judgement with other verdicts (a step after the check added its own). */
        public Judgement with(List<Verdict> verdicts) {
            return new Judgement(run, verdicts, rules, baseline);
        }

        public boolean passed() {
            return !verdicts.isEmpty() && verdicts.stream().allMatch(Verdict::pass);
        }
    }

    /**
     * Reads the files and evaluates the one run, or the {@link Median} of several. An unreadable input, an unknown
     * name in {@code allowDifferent} (see {@link Comparability}) or runs that have no median is a FAIL verdict each.
     */
    public static Judgement check(List<Path> resultsFiles, Path rulesFile, Path baselineFile, String allowDifferent) {
        List<Verdict> errors = new ArrayList<>();
        Rules rules = input(() -> RulesFile.read(rulesFile), "rules.yaml", errors);
        List<Results> runs = resultsFiles.stream()
                .map(file -> input(() -> ResultsFile.read(file), "results.json", errors))
                .filter(Objects::nonNull).toList();
        Results run = runs.size() == resultsFiles.size() ? input(() -> Median.of(runs), "results.json", errors) : null;
        Set<String> allowed = run == null ? Set.of()
                : input(() -> Comparability.allowed(allowDifferent, run), "gate.allowDifferent", errors);
        return new Judgement(run, errors.isEmpty() ? evaluate(run, rules, Baseline.read(baselineFile), allowed)
                : errors, rulesFile.toAbsolutePath().normalize(), baselineFile.toAbsolutePath().normalize());
    }

    /** What {@code read} returns, or null with its failure added to {@code errors}. */
    private static <T> T input(Supplier<T> read, String metric, List<Verdict> errors) {
        try {
            return read.get();
        } catch (NonblockingException e) {
            errors.add(Verdict.error("inputs", metric, e.getMessage()));
            return null;
        }
    }

    public static List<Verdict> evaluate(Results run, Rules rules, Baseline baseline, Set<String> allowDifferent) {
        List<Verdict> verdicts = new ArrayList<>(ownRules(run, rules, baseline.results()));
        if (rules.baseline() != null) {
            verdicts.addAll(baselineRules(run, rules.baseline(), baseline, allowDifferent));
        }
        return verdicts;
    }

    /**
     * The rules that judge the run by itself: gap, top_level, each target's floor and ceiling; a target the run lacks
     * fails its rules. The baseline (nullable) only adds its value of each metric for context.
     */
    public static List<Verdict> ownRules(Results run, Rules rules, Results baseline) {
        List<Verdict> verdicts = new ArrayList<>();
        if (rules.gap() != null) {
            verdicts.add(gap(run, rules.gap(), baseline));
        }
        if (rules.topLevel() != null) {
            rules.topLevel().targets().forEach(target -> verdicts.add(topLevel(run, target, baseline)));
        }
        rules.targets().forEach((name, targetRule) -> verdicts.addAll(targetRules(run, name, targetRule, baseline)));
        // A target that stopped serving has no capacity to judge: its crash is the verdict.
        run.targets().forEach((name, target) -> {
            if (target.crash() != null) {
                verdicts.add(Verdict.error("crash", name, target.crash().what() + " at " + target.crash().users() + " " + run.load().unit() + ": "
                        + target.crash().reason() + (target.crash().log() == null ? "" : " (log: " + target.crash().log() + ")")));
            }
        });
        return verdicts;
    }

    /** A target's sustainable level as a metric: users, or the rate in an open run. */
    static String sustainable(Results run, String target) {
        return target + (run.load() == nonblocking.results.Load.OPEN ? ".sustainable_rate_rps" : ".sustainable_users");
    }

    /** Said beside a sustainable level that stopped at the harness's limit: it may lie higher. */
    private static String harnessNote(TargetResult target) {
        return target != null && target.capacity().harnessBound() ? "inconclusive above it: the harness was the limit at "
                + target.capacity().inconclusive() + ", so the target may sustain more" : null;
    }

    /** min_sustainable_users and max_p99 of one named target: a service's own floor and ceiling. */
    private static List<Verdict> targetRules(Results run, String name, Rules.TargetRule rule, Results baseline) {
        List<Verdict> verdicts = new ArrayList<>();
        TargetResult target = run.targets().get(name);
        TargetResult before = baseline == null ? null : baseline.targets().get(name);
        if (rule.minSustainableUsers() != null) {
            String metric = sustainable(run, name);
            verdicts.add(target == null ? Verdict.error("min_sustainable_users", metric, "the run has no " + name + " target")
                    : new Verdict("min_sustainable_users", metric, (double) target.sustainableUsers(),
                    ">= " + rule.minSustainableUsers(), before == null ? null : (double) before.sustainableUsers(),
                    target.sustainableUsers() >= rule.minSustainableUsers(), harnessNote(target), Figure.COUNT));
        }
        if (rule.maxP99() != null) {
            verdicts.add(maxP99(run, name, rule.maxP99(), before));
        }
        return verdicts;
    }

    /**
     * A ceiling on p99 of all responses at one level. A level the run did not measure (the early stop skipped it,
     * or the ladder never had it) and a level without an OK response are failures that say which.
     */
    private static Verdict maxP99(Results run, String name, Rules.P99 p99, TargetResult before) {
        String rule = "max_p99";
        String metric = name + ".p99_all_ms at " + p99.users();
        TargetResult target = run.targets().get(name);
        String level = p99.users() + " " + run.load().unit();
        if (target == null) {
            return Verdict.error(rule, metric, "the run has no " + name + " target");
        }
        if (target.skipped().contains(p99.users())) {
            return Verdict.error(rule, metric, name + " skipped " + level + ": two lower levels broke (the early stop)");
        }
        LevelResult measured = target.level(p99.users());
        if (measured == null) {
            String levels = target.levels().stream().map(l -> String.valueOf(l.users())).collect(Collectors.joining(", "));
            return Verdict.error(rule, metric, "not measured: the run has no level of " + level + " (its levels: "
                    + (levels.isEmpty() ? "none" : levels) + ")");
        }
        if (measured.ok() == 0) {
            return Verdict.error(rule, metric, name + " has no OK response at " + level);
        }
        LevelResult levelBefore = before == null ? null : before.level(p99.users());
        double value = measured.latency().p99AllMs();
        return new Verdict(rule, metric, value, "<= " + Figure.LATENCY_MS.text(p99.ms()),
                levelBefore == null ? null : levelBefore.latency().p99AllMs(), value <= p99.ms() + EPSILON, null,
                Figure.LATENCY_MS);
    }

    private static Verdict gap(Results run, Rules.GapRule rule, Results baseline) {
        String metric = "gap " + rule.of() + "/" + rule.over();
        Gap gap = Gap.of(run.targets(), rule.of(), rule.over());
        if (gap == null) {
            return Verdict.error("gap", metric, "the run has no " + (run.targets().containsKey(rule.of()) ? rule.over() : rule.of()) + " target");
        }
        if (gap.factor() == null) {
            return Verdict.error("gap", metric, rule.over() + " sustained no level: the gap is undefined");
        }
        Gap before = baseline == null ? null : Gap.of(baseline.targets(), rule.of(), rule.over());
        return new Verdict("gap", metric, gap.factor(), ">= " + plain(rule.min()), before == null ? null : before.factor(),
                gap.factor() >= rule.min() - EPSILON, gap.lowerBound() ? "a lower bound: " + rule.of() + " held the top level" : null,
                Figure.RATIO);
    }

    private static Verdict topLevel(Results run, String name, Results baseline) {
        String metric = sustainable(run, name);
        TargetResult target = run.targets().get(name);
        int top = run.topLevel();
        if (target == null || top == 0) {
            return Verdict.error("top_level", metric,
                    target == null ? "the run has no " + name + " target" : "the results hold no level");
        }
        TargetResult before = baseline == null ? null : baseline.targets().get(name);
        return new Verdict("top_level", metric, (double) target.sustainableUsers(), "= top level " + top,
                before == null ? null : (double) before.sustainableUsers(), target.sustainableUsers() >= top,
                harnessNote(target), Figure.COUNT);
    }

    /**
     * baseline_sustainable_users, then baseline_p99, baseline_p50 and baseline_throughput ({@link LevelRule}), each
     * for every target the rules name. A target that cannot be compared with the baseline's fails all four, with the
     * reason.
     */
    static List<Verdict> baselineRules(Results run, Rules.BaselineRules rules, Baseline baseline, Set<String> allowDifferent) {
        Map<String, Comparability.Check> checks = new LinkedHashMap<>();
        rules.targets().forEach(target -> checks.put(target, Comparability.check(run, target, baseline, allowDifferent)));
        List<Verdict> verdicts = new ArrayList<>();
        checks.forEach((target, check) -> verdicts.add(baselineSustainableUsers(run, target, baseline, check)));
        for (LevelMetric metric : LevelMetric.ALL) {
            checks.forEach((target, check) -> verdicts.add(LevelRule.judge(metric, run, target, baseline, check,
                    metric.limit().apply(rules.limits(target)), rules.noiseMultiple())));
        }
        return verdicts;
    }

    private static Verdict baselineSustainableUsers(Results run, String target, Baseline baseline, Comparability.Check check) {
        String rule = "baseline_sustainable_users";
        String metric = sustainable(run, target);
        if (check.problem() != null) {
            return Verdict.error(rule, metric, check.problem());
        }
        int measured = run.targets().get(target).sustainableUsers();
        int before = baseline.results().targets().get(target).sustainableUsers();
        String note = harnessNote(run.targets().get(target));
        return new Verdict(rule, metric, (double) measured, ">= baseline " + before, (double) before, measured >= before,
                note == null ? check.allowed() : check.allowed() == null ? note : note + "; " + check.allowed(),
                Figure.COUNT);
    }
}
