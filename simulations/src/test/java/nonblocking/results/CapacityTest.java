package nonblocking.results;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityTest {

    @Test
    void aLuckyLevelAboveABrokenOneDoesNotCount() {
        Capacity capacity = Capacity.of(Map.of(200, true, 25, true, 100, false, 50, true));
        assertThat(capacity).isEqualTo(new Capacity(50, 100));
        assertThat(capacity.lowerBound()).isFalse();
    }

    @Test
    void holdingTheTopIsALowerBound() {
        assertThat(Capacity.of(Map.of(25, true, 50, true))).isEqualTo(new Capacity(50, null));
        assertThat(new Capacity(50, null).lowerBound()).isTrue();
        assertThat(new Capacity(0, null).lowerBound()).as("nothing ran").isFalse();
    }

    @Test
    void withinIsTheShareBetweenHeldAndBroke() {
        assertThat(new Capacity(1000, 1100).within(10)).isTrue();
        assertThat(new Capacity(1000, 1101).within(10)).isFalse();
        assertThat(new Capacity(3, 4).within(10)).as("adjacent levels cannot be split").isTrue();
        assertThat(new Capacity(0, 25).within(10)).as("nothing held yet").isFalse();
        assertThat(new Capacity(1000, null).within(10)).as("nothing broke").isFalse();
    }
}
