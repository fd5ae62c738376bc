package nonblocking.gate;

import nonblocking.Fixtures;
import nonblocking.results.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Each rule over the fixtures, with the committed rules.yaml (gap 10, efficiency 0.90, drop 10%). */
class GateTest {

    static final Rules RULES = Fixtures.rules();
    static final Baseline BASELINE = Fixtures.baseline();

    @TempDir
    Path dir;

    @Test
    void aGoodRunPassesEveryRule() {
        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.GOOD), RULES, BASELINE);

        assertThat(verdicts).extracting(Verdict::rule, Verdict::metric, Verdict::measured, Verdict::limit, Verdict::baseline, Verdict::pass)
                .containsExactly(
                        tuple("gap", "gap virtual/blocking", 16.0, ">= 10", 16.0, true),
                        tuple("top_level", "virtual.sustainable_users", 3200.0, "= top level 3200", 3200.0, true),
                        tuple("efficiency", "virtual.efficiency_min", 0.941, ">= 0.9 at each sustained level", 0.945, true),
                        tuple("baseline_sustainable_users", "blocking.sustainable_users", 200.0, ">= baseline 200", 200.0, true),
                        tuple("baseline_sustainable_users", "virtual.sustainable_users", 3200.0, ">= baseline 3200", 3200.0, true),
                        tuple("baseline_efficiency", "blocking.efficiency_min", 0.973, ">= 0.8793 (baseline - 10%)", 0.977, true),
                        tuple("baseline_efficiency", "virtual.efficiency_min", 0.941, ">= 0.8505 (baseline - 10%)", 0.945, true));
        assertThat(verdicts.get(2).note()).isEqualTo("at 3200 users");
        assertThat(verdicts.get(5).note()).isEqualTo("worst of 25-200 users, at 200");
    }

    @Test
    void aCrippledVirtualFailsTheGapTheTopLevelAndItsBaseline() {
        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.CRIPPLED_VIRTUAL), RULES, BASELINE);

        assertThat(verdicts).extracting(Verdict::rule, Verdict::metric, Verdict::measured, Verdict::limit, Verdict::pass)
                .containsExactly(
                        tuple("gap", "gap virtual/blocking", 1.0, ">= 10", false),
                        tuple("top_level", "virtual.sustainable_users", 200.0, "= top level 3200", false),
                        tuple("efficiency", "virtual.efficiency_min", 0.973, ">= 0.9 at each sustained level", true),
                        tuple("baseline_sustainable_users", "blocking.sustainable_users", 200.0, ">= baseline 200", true),
                        tuple("baseline_sustainable_users", "virtual.sustainable_users", 200.0, ">= baseline 3200", false),
                        tuple("baseline_efficiency", "blocking.efficiency_min", 0.973, ">= 0.8793 (baseline - 10%)", true),
                        tuple("baseline_efficiency", "virtual.efficiency_min", 0.973, ">= 0.8793 (baseline - 10%)", true));
    }

    @Test
    void aRegressionAgainstTheBaselineFailsOnlyTheBaselineRules() {
        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.REGRESSION), RULES, BASELINE);

        assertThat(verdicts).filteredOn(verdict -> !verdict.pass())
                .extracting(Verdict::rule, Verdict::metric, Verdict::measured, Verdict::baseline)
                .containsExactly(
                        tuple("baseline_sustainable_users", "blocking.sustainable_users", 50.0, 200.0));
        assertThat(verdicts).filteredOn(Verdict::pass).extracting(Verdict::rule)
                .containsExactly("gap", "top_level", "efficiency", "baseline_sustainable_users", "baseline_efficiency",
                        "baseline_efficiency");
    }

    @Test
    void theBaselineEfficiencyComparesOnlyLevelsBothRunsSustained() {
        // The regression sustains 25-50 (0.85 at 100 is under 0.9 x users / pause); the baseline's worst of those
        // same levels is 0.993 (at 50), not its 0.977 at 200.
        Verdict blocking = Gate.evaluate(Fixtures.read(Fixtures.REGRESSION), RULES, BASELINE).get(5);

        assertThat(blocking.note()).isEqualTo("worst of 25-50 users, at 50");
        assertThat(blocking.limit()).isEqualTo(">= 0.8937 (baseline - 10%)");
    }

    @Test
    void efficiencyExactlyAtTheLimitPassesAndJustBelowFails() {
        Results good = Fixtures.read(Fixtures.GOOD);
        Results atLimit = Fixtures.withLevel(good, "virtual", 800, level -> Fixtures.withEfficiency(level, 0.90));
        Results below = Fixtures.withLevel(good, "virtual", 800, level -> Fixtures.withEfficiency(level, 0.8999));

        assertThat(Gate.ownRules(atLimit, RULES, null).get(2)).extracting(Verdict::measured, Verdict::note, Verdict::pass)
                .containsExactly(0.90, "at 800 users", true);
        assertThat(Gate.ownRules(below, RULES, null).get(2)).extracting(Verdict::measured, Verdict::pass)
                .containsExactly(0.8999, false);
    }

    @Test
    void aLevelAboveTheSustainableOnesDoesNotCountForEfficiency() {
        Results crippled = Fixtures.read(Fixtures.CRIPPLED_VIRTUAL);

        // 400 users and up were not sustained (efficiency 0.74 and below): only 25-200 are judged.
        assertThat(Gate.ownRules(crippled, RULES, null).get(2).pass()).isTrue();
    }

    @Test
    void aRuleAboutATargetTheRunLacksIsAFailWithItsReason() {
        Results virtualOnly = Fixtures.withoutTarget(Fixtures.read(Fixtures.GOOD), "blocking");

        List<Verdict> verdicts = Gate.evaluate(virtualOnly, RULES, BASELINE);

        assertThat(verdicts).filteredOn(verdict -> !verdict.pass())
                .extracting(Verdict::rule, Verdict::metric, Verdict::note)
                .containsExactly(
                        tuple("gap", "gap virtual/blocking", "the run has no blocking target"),
                        tuple("baseline_sustainable_users", "blocking.sustainable_users", "the run has no blocking target"),
                        tuple("baseline_efficiency", "blocking.efficiency_min", "the run has no blocking target"));
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
                tuple("pool1k.sustainable_users", false), tuple("virtual.efficiency_min", true));
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

        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.GOOD), RulesFile.read(rules), BASELINE);

        assertThat(verdicts).extracting(Verdict::rule, Verdict::metric, Verdict::measured, Verdict::limit, Verdict::pass)
                .containsExactly(
                        tuple("min_sustainable_users", "virtual.sustainable_users", 3200.0, ">= 1600", true),
                        tuple("max_p99", "virtual.p99_ms at 3200", 1170.0, "<= 1200", true),
                        tuple("max_p99", "blocking.p99_ms at 400", 3000.0, "<= 1500", false),
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

        Verdict verdict = Gate.evaluate(stopped, RulesFile.read(rules), BASELINE).getFirst();

        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.note()).isEqualTo("blocking skipped 1600 users: two lower levels broke (the early stop)");
        assertThat(stopped.targets().get("blocking").brokeAt()).as("the bracket keeps the level that broke").isEqualTo(400);
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

        assertThat(verdicts).extracting(Verdict::rule).containsExactly("gap", "efficiency");
    }

    @Test
    void aMissingBaselineFailsEveryBaselineRuleAndNothingElse() {
        Baseline missing = Baseline.read(dir.resolve("baseline.json"));

        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.GOOD), RULES, missing);

        assertThat(verdicts).filteredOn(verdict -> !verdict.pass()).hasSize(4)
                .allSatisfy(verdict -> assertThat(verdict.note()).startsWith("no baseline at " + dir.resolve("baseline.json")));
        assertThat(verdicts).filteredOn(Verdict::pass).extracting(Verdict::rule)
                .containsExactly("gap", "top_level", "efficiency");
    }

    @Test
    void aCorruptBaselineFailsEveryBaselineRule() {
        Baseline corrupt = Baseline.read(Fixtures.path(Fixtures.CORRUPT));

        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.GOOD), RULES, corrupt);

        assertThat(corrupt.problem()).startsWith("baseline: results file ").contains("is corrupt");
        assertThat(verdicts).filteredOn(verdict -> verdict.rule().startsWith("baseline_"))
                .hasSize(4).noneMatch(Verdict::pass);
    }

    @Test
    void aBaselineWithAnotherPauseIsNotComparable() {
        Baseline otherPause = Baseline.of(Fixtures.withPause(Fixtures.read(Fixtures.BASELINE), 500));

        List<Verdict> verdicts = Gate.evaluate(Fixtures.read(Fixtures.GOOD), RULES, otherPause);

        assertThat(verdicts).filteredOn(verdict -> verdict.rule().startsWith("baseline_"))
                .hasSize(4).allSatisfy(verdict -> {
                    assertThat(verdict.pass()).isFalse();
                    assertThat(verdict.note()).contains("paused 500 ms", "not comparable");
                });
    }

    @Test
    void checkPassesAGoodRun() {
        Gate.Outcome outcome = Gate.check(Fixtures.path(Fixtures.GOOD), Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isTrue();
        assertThat(outcome.run().runId()).isEqualTo("20260110-090000");
        assertThat(outcome.verdicts()).hasSize(7);
    }

    @Test
    void checkFailsAMissingResultsFileWithOneLine() {
        Path missing = dir.resolve("latest/results.json");

        Gate.Outcome outcome = Gate.check(missing, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE));

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
        Gate.Outcome outcome = Gate.check(Fixtures.path(Fixtures.CORRUPT), Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement()
                .satisfies(verdict -> assertThat(verdict.line()).startsWith("FAIL results.json  results file ").contains("is corrupt").doesNotContain("\n"));
    }

    @Test
    void checkFailsAResultsFileOfAnotherSchema() throws IOException {
        Path other = dir.resolve("results.json");
        Files.writeString(other, Files.readString(Fixtures.path(Fixtures.GOOD)).replace("\"schema\": 3", "\"schema\": 4"));

        Gate.Outcome outcome = Gate.check(other, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement()
                .satisfies(verdict -> assertThat(verdict.note()).contains("has schema 4"));
    }

    @Test
    void checkFailsASchemaOneFileInOneLineThatSaysWhy() {
        Gate.Outcome outcome = Gate.check(Fixtures.path(Fixtures.SCHEMA_1), Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement().satisfies(verdict -> assertThat(verdict.line())
                .contains("has schema 1, this build reads schema 3 (schema 1 had two fixed targets)").doesNotContain("\n"));
    }

    @Test
    void checkFailsAMissingRulesFileEvenForAGoodRun() {
        Gate.Outcome outcome = Gate.check(Fixtures.path(Fixtures.GOOD), dir.resolve("rules.yaml"), Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement()
                .satisfies(verdict -> assertThat(verdict.line()).isEqualTo(
                        "FAIL rules.yaml  no rules file at " + dir.resolve("rules.yaml") + "  [inputs]"));
    }

    @Test
    void checkReportsBothAMissingRulesFileAndAMissingResultsFile() {
        Gate.Outcome outcome = Gate.check(dir.resolve("results.json"), dir.resolve("rules.yaml"), Fixtures.path(Fixtures.BASELINE));

        assertThat(outcome.verdicts()).extracting(Verdict::metric).containsExactly("rules.yaml", "results.json");
        assertThat(outcome.passed()).isFalse();
    }

    @Test
    void anOutcomeWithoutVerdictsDoesNotPass() {
        assertThat(new Gate.Outcome(null, List.of()).passed()).isFalse();
    }
}
