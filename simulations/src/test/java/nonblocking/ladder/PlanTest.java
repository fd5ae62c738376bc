package nonblocking.ladder;

import nonblocking.ladder.Plan.Probe;
import nonblocking.ladder.Plan.Step;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

class PlanTest {

    @Test
    void aFixedLadderStopsEarlyAfterTwoBrokenLevelsInARow() {
        FixedLadder plan = new FixedLadder(List.of(25, 50, 100, 200, 400), true);
        assertThat(plan.after(List.of(new Probe(25, true), new Probe(50, false)))).isEqualTo(Step.KEEP_ON);
        assertThat(plan.after(List.of(new Probe(25, false), new Probe(50, true), new Probe(100, false))))
                .as("broken, held, broken is not in a row").isEqualTo(Step.KEEP_ON);
        assertThat(plan.after(List.of(new Probe(25, true), new Probe(50, false), new Probe(100, false))))
                .isEqualTo(Step.STOP);
    }

    @Test
    void withoutTheEarlyStopAFixedLadderRunsEveryLevel() {
        FixedLadder plan = new FixedLadder(List.of(25, 50, 100), false);
        assertThat(plan.after(List.of(new Probe(25, false), new Probe(50, false)))).isEqualTo(Step.KEEP_ON);
        assertThat(plan.after(List.of(new Probe(25, false), new Probe(50, false), new Probe(100, false))))
                .isEqualTo(Step.STOP);
    }

    @Test
    void aSearchDoublesWhileLevelsHoldThenBisectsToWithinTenPercent() {
        List<Integer> path = search(new CapacitySearch(25, 10_000, 10, 16), users -> users <= 1000);
        assertThat(path).startsWith(25, 50, 100, 200, 400, 800, 1600);
        assertThat(path.subList(7, path.size())).as("bisecting [800, 1600]").containsExactly(1200, 1000, 1100);
        Bracket b = bracket(path, users -> users <= 1000);
        assertThat(b).isEqualTo(new Bracket(1000, 1100));
    }

    @Test
    void aSmallPoolIsBracketedByItsSize() {
        IntPredicate pool50 = users -> users <= 50;
        List<Integer> path = search(new CapacitySearch(25, 10_000, 10, 16), pool50);
        Bracket b = bracket(path, pool50);
        assertThat(b.held()).isEqualTo(50);
        assertThat(b.broke()).isGreaterThan(50).isLessThanOrEqualTo(55);
    }

    @Test
    void aSearchWhoseFirstLevelBreaksHalvesDown() {
        List<Integer> path = search(new CapacitySearch(100, 10_000, 10, 16), users -> users <= 30);
        assertThat(path).startsWith(100, 50, 25);
        Bracket b = bracket(path, users -> users <= 30);
        assertThat(b.held()).isLessThanOrEqualTo(30);
        assertThat(b.broke()).isGreaterThan(30).isLessThanOrEqualTo((int) (b.held() * 1.1));
    }

    @Test
    void aSearchStopsAtItsTopAndAtItsBudget() {
        assertThat(search(new CapacitySearch(25, 300, 10, 16), users -> true)).containsExactly(25, 50, 100, 200, 300);
        assertThat(search(new CapacitySearch(25, 10_000, 10, 4), users -> users <= 1000)).containsExactly(25, 50, 100, 200);
        assertThat(search(new CapacitySearch(1, 100, 10, 16), users -> false)).as("nothing holds").containsExactly(1);
    }

    /** Runs a search against a server that holds exactly the levels {@code holds} accepts; the levels in order. */
    private static List<Integer> search(Plan plan, IntPredicate holds) {
        List<Probe> done = new ArrayList<>();
        int next = plan.upFront().getFirst();
        while (true) {
            done.add(new Probe(next, holds.test(next)));
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
