package nonblocking.gate;

import java.util.Set;
import nonblocking.Fixtures;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.TargetResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** -Dresults=a.json,b.json,c.json: the gate judges the median of the runs, one bad run of three does not decide. */
class MedianTest {

    @TempDir
    Path dir;

    private Path write(String name, Results results) {
        Path file = dir.resolve(name + ".json");
        ResultsFile.write(results, file);
        return file;
    }

    private static Results p99At800(double ms) {
        return Fixtures.withLevel(Fixtures.read(Fixtures.GOOD), "virtual", 800, level -> Fixtures.withP99All(level, ms));
    }

    private static Results crashedAt(Results results, String name, int users) {
        java.util.Map<String, TargetResult> targets = new java.util.LinkedHashMap<>(results.targets());
        TargetResult t = targets.get(name);
        targets.put(name, new TargetResult(t.config(), t.jdk(), t.idle(), t.levels(), t.sustainableUsers(), t.skipped(),
                t.runOrder(), t.startedAt(), t.stoppedAt(), t.warmupS(),
                new TargetResult.Crash(users, 137, "its JVM exited with code 137", null), t.backendAfter()));
        return Fixtures.retargeted(results, targets);
    }

    @Test
    void aCrashInOneRunOfThreeFailsTheMedian() {
        Results good = Fixtures.read(Fixtures.GOOD);
        List<Path> runs = List.of(write("a", good), write("b", crashedAt(good, "virtual", 800)), write("c", good));

        Gate.Judgement median = Gate.check(runs, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE), null);

        assertThat(median.run().targets().get("virtual").crash()).isNotNull();
        assertThat(median.passed()).isFalse();
        assertThat(median.verdicts()).filteredOn(verdict -> verdict.rule().equals("crash")).singleElement()
                .satisfies(verdict -> assertThat(verdict.note()).contains("crashed at 800"));
    }

    @Test
    void oneOutlierOfThreeDoesNotFailTheGate() {
        List<Path> runs = List.of(write("a", p99At800(1050)), write("b", p99At800(1050 * 1.5)), write("c", p99At800(1050 * 1.05)));

        Gate.Judgement alone = Gate.check(List.of(runs.get(1)), Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE), null);
        Gate.Judgement median = Gate.check(runs, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE), null);

        assertThat(alone.passed()).isFalse();
        assertThat(median.passed()).isTrue();
        assertThat(median.run().targets().get("virtual").level(800).latency().p99AllMs()).isEqualTo(1050 * 1.05);
        assertThat(median.verdicts()).hasSize(10);
    }

    @Test
    void twoBadRunsOfThreeFailIt() {
        List<Path> runs = List.of(write("a", p99At800(1050)), write("b", p99At800(1050 * 1.25)), write("c", p99At800(1050 * 1.2)));

        Gate.Judgement median = Gate.check(runs, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE), null);

        assertThat(median.passed()).isFalse();
        assertThat(median.verdicts()).filteredOn(verdict -> !verdict.pass()).singleElement()
                .extracting(Verdict::rule, Verdict::measured, Verdict::note)
                .containsExactly("baseline_p99", 1260.0, "worst of 25-3200 users, at 800: +20.0 %" + GateTest.ONE_RUN);
    }

    @Test
    void theMedianOfSustainableUsersAndOfEachLevelIsJudgedByEveryRule() {
        // The regression's blocking sustains 50, with a throughput of 85 at 100 and a p99 of 1620 at 200: alone it
        // fails three baseline rules; between two good runs its every number is outvoted.
        Results regression = Fixtures.read(Fixtures.REGRESSION);
        Results good = Fixtures.read(Fixtures.GOOD);

        Results once = Median.of(List.of(good, regression, good));
        Results twice = Median.of(List.of(regression, good, regression));

        assertThat(Gate.evaluate(once, GateTest.RULES, GateTest.BASELINE, Set.of())).allMatch(Verdict::pass);
        assertThat(once.targets().get("blocking").sustainableUsers()).isEqualTo(200);
        assertThat(Gate.evaluate(twice, GateTest.RULES, GateTest.BASELINE, Set.of())).filteredOn(verdict -> !verdict.pass())
                .extracting(Verdict::rule, Verdict::measured)
                .containsExactly(tuple("baseline_sustainable_users", 50.0), tuple("baseline_p99", 1620.0),
                        tuple("baseline_throughput", 85.0));
    }

    @Test
    void anEvenNumberOfRunsIsAFail() {
        List<Path> runs = List.of(write("a", p99At800(1050)), write("b", p99At800(1050)));

        Gate.Judgement outcome = Gate.check(runs, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE), null);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement().extracting(Verdict::rule, Verdict::note).containsExactly("inputs",
                "the gate judges one results file or the median of an odd number (3, 5, ...), not of 2: the median of an"
                        + " even number is no run's value");
    }

    @Test
    void runsOfAnotherExperimentHaveNoMedian() {
        Results good = Fixtures.read(Fixtures.GOOD);
        List<Path> runs = List.of(write("a", good), write("b", good), write("c", Fixtures.withSettings(good, 6.0, null, null, null)));

        Gate.Judgement outcome = Gate.check(runs, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE), null);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.run()).isNull();
        assertThat(outcome.verdicts()).singleElement().extracting(Verdict::note).isEqualTo("run 20260110-090000 is not the"
                + " experiment of run 20260110-090000 (blocking: hold_s 6 vs 30): a median needs runs of one experiment");
    }

    @Test
    void anUnreadableRunOfSeveralIsAFail() {
        List<Path> runs = List.of(write("a", p99At800(1050)), Fixtures.path(Fixtures.CORRUPT), write("c", p99At800(1050)));

        Gate.Judgement outcome = Gate.check(runs, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE), null);

        assertThat(outcome.passed()).isFalse();
        assertThat(outcome.verdicts()).singleElement().satisfies(verdict -> assertThat(verdict.note()).contains("is corrupt"));
    }

    @Test
    void aLevelNotEveryRunMeasuredIsLeftOut() {
        Results good = Fixtures.read(Fixtures.GOOD);
        Results stopped = Fixtures.stoppedEarly(good, "blocking", 800);

        Results median = Median.of(List.of(good, stopped, good));

        assertThat(median.targets().get("blocking").levels()).extracting(level -> level.users())
                .containsExactly(25, 50, 100, 200, 400);
        assertThat(median.targets().get("blocking").skipped()).containsExactly(800, 1600, 3200);
        assertThat(median.runId()).isEqualTo("median(20260110-090000,20260110-090000,20260110-090000)");
    }
}
