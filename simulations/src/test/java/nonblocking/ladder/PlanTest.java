package nonblocking.ladder;

import nonblocking.ladder.Plan.Probe;
import nonblocking.ladder.Plan.Step;
import nonblocking.results.LevelVerdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import static nonblocking.results.LevelVerdict.BREAKS;
import static nonblocking.results.LevelVerdict.HOLDS;
import static nonblocking.results.LevelVerdict.INCONCLUSIVE;
import static org.assertj.core.api.Assertions.assertThat;

class PlanTest {

    private static Probe probe(int users, LevelVerdict verdict) {
        return new Probe(users, verdict);
    }

    @Test
    void aFixedLadderStopsEarlyAfterTwoLevelsInARowThatDidNotHold() {
        FixedLadder plan = new FixedLadder(List.of(25, 50, 100, 200, 400), true);
        assertThat(plan.after(List.of(probe(25, HOLDS), probe(50, BREAKS)))).isEqualTo(Step.KEEP_ON);
        assertThat(plan.after(List.of(probe(25, BREAKS), probe(50, HOLDS), probe(100, BREAKS))))
                .as("broken, held, broken is not in a row").isEqualTo(Step.KEEP_ON);
        assertThat(plan.after(List.of(probe(25, HOLDS), probe(50, BREAKS), probe(100, BREAKS)))).isEqualTo(Step.STOP);
        assertThat(plan.after(List.of(probe(25, HOLDS), probe(50, INCONCLUSIVE), probe(100, INCONCLUSIVE))))
                .as("more load will not make the harness's limit conclusive").isEqualTo(Step.STOP);
    }

    @Test
    void withoutTheEarlyStopAFixedLadderRunsEveryLevel() {
        FixedLadder plan = new FixedLadder(List.of(25, 50, 100), false);
        assertThat(plan.after(List.of(probe(25, BREAKS), probe(50, BREAKS)))).isEqualTo(Step.KEEP_ON);
        assertThat(plan.after(List.of(probe(25, BREAKS), probe(50, BREAKS), probe(100, BREAKS)))).isEqualTo(Step.STOP);
    }

    @Test
    void aSearchDoublesRunsEachBreakTwiceThenBisectsToWithinTenPercent() {
        List<Integer> path = search(new CapacitySearch(25, 10_000, 10, 20), held(users -> users <= 1000));
        assertThat(path).startsWith(25, 50, 100, 200, 400, 800, 1600, 1600);
        assertThat(path.subList(8, path.size())).as("bisecting [800, 1600], each break checked once more")
                .containsExactly(1200, 1200, 1000, 1100, 1100);
    }

    @Test
    void aBreakThatDoesNotRepeatIsNotBelieved() {
        int[] runs = {0};
        // 1600 breaks the first time only (a hiccup): the search goes on doubling.
        List<Integer> path = search(new CapacitySearch(400, 3200, 10, 16),
                users -> users == 1600 && runs[0]++ == 0 ? BREAKS : HOLDS);
        assertThat(path).containsExactly(400, 800, 1600, 1600, 3200);
    }

    @Test
    void anInconclusiveLevelEndsTheSearchAtTheHarnesssLimit() {
        List<Integer> path = search(new CapacitySearch(25, 10_000, 10, 16),
                users -> users <= 800 ? HOLDS : INCONCLUSIVE);
        assertThat(path).containsExactly(25, 50, 100, 200, 400, 800, 1600);
    }

    @Test
    void aSmallPoolIsBracketedByItsSize() {
        IntPredicate pool50 = users -> users <= 50;
        List<Integer> path = search(new CapacitySearch(25, 10_000, 10, 20), held(pool50));
        Bracket b = bracket(path, pool50);
        assertThat(b.held()).isEqualTo(50);
        assertThat(b.broke()).isGreaterThan(50).isLessThanOrEqualTo(55);
    }

    @Test
    void aSearchWhoseFirstLevelBreaksHalvesDown() {
        List<Integer> path = search(new CapacitySearch(100, 10_000, 10, 20), held(users -> users <= 30));
        assertThat(path).startsWith(100, 100, 50, 50, 25);
        Bracket b = bracket(path, users -> users <= 30);
        assertThat(b.held()).isLessThanOrEqualTo(30);
        assertThat(b.broke()).isGreaterThan(30).isLessThanOrEqualTo((int) (b.held() * 1.1));
    }

    @Test
    void aSearchStopsAtItsTopAndAtItsBudget() {
        assertThat(search(new CapacitySearch(25, 300, 10, 16), held(users -> true))).containsExactly(25, 50, 100, 200, 300);
        assertThat(search(new CapacitySearch(25, 10_000, 10, 4), held(users -> users <= 1000))).containsExactly(25, 50, 100, 200);
        assertThat(search(new CapacitySearch(1, 100, 10, 16), held(users -> false))).as("nothing holds").containsExactly(1, 1);
    }

    private static IntFunction<LevelVerdict> held(IntPredicate holds) {
        return users -> holds.test(users) ? HOLDS : BREAKS;
    }

    /** Runs a search against a server whose levels get the verdicts given; the levels in order. */
    private static List<Integer> search(Plan plan, IntFunction<LevelVerdict> verdict) {
        List<Probe> done = new ArrayList<>();
        int next = plan.upFront().getFirst();
        while (true) {
            done.add(probe(next, verdict.apply(next)));
            Step step = plan.after(List.copyOf(done));
            if (!step.schedules()) {
                break;
            }
            next = step.users();
        }
        return done.stream().map(Probe::users).toList();
    }

    private record Bracket(int held, int broke) {
    }

    private static Bracket bracket(List<Integer> path, IntPredicate holds) {
        int broke = path.stream().filter(users -> !holds.test(users)).mapToInt(Integer::intValue).min().orElseThrow();
        int held = path.stream().filter(holds::test).mapToInt(Integer::intValue).max().orElseThrow();
        return new Bracket(held, broke);
    }
}
