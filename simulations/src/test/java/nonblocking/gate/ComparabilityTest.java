package nonblocking.gate;

import java.util.Set;
import nonblocking.Fixtures;
import nonblocking.NonblockingException;
import nonblocking.results.Differences;
import nonblocking.results.Experiment;
import nonblocking.results.LevelPlan;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.Slo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A baseline of another experiment fails the baseline rules, naming what differs, unless -Dgate.allowDifferent says so. */
class ComparabilityTest {

    static final Rules RULES = GateTest.RULES;
    static final Baseline BASELINE = GateTest.BASELINE;
    /** The SLO of -Dslo.p99=10000: what the gate failed to notice before. */
    static final Slo LOOSE = new Slo(10000, 1.0, 0.9);

    @TempDir
    Path dir;

    /** The baseline rules' verdicts about one target (four: sustainable users, p99, p50, throughput). */
    private static List<Verdict> baselineVerdicts(List<Verdict> verdicts, String target) {
        return verdicts.stream().filter(verdict -> verdict.rule().startsWith("baseline_") && verdict.metric().startsWith(target + "."))
                .toList();
    }

    @Test
    void anotherHoldAndALooserSloFailEveryBaselineRuleNamingBothFields() {
        Results run = Fixtures.withSettings(Fixtures.read(Fixtures.GOOD), 6.0, LOOSE, null, null);

        List<Verdict> verdicts = Gate.evaluate(run, RULES, BASELINE, Set.of());

        assertThat(verdicts).filteredOn(verdict -> verdict.rule().startsWith("baseline_")).hasSize(8).allSatisfy(verdict -> {
            assertThat(verdict.pass()).isFalse();
            assertThat(verdict.note()).isEqualTo("not comparable: hold_s 6 vs baseline 30; slo.p99_ms 10000 vs baseline 1500"
                    + " (refresh the baseline, or allow with -Dgate.allowDifferent=hold_s,slo)");
        });
        assertThat(verdicts).filteredOn(verdict -> !verdict.rule().startsWith("baseline_")).allMatch(Verdict::pass);
    }

    @Test
    void anotherHeapFailsOnlyThatTarget() {
        Results run = Fixtures.withConfig(Fixtures.read(Fixtures.GOOD), "virtual",
                config -> Fixtures.withJvmArgs(config, "-Xmx1g", "-Xms64m"));

        List<Verdict> verdicts = Gate.evaluate(run, RULES, BASELINE, Set.of());

        assertThat(baselineVerdicts(verdicts, "virtual")).hasSize(4).allSatisfy(verdict -> assertThat(verdict.note())
                .isEqualTo("not comparable: heap -Xms64m -Xmx1g vs baseline -Xms64m -Xmx512m (refresh the baseline, or allow"
                        + " with -Dgate.allowDifferent=heap)"));
        assertThat(baselineVerdicts(verdicts, "virtual")).noneMatch(Verdict::pass);
        assertThat(baselineVerdicts(verdicts, "blocking")).hasSize(4).allMatch(Verdict::pass);
    }

    @Test
    void aTargetsOwnSloIsTheOneCompared() {
        Results run = Fixtures.withConfig(Fixtures.read(Fixtures.GOOD), "blocking", config -> Fixtures.withSlo(config, LOOSE));

        List<Verdict> verdicts = Gate.evaluate(run, RULES, BASELINE, Set.of());

        assertThat(baselineVerdicts(verdicts, "blocking")).noneMatch(Verdict::pass)
                .allSatisfy(verdict -> assertThat(verdict.note()).startsWith("not comparable: slo.p99_ms 10000 vs baseline 1500 ("));
        assertThat(baselineVerdicts(verdicts, "virtual")).allMatch(Verdict::pass);
    }

    @Test
    void otherCoresAreNotComparable() {
        Results run = Fixtures.withSettings(Fixtures.read(Fixtures.GOOD), null, null, 4, null);

        assertThat(Gate.evaluate(run, RULES, BASELINE, Set.of())).filteredOn(verdict -> verdict.rule().startsWith("baseline_"))
                .hasSize(8).allSatisfy(verdict -> assertThat(verdict.note()).startsWith("not comparable: cores 4 vs baseline 2 ("));
    }

