package nonblocking.gate;

import nonblocking.results.LevelResult;
import nonblocking.results.Results;
import nonblocking.NonblockingException;
import nonblocking.results.Gap;
import nonblocking.results.ResultsFile;
import nonblocking.results.TargetResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static nonblocking.results.Numbers.plain;

/**
 * The performance gate: judges one run of the ladder against {@code rules.yaml} and the committed baseline.
 * Every rule yields one {@link Verdict} per metric it checks; an input that cannot be read is a FAIL, never a pass.
 *
 * <p>"Efficiency" of a level is {@link LevelResult#efficiency()}: throughput / (users / pause). For the baseline
 * comparison, a target's efficiency is the <em>lowest</em> level efficiency over the levels that both the run and
 * the baseline sustained (same users), taken the same way from both, so that the two numbers cover the same levels.
 */
public final class Gate {

    /** Slack for comparing doubles: 0.9 * 0.99 must not fail against 0.891. */
    private static final double EPSILON = 1e-9;

    private Gate() {
    }

    /** What a check found: the run (null when it could not be read) and the verdicts (never empty). */
    public record Outcome(Results run, List<Verdict> verdicts) {
        public Outcome {
            verdicts = List.copyOf(verdicts);
        }

        public boolean passed() {
            return !verdicts.isEmpty() && verdicts.stream().allMatch(Verdict::pass);
        }
    }

    /** Reads the three files and evaluates; an unreadable results or rules file is one FAIL verdict. */
    public static Outcome check(Path resultsFile, Path rulesFile, Path baselineFile) {
        List<Verdict> errors = new ArrayList<>();
        Rules rules = null;
        Results run = null;
        try {
            rules = RulesFile.read(rulesFile);
        } catch (NonblockingException e) {
            errors.add(Verdict.error("inputs", "rules.yaml", e.getMessage()));
        }
        try {
            run = ResultsFile.read(resultsFile);
        } catch (NonblockingException e) {
            errors.add(Verdict.error("inputs", "results.json", e.getMessage()));
        }
        if (!errors.isEmpty()) {
            return new Outcome(run, errors);
        }
        return new Outcome(run, evaluate(run, rules, Baseline.read(baselineFile)));
    }

    public static List<Verdict> evaluate(Results run, Rules rules, Baseline baseline) {
        List<Verdict> verdicts = new ArrayList<>(ownRules(run, rules, baseline.results()));
        if (rules.baseline() != null) {
            verdicts.addAll(baselineRules(run, rules.baseline(), baseline));
        }
        return verdicts;
    }

    /**
     * The rules that judge the run by itself: gap, top_level, efficiency. A rule about a target the run lacks is a
     * FAIL with its reason. The baseline (nullable) only adds its value of each metric for context.
     */
    public static List<Verdict> ownRules(Results run, Rules rules, Results baseline) {
        List<Verdict> verdicts = new ArrayList<>();
        if (rules.gap() != null) {
            verdicts.add(gap(run, rules.gap(), baseline));
        }
        if (rules.topLevel() != null) {
            rules.topLevel().targets().forEach(target -> verdicts.add(topLevel(run, target, baseline)));
        }
        Rules.EfficiencyRule rule = rules.efficiency();
        if (rule != null) {
            rule.targets().forEach(target -> verdicts.add(efficiency(run, target, rule.min(), baseline)));
        }
        rules.targets().forEach((name, targetRule) -> verdicts.addAll(targetRules(run, name, targetRule, baseline)));
        return verdicts;
    }

