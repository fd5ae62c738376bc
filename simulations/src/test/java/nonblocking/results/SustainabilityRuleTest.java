package nonblocking.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SustainabilityRuleTest {

    private static final long PAUSE = 1000;

    static LevelResult level(int users, double p99, long ok, long ko) {
        return new LevelResult(users, ok + ko, ok, ko, ko == 0 ? Map.of() : Map.of("timeout", ko), ok / 6.0, 1,
                1000, 1000, p99, p99, null, null, null, null, null, null);
    }

    @Test
    void aLevelHoldsWithP99UpToOneAndAHalfPausesAndAtMostOnePercentKo() {
        assertThat(Sustainability.holds(level(100, 1500, 600, 0), PAUSE)).isTrue();      // p99 exactly 1.5 pauses
        assertThat(Sustainability.holds(level(100, 1500.1, 600, 0), PAUSE)).isFalse();
        assertThat(Sustainability.holds(level(100, 1000, 990, 10), PAUSE)).isTrue();     // exactly 1 % KO
        assertThat(Sustainability.holds(level(100, 1000, 989, 11), PAUSE)).isFalse();
        assertThat(Sustainability.holds(level(100, 0, 0, 0), PAUSE)).isFalse();          // nothing served
    }

    @Test
    void theHighestLevelOfTheUnbrokenRunFromTheBottomCounts() {
        List<LevelResult> levels = List.of(level(25, 1010, 150, 0), level(50, 1020, 300, 0),
                level(100, 2500, 600, 0), level(200, 1100, 1200, 0));   // 200 is lucky after a failure
        assertThat(Sustainability.sustainableUsers(levels, PAUSE)).isEqualTo(50);
    }

    @Test
    void orderOfTheInputDoesNotMatter() {
        List<LevelResult> levels = List.of(level(200, 1100, 1200, 0), level(25, 1010, 150, 0), level(50, 1020, 300, 0));
        assertThat(Sustainability.sustainableUsers(levels, PAUSE)).isEqualTo(200);
    }

    @Test
    void noHoldingLevelIsZero() {
        assertThat(Sustainability.sustainableUsers(List.of(level(25, 3000, 10, 0)), PAUSE)).isZero();
        assertThat(Sustainability.sustainableUsers(List.of(), PAUSE)).isZero();
    }

    @Test
    void gapIsVirtualOverBlocking() {
        Map<String, TargetResult> both = Map.of(
                "blocking", new TargetResult(null, null, List.of(), 200),
                "virtual", new TargetResult(null, null, List.of(), 3200));
        assertThat(Results.gapOf(both)).isEqualTo(16.0);
        assertThat(Results.gapOf(Map.of("virtual", new TargetResult(null, null, List.of(), 3200)))).isNull();
        assertThat(Results.gapOf(Map.of(
                "blocking", new TargetResult(null, null, List.of(), 0),
                "virtual", new TargetResult(null, null, List.of(), 3200)))).isNull();
    }
}
