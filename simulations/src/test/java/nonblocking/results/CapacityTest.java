package nonblocking.results;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static nonblocking.results.LevelVerdict.BREAKS;
import static nonblocking.results.LevelVerdict.HOLDS;
import static nonblocking.results.LevelVerdict.INCONCLUSIVE;
import static org.assertj.core.api.Assertions.assertThat;

class CapacityTest {

    @Test
    void aLuckyLevelAboveABrokenOneDoesNotCount() {
        Capacity capacity = Capacity.of(Map.of(200, HOLDS, 25, HOLDS, 100, BREAKS, 50, HOLDS));
        assertThat(capacity).isEqualTo(new Capacity(50, 100, null));
        assertThat(capacity.lowerBound()).isFalse();
    }

    @Test
    void holdingTheTopIsALowerBound() {
        assertThat(Capacity.of(Map.of(25, HOLDS, 50, HOLDS))).isEqualTo(new Capacity(50, null, null));
        assertThat(new Capacity(50, null, null).lowerBound()).isTrue();
        assertThat(new Capacity(0, null, null).lowerBound()).as("nothing ran").isFalse();
    }

    @Test
    void anInconclusiveLevelIsNeitherHeldNorBrokenAndLeavesALowerBound() {
        Capacity capacity = Capacity.of(Map.of(25, HOLDS, 800, HOLDS, 1600, INCONCLUSIVE, 3200, BREAKS));
        assertThat(capacity).isEqualTo(new Capacity(800, null, 1600));
        assertThat(capacity.lowerBound()).isTrue();
        assertThat(capacity.harnessBound()).isTrue();
        assertThat(capacity.within(10)).as("no bracket on an inconclusive level").isFalse();
    }

    @Test
    void aLevelThatRanTwiceHoldsIfEitherRunHeldAndBreaksOnlyIfBothBroke() {
        assertThat(LevelVerdict.merge(BREAKS, HOLDS)).isEqualTo(HOLDS);
        assertThat(LevelVerdict.merge(BREAKS, INCONCLUSIVE)).isEqualTo(INCONCLUSIVE);
        assertThat(LevelVerdict.merge(BREAKS, BREAKS)).isEqualTo(BREAKS);
    }

    @Test
    void withinIsTheShareBetweenHeldAndBroke() {
        assertThat(new Capacity(1000, 1100, null).within(10)).isTrue();
        assertThat(new Capacity(1000, 1101, null).within(10)).isFalse();
        assertThat(new Capacity(3, 4, null).within(10)).as("adjacent levels cannot be split").isTrue();
        assertThat(new Capacity(0, 25, null).within(10)).as("nothing held yet").isFalse();
        assertThat(new Capacity(1000, null, null).within(10)).as("nothing broke").isFalse();
    }
}