    @Test
    void anotherPlanIsNotComparableAndItsFieldsAreNamed() {
        Results searched = Fixtures.withSettings(Fixtures.read(Fixtures.GOOD), null, null, null,
                LevelPlan.auto(25, 10000, 10.0, 16));

        Verdict verdict = Gate.evaluate(searched, RULES, BASELINE, Set.of()).stream()
                .filter(v -> v.rule().equals("baseline_sustainable_users")).findFirst().orElseThrow();

        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.note()).startsWith("not comparable: plan.mode auto vs baseline fixed;"
                + " plan.levels none vs baseline 25 50 100 200 400 800 1600 3200;")
                .endsWith(" (refresh the baseline, or allow with -Dgate.allowDifferent=plan)");
    }

    @Test
    void aLevelTheEarlyStopSkippedLeavesThePlanAsItWas() {
        Results stopped = Fixtures.stoppedEarly(Fixtures.read(Fixtures.GOOD), "virtual", 3200);

        assertThat(Comparability.differences(stopped, "virtual", BASELINE.results())).isEmpty();
    }

    @Test
    void anotherWaitOrInjectorCountIsNotComparable() {
        Results otherPause = Fixtures.withPause(Fixtures.read(Fixtures.GOOD), 500);
        Results twoInjectors = Fixtures.withExperiment(Fixtures.read(Fixtures.GOOD), e -> new Experiment(e.profile(),
                e.load(), e.plan(), e.holdS(), e.rampS(), e.warmupS(), e.warmupMaxS(), e.waitOn(), e.workMicros(), e.timeoutMs(),
                e.stallMs(), e.slo(), 2));

        assertThat(Comparability.differences(otherPause, "virtual", BASELINE.results()))
                .extracting(Differences.Difference::field).contains("wait.pause_ms");
        assertThat(Comparability.differences(twoInjectors, "virtual", BASELINE.results()))
                .extracting(Differences.Difference::field).containsExactly("injectors");
    }

    @Test
    void aDifferenceThatWasMeantPassesAndItsVerdictsSaySo() {
        Results run = Fixtures.withSettings(Fixtures.read(Fixtures.GOOD), 6.0, LOOSE, null, null);

        List<Verdict> verdicts = Gate.evaluate(run, RULES, BASELINE, Comparability.allowed("hold_s,slo", run));

        assertThat(verdicts).allMatch(Verdict::pass);
        assertThat(verdicts).filteredOn(verdict -> verdict.rule().startsWith("baseline_")).hasSize(8)
                .allSatisfy(verdict -> assertThat(verdict.note()).endsWith("allowed different: hold_s 6 vs baseline 30;"
                        + " slo.p99_ms 10000 vs baseline 1500"));
        assertThat(verdicts.get(2).line()).isEqualTo("PASS blocking.sustainable_users  measured 200 (allowed different:"
                + " hold_s 6 vs baseline 30; slo.p99_ms 10000 vs baseline 1500)  limit >= baseline 200  baseline 200"
                + "  [baseline_sustainable_users]");
    }

    @Test
    void aPartAllowsOnlyItselfAndTheHintKeepsWhatWasAllowed() {
        Results run = Fixtures.withSettings(Fixtures.read(Fixtures.GOOD), 6.0, new Slo(10000, 5.0, 0.9), null, null);

        assertThat(Gate.evaluate(run, RULES, BASELINE, Comparability.allowed("hold_s, slo.p99_ms", run)).get(2).note())
                .isEqualTo("not comparable: slo.ko_percent 5 vs baseline 1 (refresh the baseline, or allow with"
                        + " -Dgate.allowDifferent=hold_s,slo.p99_ms,slo)");
        assertThat(Gate.evaluate(run, RULES, BASELINE, Comparability.allowed("hold_s,slo.p99_ms,slo.ko_percent", run)))
                .allMatch(Verdict::pass);
    }

    @Test
    void anUnknownNameIsAOneLineError() {
        Results run = Fixtures.read(Fixtures.GOOD);
        assertThatThrownBy(() -> Comparability.allowed("hold_s,hold", run))
                .isInstanceOf(NonblockingException.class)
                .hasMessageStartingWith("-Dgate.allowDifferent names an unknown field hold (known: profile, load, plan,"
                        + " hold_s,")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(Comparability.allowed(" ", run)).isEmpty();
        assertThat(Comparability.allowed(null, run)).isEmpty();
    }

    @Test
    void anUnknownNameFailsTheGateEvenForAGoodRun() {
        Gate.Judgement outcome = Gate.check(List.of(Fixtures.path(Fixtures.GOOD)), Fixtures.RULES_FILE,
                Fixtures.path(Fixtures.BASELINE), "hold");

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement().extracting(Verdict::rule, Verdict::metric, Verdict::pass)
                .containsExactly("inputs", "gate.allowDifferent", false);
    }

    @Test
    void checkHandsTheAllowedNamesOn() throws IOException {
        Path run = dir.resolve("results.json");
        ResultsFile.write(Fixtures.withSettings(Fixtures.read(Fixtures.GOOD), 6.0, null, null, null), run);

        Gate.Judgement strict = Gate.check(List.of(run), Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE), "");
        Gate.Judgement allowing = Gate.check(List.of(run), Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE), "hold_s");

        assertThat(strict.passed()).isFalse();
        assertThat(strict.verdicts()).filteredOn(verdict -> !verdict.pass()).hasSize(8);
        assertThat(allowing.passed()).isTrue();
    }

    @Test
    void everyFieldAndGroupOfTheRunIsANameItAccepts() {
        Results run = Fixtures.read(Fixtures.GOOD);
        assertThat(Comparability.names(run)).contains("hold_s", "slo", "slo.p99_ms", "wait", "wait.pause_ms", "plan",
                "plan.levels", "injectors", "request", "heap", "model", "threads", "cores");
        assertThat(Comparability.allowed(String.join(",", Comparability.names(run)), run))
                .hasSize(Comparability.names(run).size());
    }
}
