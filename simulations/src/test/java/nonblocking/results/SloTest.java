package nonblocking.results;

import nonblocking.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SloTest {

    private static final Slo SLO = Slo.forPause(1000);

    static LevelResult level(int users, double p99, long ok, long ko) {
        return level(users, p99, ok, ko, 1);
    }

    static LevelResult level(int users, double p99, long ok, long ko, double efficiency) {
        return Fixtures.levelResult(users, ok + ko, ok, ko, ko == 0 ? Map.of() : Map.of("timeout", ko), ok / 6.0, efficiency,
                Fixtures.latency(1000, 1000, p99, p99, p99), null, null, null);
    }

    @Test
    void aLevelHoldsWithP99UpToOneAndAHalfPausesAndAtMostOnePercentKo() {
        assertThat(SLO.holds(level(100, 1500, 600, 0))).isTrue();      // p99 exactly 1.5 pauses
        assertThat(SLO.holds(level(100, 1500.1, 600, 0))).isFalse();
        assertThat(SLO.holds(level(100, 1000, 990, 10))).isTrue();     // exactly 1 % KO
        assertThat(SLO.holds(level(100, 1000, 989, 11))).isFalse();
        assertThat(SLO.holds(level(100, 0, 0, 0))).isFalse();          // nothing served
    }

    @Test
    void withoutAPauseOnlyLatencyAndFailuresCount() {
        Slo cpu = new Slo(250, 1, null);
        assertThat(cpu.holds(level(100, 240, 600, 0, 0.05))).isTrue();   // latency grew 20x, still within the SLO
        assertThat(cpu.broken(level(100, 260, 600, 0, 1))).containsExactly(Slo.Limit.P99);
    }

    @Test
    void aLevelWithAPauseMustAlsoServeNineTenthsOfTheIdealThroughput() {
        // A capped virtual target at 3,200 users: p99 1.4 s is under 1.5 pauses, but it served 2,400 rps.
        assertThat(SLO.broken(level(3200, 1400, 14_400, 0, 0.75)))
                .containsExactly(Slo.Limit.EFFICIENCY);
        assertThat(SLO.holds(level(3200, 1100, 17_280, 0, 0.90))).isTrue();
        assertThat(SLO.holds(level(3200, 1100, 17_280, 0, 0.8999))).isFalse();
        assertThat(SLO.broken(level(100, 2000, 500, 100, 0.5))).containsExactly(
                Slo.Limit.P99, Slo.Limit.KO, Slo.Limit.EFFICIENCY);
    }

    @Test
    void theLimitsAreWrittenFromTheRuleItself() {
        assertThat(SLO.limits()).isEqualTo("p99 ≤ 1500 ms, KO ≤ 1 %, throughput ≥ 0.9 × users / pause");
        assertThat(SLO.text(Slo.Limit.EFFICIENCY)).isEqualTo("throughput under 0.9 × users / pause");
        assertThat(Slo.forPause(0)).isEqualTo(new Slo(0, 1, null));
        assertThat(new Slo(250, 1, null).limits()).isEqualTo("p99 ≤ 250 ms, KO ≤ 1 %");
    }

    @Test
    void theHighestLevelOfTheUnbrokenRunFromTheBottomCounts() {
        List<LevelResult> levels = List.of(level(25, 1010, 150, 0), level(50, 1020, 300, 0),
                level(100, 2500, 600, 0), level(200, 1100, 1200, 0));   // 200 is lucky after a failure
        assertThat(SLO.capacity(levels)).isEqualTo(new Capacity(50, 100, null));
    }

    @Test
    void orderOfTheInputDoesNotMatter() {
        List<LevelResult> levels = List.of(level(200, 1100, 1200, 0), level(25, 1010, 150, 0), level(50, 1020, 300, 0));
        assertThat(SLO.capacity(levels)).isEqualTo(new Capacity(200, null, null));
        assertThat(SLO.capacity(levels).lowerBound()).as("held the top").isTrue();
    }

    @Test
    void noHoldingLevelIsZero() {
        assertThat(SLO.capacity(List.of(level(25, 3000, 10, 0)))).isEqualTo(new Capacity(0, 25, null));
        assertThat(SLO.capacity(List.of())).isEqualTo(new Capacity(0, null, null));
        assertThat(SLO.capacity(List.of()).lowerBound()).as("nothing held is no bound").isFalse();
    }

    @Test
    void theGapNamesWhatItDividesAndIsALowerBoundWhenTheNumeratorHeldTheTop() {
        Map<String, TargetResult> both = Map.of(
                "blocking", target(200, 3200),
                "virtual", target(3200, 3200));
        assertThat(Gap.of(both, "virtual", "blocking")).isEqualTo(new Gap("virtual", "blocking", 16.0, true, false));
        assertThat(Gap.of(Map.of("blocking", target(200, 3200), "virtual", target(400, 3200)), "virtual", "blocking"))
                .isEqualTo(new Gap("virtual", "blocking", 2.0, false, false));
        assertThat(Gap.of(Map.of("virtual", target(3200, 3200)), "virtual", "blocking")).isNull();
        assertThat(Gap.of(Map.of("blocking", target(0, 3200), "virtual", target(3200, 3200)), "virtual", "blocking"))
                .isEqualTo(new Gap("virtual", "blocking", null, true, false));
    }

    /** A target whose levels run 25, 50, ... up to {@code top} and which sustained {@code sustained} users. */
    private static TargetResult target(int sustained, int top) {
        List<LevelResult> levels = new java.util.ArrayList<>();
        for (int users = 25; users <= top; users *= 2) {
            levels.add(level(users, 1000, users * 6L, 0));
        }
        return Fixtures.targetResult(null, null, null, levels, sustained);
    }
}