    /** min_sustainable_users and max_p99 of one named target: a service's own floor and ceiling. */
    private static List<Verdict> targetRules(Results run, String name, Rules.TargetRule rule, Results baseline) {
        List<Verdict> verdicts = new ArrayList<>();
        TargetResult target = run.targets().get(name);
        TargetResult before = baseline == null ? null : baseline.targets().get(name);
        if (rule.minSustainableUsers() != null) {
            String metric = name + ".sustainable_users";
            verdicts.add(target == null ? Verdict.error("min_sustainable_users", metric, "the run has no " + name + " target")
                    : new Verdict("min_sustainable_users", metric, (double) target.sustainableUsers(),
                    ">= " + rule.minSustainableUsers(), before == null ? null : (double) before.sustainableUsers(),
                    target.sustainableUsers() >= rule.minSustainableUsers(), null));
        }
        Rules.P99 p99 = rule.maxP99();
        if (p99 != null) {
            String metric = name + ".p99_ms at " + p99.users();
            LevelResult level = target == null ? null : target.level(p99.users());
            LevelResult levelBefore = before == null ? null : before.level(p99.users());
            verdicts.add(target == null ? Verdict.error("max_p99", metric, "the run has no " + name + " target")
                    : target.skipped().contains(p99.users()) ? Verdict.error("max_p99", metric, name + " skipped "
                    + p99.users() + " users: two lower levels broke (the early stop)")
                    : level == null || level.ok() == 0 ? Verdict.error("max_p99", metric, name + " has no OK response at "
                    + p99.users() + " users") : new Verdict("max_p99", metric, level.p99Ms(), "<= " + plain(p99.ms()),
                    levelBefore == null ? null : levelBefore.p99Ms(), level.p99Ms() <= p99.ms() + EPSILON, null));
        }
        return verdicts;
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
                gap.factor() >= rule.min() - EPSILON, gap.lowerBound() ? "a lower bound: " + rule.of() + " held the top level" : null);
    }

    private static Verdict topLevel(Results run, String name, Results baseline) {
        String metric = name + ".sustainable_users";
        TargetResult target = run.targets().get(name);
        int top = run.topLevel();
        if (target == null || top == 0) {
            return Verdict.error("top_level", metric,
                    target == null ? "the run has no " + name + " target" : "the results hold no level");
        }
        TargetResult before = baseline == null ? null : baseline.targets().get(name);
        return new Verdict("top_level", metric, (double) target.sustainableUsers(), "= top level " + top,
                before == null ? null : (double) before.sustainableUsers(), target.sustainableUsers() >= top, null);
    }

    private static Verdict efficiency(Results run, String name, double min, Results baseline) {
        String rule = "efficiency";
        String metric = name + ".efficiency_min";
        TargetResult target = run.targets().get(name);
        if (target == null) {
            return Verdict.error(rule, metric, "the run has no " + name + " target");
        }
        LevelResult worst = worst(target.sustainedLevels());
        if (worst == null) {
            return Verdict.error(rule, metric, name + " sustained no level");
        }
        TargetResult before = baseline == null ? null : baseline.targets().get(name);
        LevelResult worstBefore = before == null ? null : worst(before.sustainedLevels());
        return new Verdict(rule, metric, worst.efficiency(), ">= " + plain(min) + " at each sustained level",
                worstBefore == null ? null : worstBefore.efficiency(),
                worst.efficiency() >= min - EPSILON, "at " + worst.users() + " users");
    }

    /** baseline_sustainable_users and baseline_efficiency, per target the rules name. */
    static List<Verdict> baselineRules(Results run, Rules.Baseline rules, Baseline baseline) {
        return Stream.concat(rules.targets().stream().map(target -> baselineSustainableUsers(run, target, baseline)),
                rules.targets().stream().map(target -> baselineEfficiency(run, target, baseline, rules.maxEfficiencyDrop())))
                .toList();
    }

    private static Verdict baselineSustainableUsers(Results run, String target, Baseline baseline) {
        String rule = "baseline_sustainable_users";
        String metric = target + ".sustainable_users";
        String problem = comparability(run, target, baseline);
        if (problem != null) {
            return Verdict.error(rule, metric, problem);
        }
        int measured = run.targets().get(target).sustainableUsers();
        int before = baseline.results().targets().get(target).sustainableUsers();
        return new Verdict(rule, metric, (double) measured, ">= baseline " + before, (double) before, measured >= before, null);
    }

    private static Verdict baselineEfficiency(Results run, String target, Baseline baseline, double maxDrop) {
        String rule = "baseline_efficiency";
        String metric = target + ".efficiency_min";
        String problem = comparability(run, target, baseline);
        if (problem != null) {
            return Verdict.error(rule, metric, problem);
        }
        Map<Integer, LevelResult> before = baseline.results().targets().get(target).sustainedLevels().stream()
                .collect(Collectors.toMap(LevelResult::users, level -> level, (a, b) -> a));
        List<LevelResult> common = run.targets().get(target).sustainedLevels().stream()
                .filter(level -> before.containsKey(level.users()))
                .toList();
        if (common.isEmpty()) {
            return Verdict.error(rule, metric, "no level that both the run and the baseline sustained");
        }
        LevelResult worst = worst(common);
        LevelResult worstBefore = worst(common.stream().map(level -> before.get(level.users())).toList());
        double limit = worstBefore.efficiency() * (1 - maxDrop);
        String levels = common.getFirst().users() + "-" + common.getLast().users() + " users";
        return new Verdict(rule, metric, worst.efficiency(),
                ">= " + plain(limit) + " (baseline - " + plain(maxDrop * 100) + "%)",
                worstBefore.efficiency(), worst.efficiency() >= limit - EPSILON,
                "worst of " + levels + ", at " + worst.users());
    }

    /** Why the run's target cannot be compared with the baseline's, or null when it can. */
    private static String comparability(Results run, String target, Baseline baseline) {
        if (baseline.problem() != null) {
            return baseline.problem();
        }
        Results before = baseline.results();
        if (before.pauseMs() != run.pauseMs()) {
            return "the baseline paused " + before.pauseMs() + " ms per request, this run " + run.pauseMs()
                    + " ms: not comparable (refresh the baseline)";
        }
        if (!run.targets().containsKey(target)) {
            return "the run has no " + target + " target";
        }
        if (!before.targets().containsKey(target)) {
            return "no " + target + " target in the baseline";
        }
        return null;
    }

    private static LevelResult worst(List<LevelResult> levels) {
        return levels.stream().min(Comparator.comparingDouble(LevelResult::efficiency)).orElse(null);
    }
}
