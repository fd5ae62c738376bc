package nonblocking.gate;

import nonblocking.Fixtures;
import nonblocking.results.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Each rule over the fixtures, with the committed rules.yaml (gap 10; against the baseline p99 +15%, p50 +10%, throughput -5%). */
class GateTest {

    static final Rules RULES = Fixtures.rules();
    static final Baseline BASELINE = Fixtures.baseline();
    /** What every level verdict against a baseline of one run says of its limit. */
    static final String ONE_RUN = "; fixed limit: the baseline is one run, without noise figures";

    @TempDir
    Path dir;

    @Test
    void aGoodRunPassesEveryRule() {
        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.GOOD), RULES, BASELINE, Set.of());

        assertThat(verdicts).extracting(Verdict::rule, Verdict::metric, Verdict::measured, Verdict::limit, Verdict::baseline, Verdict::pass)
                .containsExactly(
                        tuple("gap", "gap virtual/blocking", 16.0, ">= 10", 16.0, true),
                        tuple("top_level", "virtual.sustainable_users", 3200.0, "= top level 3200", 3200.0, true),
                        tuple("baseline_sustainable_users", "blocking.sustainable_users", 200.0, ">= baseline 200", 200.0, true),
                        tuple("baseline_sustainable_users", "virtual.sustainable_users", 3200.0, ">= baseline 3200", 3200.0, true),
                        tuple("baseline_p99", "blocking.p99_all_ms", 1020.0, "<= 1173.0 (baseline + 15.0 %)", 1020.0, true),
                        tuple("baseline_p99", "virtual.p99_all_ms", 1170.0, "<= 1345.5 (baseline + 15.0 %)", 1170.0, true),
                        tuple("baseline_p50", "blocking.p50_ms", 1001.5, "<= 1101.7 (baseline + 10.0 %)", 1001.5, true),
                        tuple("baseline_p50", "virtual.p50_ms", 1009.0, "<= 1109.9 (baseline + 10.0 %)", 1009.0, true),
                        tuple("baseline_throughput", "blocking.throughput_rps", 194.6, ">= 185.6 (baseline - 5.0 %)", 195.4, true),
                        tuple("baseline_throughput", "virtual.throughput_rps", 3011.2, ">= 2872.8 (baseline - 5.0 %)", 3024.0, true));
        // The same p99 at every level: the worst is the highest. Throughput: 194.6 of 195.4 at 200 is the largest drop.
        assertThat(verdicts.get(4).note()).isEqualTo("worst of 25-200 users, at 200: +0.0 %" + ONE_RUN);
        assertThat(verdicts.get(9).note()).isEqualTo("worst of 25-3200 users, at 3200: -0.4 %" + ONE_RUN);
        assertThat(verdicts.get(9).line()).isEqualTo("PASS virtual.throughput_rps  measured 3011.2 (worst of 25-3200 users,"
                + " at 3200: -0.4 %" + ONE_RUN + ")  limit >= 2872.8 (baseline - 5.0 %)  baseline 3024.0  [baseline_throughput]");
    }

    /** An open run against an open baseline: the same rules, its levels named as rates. */
    @Test
    void anOpenRunsVerdictsCountItsLevelsInRequestsPerSecond() {
        List<Verdict> verdicts = Gate.evaluate(Fixtures.open(Fixtures.read(Fixtures.GOOD)), RULES,
                new Baseline(Fixtures.open(BASELINE.results()), null), Set.of());
        assertThat(verdicts.get(9).note()).isEqualTo("worst of 25-3200 rps, at 3200: -0.4 %" + ONE_RUN);
        assertThat(verdicts).allMatch(Verdict::pass);
    }

    @Test
    void aCrippledVirtualFailsTheGapTheTopLevelAndItsBaseline() {
        Results crippled = Fixtures.read(Fixtures.CRIPPLED_VIRTUAL);

        List<Verdict> verdicts = Gate.evaluate(crippled, RULES, BASELINE, Set.of());

        assertThat(verdicts).extracting(Verdict::rule, Verdict::metric, Verdict::measured, Verdict::limit, Verdict::pass)
                .containsExactly(
                        tuple("gap", "gap virtual/blocking", 1.0, ">= 10", false),
                        tuple("top_level", "virtual.sustainable_users", 200.0, "= top level 3200", false),
                        tuple("baseline_sustainable_users", "blocking.sustainable_users", 200.0, ">= baseline 200", true),
                        tuple("baseline_sustainable_users", "virtual.sustainable_users", null, null, false),
                        tuple("baseline_p99", "blocking.p99_all_ms", 1020.0, "<= 1173.0 (baseline + 15.0 %)", true),
                        tuple("baseline_p99", "virtual.p99_all_ms", null, null, false),
                        tuple("baseline_p50", "blocking.p50_ms", 1001.5, "<= 1101.7 (baseline + 10.0 %)", true),
                        tuple("baseline_p50", "virtual.p50_ms", null, null, false),
                        tuple("baseline_throughput", "blocking.throughput_rps", 194.6, ">= 185.6 (baseline - 5.0 %)", true),
                        tuple("baseline_throughput", "virtual.throughput_rps", null, null, false));
        // Capped at 300 virtual threads: another target than the baseline's, which the verdicts say.
        assertThat(verdicts.get(3).note()).isEqualTo("not comparable: max_virtual_threads 300 vs baseline none (refresh"
                + " the baseline, or allow with -Dgate.allowDifferent=max_virtual_threads)");

        List<Verdict> allowed = Gate.evaluate(crippled, RULES, BASELINE, Set.of("max_virtual_threads"));

        assertThat(allowed).filteredOn(verdict -> verdict.metric().startsWith("virtual.") && verdict.rule().startsWith("baseline_"))
                .extracting(Verdict::rule, Verdict::measured, Verdict::limit, Verdict::pass)
                .containsExactly(
                        tuple("baseline_sustainable_users", 200.0, ">= baseline 3200", false),
                        tuple("baseline_p99", 10000.0, "<= 1345.5 (baseline + 15.0 %)", false),
                        tuple("baseline_p50", 9700.0, "<= 1109.9 (baseline + 10.0 %)", false),
                        tuple("baseline_throughput", 297.0, ">= 2872.8 (baseline - 5.0 %)", false));
        // The levels the run broke count: the baseline sustained them.
        assertThat(allowed.get(5).note()).isEqualTo("worst of 25-3200 users, at 3200: +754.7 %" + ONE_RUN + "; allowed different:"
                + " max_virtual_threads 300 vs baseline none");
    }

    @Test
    void aRegressionAgainstTheBaselineFailsOnlyTheBaselineRules() {
        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.REGRESSION), RULES, BASELINE, Set.of());

        assertThat(verdicts).filteredOn(verdict -> !verdict.pass())
                .extracting(Verdict::rule, Verdict::metric, Verdict::measured, Verdict::baseline)
                .containsExactly(
                        tuple("baseline_sustainable_users", "blocking.sustainable_users", 50.0, 200.0),
                        tuple("baseline_p99", "blocking.p99_all_ms", 1620.0, 1020.0),
                        tuple("baseline_throughput", "blocking.throughput_rps", 85.0, 98.5));
        assertThat(verdicts).filteredOn(Verdict::pass).extracting(Verdict::rule)
                .containsExactly("gap", "top_level", "baseline_sustainable_users", "baseline_p99", "baseline_p50",
                        "baseline_p50", "baseline_throughput");
    }

    @Test
    void theLevelRulesCompareEveryLevelTheBaselineSustainedAndReportTheWorst() {
        // The regression sustains 25-50 only; the baseline sustained 25-200, so 100 and 200 are compared too: its
        // throughput at 100 (85 against 98.5) and its p99 at 200 (1620 against 1020) are the worst.
        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.REGRESSION), RULES, BASELINE, Set.of());

        assertThat(verdicts.get(4)).extracting(Verdict::note, Verdict::limit)
                .containsExactly("worst of 25-200 users, at 200: +58.8 %" + ONE_RUN, "<= 1173.0 (baseline + 15.0 %)");
        assertThat(verdicts.get(8)).extracting(Verdict::note, Verdict::limit)
                .containsExactly("worst of 25-200 users, at 100: -13.7 %" + ONE_RUN, ">= 93.6 (baseline - 5.0 %)");
    }

    @Test
    void aP99TwentyPercentUpAtOneSustainedLevelFailsAndTenPercentPasses() {
        Results good = Fixtures.read(Fixtures.GOOD);
        Results up20 = Fixtures.withLevel(good, "virtual", 800, level -> Fixtures.withP99All(level, 1050 * 1.20));
        Results up10 = Fixtures.withLevel(good, "virtual", 800, level -> Fixtures.withP99All(level, 1050 * 1.10));

        Verdict failed = verdict(Gate.evaluate(up20, RULES, BASELINE, Set.of()), "baseline_p99", "virtual.p99_all_ms");
        Verdict passed = verdict(Gate.evaluate(up10, RULES, BASELINE, Set.of()), "baseline_p99", "virtual.p99_all_ms");

        assertThat(failed.line()).isEqualTo("FAIL virtual.p99_all_ms  measured 1260.0 (worst of 25-3200 users, at 800: +20.0 %" + ONE_RUN + ")"
                + "  limit <= 1207.5 (baseline + 15.0 %)  baseline 1050.0  [baseline_p99]");
        assertThat(passed).extracting(Verdict::measured, Verdict::note, Verdict::pass)
                .containsExactly(1155.0, "worst of 25-3200 users, at 800: +10.0 %" + ONE_RUN, true);
        assertThat(Gate.evaluate(up20, RULES, BASELINE, Set.of())).filteredOn(verdict -> !verdict.pass()).hasSize(1);
    }

    @Test
    void aLimitIsInclusive() {
        Results good = Fixtures.read(Fixtures.GOOD);
        Results atLimit = Fixtures.withLevel(good, "virtual", 800, level -> Fixtures.withP99All(level, 1207.5));
        Results above = Fixtures.withLevel(good, "virtual", 800, level -> Fixtures.withP99All(level, 1207.6));

        assertThat(verdict(Gate.evaluate(atLimit, RULES, BASELINE, Set.of()), "baseline_p99", "virtual.p99_all_ms").pass()).isTrue();
        assertThat(verdict(Gate.evaluate(above, RULES, BASELINE, Set.of()), "baseline_p99", "virtual.p99_all_ms").pass()).isFalse();
    }

    @Test
    void aNinePercentThroughputLossFailsThoughTheLevelStillHoldsTheSlo() {
        Results lost = Fixtures.withLevel(Fixtures.read(Fixtures.GOOD), "virtual", 25,
                level -> Fixtures.withThroughput(level, 24.98 * 0.91));

        List<Verdict> verdicts = Gate.evaluate(lost, RULES, BASELINE, Set.of());

        assertThat(lost.experiment().slo().holds(lost.targets().get("virtual").level(25))).as("efficiency above the SLO's 0.9").isTrue();
        assertThat(verdicts).filteredOn(verdict -> !verdict.pass()).singleElement()
                .extracting(Verdict::rule, Verdict::metric, Verdict::measured, Verdict::limit, Verdict::note)
                .containsExactly("baseline_throughput", "virtual.throughput_rps", 24.98 * 0.91, ">= 23.7 (baseline - 5.0 %)",
                        "worst of 25-3200 users, at 25: -9.0 %" + ONE_RUN);
    }

    @Test
    void aP50TwelvePercentUpFailsItsTenPercentLimitWhileTheP99DoesNotMove() {
        Results slower = Fixtures.withLevel(Fixtures.read(Fixtures.GOOD), "blocking", 100,
                level -> Fixtures.withP50(level, 1001.2 * 1.12));

        List<Verdict> verdicts = Gate.evaluate(slower, RULES, BASELINE, Set.of());

        assertThat(verdicts).filteredOn(verdict -> !verdict.pass()).singleElement()
                .extracting(Verdict::rule, Verdict::metric, Verdict::limit, Verdict::note)
                .containsExactly("baseline_p50", "blocking.p50_ms", "<= 1101.3 (baseline + 10.0 %)",
                        "worst of 25-200 users, at 100: +12.0 %" + ONE_RUN);
    }

    @Test
    void aTargetsOwnLimitOverridesTheSections() throws IOException {
        Rules rules = RulesFile.read(Files.writeString(dir.resolve("rules.yaml"), Files.readString(Fixtures.RULES_FILE)
                .replace("  max_throughput_drop: 0.05\n", "  max_throughput_drop: 0.05\n  per_target:\n    virtual: {max_p99_increase: 0.30}\n")));
        Results good = Fixtures.read(Fixtures.GOOD);
        Results bothUp = Fixtures.withLevel(Fixtures.withLevel(good, "virtual", 800, level -> Fixtures.withP99All(level, 1050 * 1.2)),
                "blocking", 100, level -> Fixtures.withP99All(level, 1015 * 1.2));

        List<Verdict> verdicts = Gate.evaluate(bothUp, rules, BASELINE, Set.of());

        assertThat(verdicts).filteredOn(verdict -> verdict.rule().equals("baseline_p99"))
                .extracting(Verdict::metric, Verdict::limit, Verdict::pass)
                .containsExactly(tuple("blocking.p99_all_ms", "<= 1167.3 (baseline + 15.0 %)", false),
                        tuple("virtual.p99_all_ms", "<= 1365.0 (baseline + 30.0 %)", true));
        assertThat(verdict(verdicts, "baseline_p50", "virtual.p50_ms").limit()).as("the other limits stay the section's")
                .isEqualTo("<= 1109.9 (baseline + 10.0 %)");
    }

    @Test
    void aLevelAboveTheBaselinesSustainableUsersIsNotCompared() {
        // The baseline's blocking broke at 400: whatever the run measured there is no regression against it.
        Results worse = Fixtures.withLevel(Fixtures.read(Fixtures.GOOD), "blocking", 400,
                level -> Fixtures.withThroughput(Fixtures.withP99All(level, 9000), 20));

        assertThat(Gate.evaluate(worse, RULES, BASELINE, Set.of())).allMatch(Verdict::pass);
    }

    @Test
    void aLevelWithoutAnOkResponseFailsP50AndThroughputAndItsP99CountsTheTimeouts() {
        Results dead = Fixtures.withLevel(Fixtures.read(Fixtures.GOOD), "virtual", 400, level -> Fixtures.withoutOk(level, 10000));

        List<Verdict> verdicts = Gate.evaluate(dead, RULES, BASELINE, Set.of());

        assertThat(verdicts).filteredOn(verdict -> !verdict.pass() && verdict.rule().startsWith("baseline_"))
                .extracting(Verdict::rule, Verdict::measured, Verdict::note)
                .containsExactly(
                        tuple("baseline_p99", 10000.0, "worst of 25-3200 users, at 400: +870.9 %" + ONE_RUN),
                        tuple("baseline_p50", null, "virtual has no OK response at 400 users, which the baseline sustained"),
                        tuple("baseline_throughput", null, "virtual has no OK response at 400 users, which the baseline sustained"));
    }

    @Test
    void withoutALevelInCommonTheLevelRulesFail() {
        Baseline none = new Baseline(Fixtures.recounted(Fixtures.withLevel(Fixtures.read(Fixtures.BASELINE), "blocking", 25,
                level -> Fixtures.withEfficiency(level, 0.5))), null);
        Results unmeasured = Fixtures.stoppedEarly(Fixtures.read(Fixtures.GOOD), "virtual", 25);

        assertThat(Gate.evaluate(Fixtures.read(Fixtures.GOOD), RULES, none, Set.of()))
                .filteredOn(verdict -> verdict.metric().startsWith("blocking.") && !verdict.rule().equals("baseline_sustainable_users"))
                .hasSize(3).allSatisfy(verdict -> {
                    assertThat(verdict.pass()).isFalse();
                    assertThat(verdict.note()).isEqualTo("the baseline's blocking sustained no level: nothing to compare");
                });
        assertThat(verdict(Gate.evaluate(unmeasured, RULES, BASELINE, Set.of()), "baseline_p50", "virtual.p50_ms"))
                .extracting(Verdict::pass, Verdict::note)
                .containsExactly(false, "the run measured none of the levels the baseline's virtual sustained (25-3200 users)");
    }

    @Test
    void aServerGivenByUrlIsComparedTheSameWayWithoutAPause() throws IOException {
        Rules rules = RulesFile.read(Files.writeString(dir.resolve("service.yaml"), """
                baseline:
                  targets: [virtual]
                  max_p99_increase: 0.15
                  max_p50_increase: 0.10
                  max_throughput_drop: 0.05
                  noise_multiple: 2
                """));
        Results foreign = Fixtures.withPause(Fixtures.read(Fixtures.FOREIGN), 0);
        Results slower = Fixtures.withLevel(foreign, "virtual", 400, level -> Fixtures.withP50(level, 1002 * 1.12));

        List<Verdict> same = Gate.evaluate(foreign, rules, new Baseline(foreign, null), Set.of());
        List<Verdict> verdicts = Gate.evaluate(slower, rules, new Baseline(foreign, null), Set.of());

        assertThat(foreign.targets().get("virtual").config().managed()).isFalse();
        assertThat(same).hasSize(4).allMatch(Verdict::pass);
        assertThat(verdicts).extracting(Verdict::rule, Verdict::pass).containsExactly(
                tuple("baseline_sustainable_users", true), tuple("baseline_p99", true),
                tuple("baseline_p50", false), tuple("baseline_throughput", true));
        assertThat(verdicts.get(2).note()).isEqualTo("worst of 25-400 users, at 400: +12.0 %" + ONE_RUN);
    }

    @Test
    void aRuleAboutATargetTheRunLacksIsAFailWithItsReason() {
        Results virtualOnly = Fixtures.withoutTarget(Fixtures.read(Fixtures.GOOD), "blocking");

        List<Verdict> verdicts = Gate.evaluate(virtualOnly, RULES, BASELINE, Set.of());

        assertThat(verdicts).filteredOn(verdict -> !verdict.pass())
                .extracting(Verdict::rule, Verdict::metric, Verdict::note)
                .containsExactly(
                        tuple("gap", "gap virtual/blocking", "the run has no blocking target"),
                        tuple("baseline_sustainable_users", "blocking.sustainable_users", "the run has no blocking target"),
                        tuple("baseline_p99", "blocking.p99_all_ms", "the run has no blocking target"),
                        tuple("baseline_p50", "blocking.p50_ms", "the run has no blocking target"),
                        tuple("baseline_throughput", "blocking.throughput_rps", "the run has no blocking target"));
    }

    private static Verdict verdict(List<Verdict> verdicts, String rule, String metric) {
        return verdicts.stream().filter(verdict -> verdict.rule().equals(rule) && verdict.metric().equals(metric))
                .findFirst().orElseThrow(() -> new AssertionError("no verdict " + rule + " " + metric + " in " + verdicts));
    }

    /** The fixtures' rules with another list of targets that must hold the top level. */
    private Rules topLevelFor(String targets) throws IOException {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, Files.readString(Fixtures.RULES_FILE)
                .replace("top_level:\n  targets: [virtual]", "top_level:\n  targets: [" + targets + "]"));
        return RulesFile.read(rules);
    }

    @Test
    void rulesNameAnyTargetsAndAnAbsentOneFails() throws IOException {
        List<Verdict> verdicts = Gate.ownRules(Fixtures.read(Fixtures.GOOD), topLevelFor("virtual, pool1k"), null);

        assertThat(verdicts).extracting(Verdict::metric, Verdict::pass).containsExactly(
                tuple("gap virtual/blocking", true), tuple("virtual.sustainable_users", true),
                tuple("pool1k.sustainable_users", false));
        assertThat(verdicts.get(2).note()).isEqualTo("the run has no pool1k target");
    }

    @Test
    void aServiceGetsAFloorOnItsUsersAndACeilingOnItsP99WithNoOtherRule() throws IOException {
        Path rules = Files.writeString(dir.resolve("service.yaml"), """
                targets:
                  virtual:
                    min_sustainable_users: 1600
                    max_p99: {users: 3200, ms: 1200}
                  blocking:
                    max_p99: {users: 400, ms: 1500}
                  shop:
                    min_sustainable_users: 10
                """);

        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.GOOD), RulesFile.read(rules), BASELINE, Set.of());

        assertThat(verdicts).extracting(Verdict::rule, Verdict::metric, Verdict::measured, Verdict::limit, Verdict::pass)
                .containsExactly(
                        tuple("min_sustainable_users", "virtual.sustainable_users", 3200.0, ">= 1600", true),
                        tuple("max_p99", "virtual.p99_all_ms at 3200", 1170.0, "<= 1200.0", true),
                        tuple("max_p99", "blocking.p99_all_ms at 400", 3000.0, "<= 1500.0", false),
                        tuple("min_sustainable_users", "shop.sustainable_users", null, null, false));
        assertThat(verdicts.getLast().note()).isEqualTo("the run has no shop target");
    }

    @Test
    void aCeilingAtALevelTheEarlyStopSkippedFailsAndSaysSo() throws IOException {
        Path rules = Files.writeString(dir.resolve("service.yaml"), """
                targets:
                  blocking:
                    max_p99: {users: 1600, ms: 1500}
                """);
        Results stopped = Fixtures.stoppedEarly(Fixtures.read(Fixtures.GOOD), "blocking", 1600);

        Verdict verdict = Gate.evaluate(stopped, RulesFile.read(rules), BASELINE, Set.of()).getFirst();

        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.note()).isEqualTo("blocking skipped 1600 users: two lower levels broke (the early stop)");
        assertThat(stopped.targets().get("blocking").capacity().broke()).as("the bracket keeps the level that broke").isEqualTo(400);
    }

    @Test
    void aCeilingAtALevelTheRunNeverHadIsNotMeasuredWhichIsNotALevelWithoutAnOkResponse() throws IOException {
        Path rules = Files.writeString(dir.resolve("service.yaml"), """
                targets:
                  virtual:
                    max_p99: {users: 1600, ms: 1500}
                  blocking:
                    max_p99: {users: 400, ms: 1500}
                """);
        Results good = Fixtures.read(Fixtures.GOOD);
        Results run = Fixtures.withLevel(Fixtures.withoutLevel(good, "virtual", 1600), "blocking", 400,
                level -> Fixtures.withoutOk(level, 10000));

        List<Verdict> verdicts = Gate.evaluate(run, RulesFile.read(rules), BASELINE, Set.of());

        assertThat(verdicts).extracting(Verdict::metric, Verdict::pass, Verdict::note).containsExactly(
                tuple("virtual.p99_all_ms at 1600", false,
                        "not measured: the run has no level of 1600 users (its levels: 25, 50, 100, 200, 400, 800, 3200)"),
                tuple("blocking.p99_all_ms at 400", false, "blocking has no OK response at 400 users"));
    }

    @Test
    void aGapOverATargetThatSustainedNothingFails() {
        Results none = Fixtures.withLevel(Fixtures.read(Fixtures.GOOD), "blocking", 25,
                level -> Fixtures.withEfficiency(level, 0.5));
        Results recounted = Fixtures.recounted(none);

        Verdict gap = Gate.ownRules(recounted, RULES, null).getFirst();

        assertThat(gap.pass()).isFalse();
        assertThat(gap.measured()).isNull();
        assertThat(gap.note()).isEqualTo("blocking sustained no level: the gap is undefined");
    }

    @Test
    void theTopLevelRuleCanBeSwitchedOff() throws IOException {
        List<Verdict> verdicts = Gate.ownRules(Fixtures.read(Fixtures.CRIPPLED_VIRTUAL), topLevelFor(""), null);

        assertThat(verdicts).extracting(Verdict::rule).containsExactly("gap");
    }

    @Test
    void aMissingBaselineFailsEveryBaselineRuleAndNothingElse() {
        Baseline missing = Baseline.read(dir.resolve("baseline.json"));

        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.GOOD), RULES, missing, Set.of());

        assertThat(verdicts).filteredOn(verdict -> !verdict.pass()).hasSize(8)
                .allSatisfy(verdict -> assertThat(verdict.note()).startsWith("no baseline at " + dir.resolve("baseline.json")));
        assertThat(verdicts).filteredOn(Verdict::pass).extracting(Verdict::rule)
                .containsExactly("gap", "top_level");
    }

    @Test
    void aCorruptBaselineFailsEveryBaselineRule() {
        Baseline corrupt = Baseline.read(Fixtures.path(Fixtures.CORRUPT));

        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.GOOD), RULES, corrupt, Set.of());

        assertThat(corrupt.problem()).startsWith("baseline: results file ").contains("is corrupt");
        assertThat(verdicts).filteredOn(verdict -> verdict.rule().startsWith("baseline_"))
                .hasSize(8).noneMatch(Verdict::pass);
    }

    @Test
    void aBaselineWithAnotherPauseIsNotComparable() {
        Baseline otherPause = new Baseline(Fixtures.withPause(Fixtures.read(Fixtures.BASELINE), 500), null);

        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.GOOD), RULES, otherPause, Set.of());

        assertThat(verdicts).filteredOn(verdict -> verdict.rule().startsWith("baseline_"))
                .hasSize(8).allSatisfy(verdict -> {
                    assertThat(verdict.pass()).isFalse();
                    assertThat(verdict.note()).isEqualTo("not comparable: wait.pause_ms 1000 vs baseline 500 (refresh the"
                            + " baseline, or allow with -Dgate.allowDifferent=wait)");
                });
    }

    @Test
    void checkPassesAGoodRun() {
        Gate.Judgement outcome = check(Fixtures.path(Fixtures.GOOD), Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.run().runId()).isEqualTo("20260110-090000");
        assertThat(outcome.verdicts()).hasSize(10);
    }

    @Test
    void checkFailsAMissingResultsFileWithOneLine() {
        Path missing = dir.resolve("latest/results.json");

        Gate.Judgement outcome = check(missing, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.run()).isNull();
        assertThat(outcome.verdicts()).singleElement().satisfies(verdict -> {
            assertThat(verdict.line()).isEqualTo("FAIL results.json  no results file at " + missing
                    + " (run ./mvnw gatling:test first)  [inputs]");
            assertThat(verdict.line()).doesNotContain("\n");
        });
    }

    @Test
    void checkFailsACorruptResultsFile() {
        Gate.Judgement outcome = check(Fixtures.path(Fixtures.CORRUPT), Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement()
                .satisfies(verdict -> assertThat(verdict.line()).startsWith("FAIL results.json  results file ").contains("is corrupt").doesNotContain("\n"));
    }

    @Test
    void checkFailsAResultsFileOfAnotherSchema() throws IOException {
        Path other = dir.resolve("results.json");
        Files.writeString(other, Files.readString(Fixtures.path(Fixtures.GOOD)).replace("\"schema\": 4", "\"schema\": 5"));

        Gate.Judgement outcome = check(other, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement()
                .satisfies(verdict -> assertThat(verdict.note()).contains("has schema 5"));
    }

    @Test
    void checkFailsASchemaOneFileInOneLineThatSaysWhy() {
        Gate.Judgement outcome = check(Fixtures.path(Fixtures.SCHEMA_1), Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement().satisfies(verdict -> assertThat(verdict.line())
                .contains("has schema 1, this build reads schema 4 (the experiment as one object)").doesNotContain("\n"));
    }

    @Test
    void checkFailsAMissingRulesFileEvenForAGoodRun() {
        Gate.Judgement outcome = check(Fixtures.path(Fixtures.GOOD), dir.resolve("rules.yaml"), Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement()
                .satisfies(verdict -> assertThat(verdict.line()).isEqualTo(
                        "FAIL rules.yaml  no rules file at " + dir.resolve("rules.yaml") + "  [inputs]"));
    }

    @Test
    void checkReportsBothAMissingRulesFileAndAMissingResultsFile() {
        Gate.Judgement outcome = check(dir.resolve("results.json"), dir.resolve("rules.yaml"), Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.verdicts()).extracting(Verdict::metric).containsExactly("rules.yaml", "results.json");
        assertThat(outcome.passed()).isFalse();
    }

    @Test
    void anOutcomeWithoutVerdictsDoesNotPass() {
        assertThat(new Gate.Judgement(null, List.of(), null, null).passed()).isFalse();
    }

    /** One results file, nothing allowed to differ from the baseline. */
    private static Gate.Judgement check(Path resultsFile, Path rulesFile, Path baselineFile) {
        return Gate.check(List.of(resultsFile), rulesFile, baselineFile, null);
    }
}
