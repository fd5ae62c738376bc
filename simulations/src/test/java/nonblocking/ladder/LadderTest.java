package nonblocking.ladder;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LadderTest {

    private static final long S = 1_000_000_000L;

    /** levels 25, 50, 100; ramp 2 s, warm-up 3 s, hold 6 s. */
    private final Ladder ladder = new Ladder(List.of(25, 50, 100), Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(6));

    @Test
    void firstLevelHoldsAfterItsRampAndTheWarmUp() {
        Level first = ladder.level(0);
        assertThat(first.rampStartNanos()).isZero();
        assertThat(first.holdStartNanos()).isEqualTo(5 * S);
        assertThat(first.holdEndNanos()).isEqualTo(11 * S);
    }

    @Test
    void laterLevelsRampThenHold() {
        assertThat(ladder.level(1).rampStartNanos()).isEqualTo(11 * S);
        assertThat(ladder.level(1).holdStartNanos()).isEqualTo(13 * S);
        assertThat(ladder.level(1).holdEndNanos()).isEqualTo(19 * S);
        assertThat(ladder.level(2).holdStartNanos()).isEqualTo(21 * S);
        assertThat(ladder.endNanos()).isEqualTo(27 * S);
        assertThat(ladder.duration()).isEqualTo(Duration.ofSeconds(27));
    }

    @Test
    void aRequestBelongsToTheLevelWhoseHoldWindowSawItStart() {
        assertThat(ladder.levelAt(0)).isEqualTo(-1);               // first ramp
        assertThat(ladder.levelAt(4 * S)).isEqualTo(-1);           // warm-up
        assertThat(ladder.levelAt(5 * S - 1)).isEqualTo(-1);       // last nanosecond of warm-up
        assertThat(ladder.levelAt(5 * S)).isEqualTo(0);            // hold start is inclusive
        assertThat(ladder.levelAt(11 * S - 1)).isEqualTo(0);
        assertThat(ladder.levelAt(11 * S)).isEqualTo(-1);          // hold end is exclusive: ramp to 50
        assertThat(ladder.levelAt(12 * S)).isEqualTo(-1);
        assertThat(ladder.levelAt(13 * S)).isEqualTo(1);
        assertThat(ladder.levelAt(26 * S)).isEqualTo(2);
        assertThat(ladder.levelAt(27 * S)).isEqualTo(-1);          // after the end (drain)
        assertThat(ladder.levelAt(-1)).isEqualTo(-1);              // before the start
    }

    @Test
    void phasesNameRequestsForGatlingsReport() {
        assertThat(ladder.phaseAt(1 * S)).isEqualTo("warm-up");
        assertThat(ladder.phaseAt(4 * S)).isEqualTo("warm-up");
        assertThat(ladder.phaseAt(5 * S)).isEqualTo("0025u");
        assertThat(ladder.phaseAt(12 * S)).isEqualTo("ramp");
        assertThat(ladder.phaseAt(21 * S)).isEqualTo("0100u");
        assertThat(ladder.phaseAt(30 * S)).isEqualTo("drain");
    }

    @Test
    void injectionStepsConcurrencyExactlyThroughTheLevels() {
        List<Ladder.InjectionStep> steps = ladder.injection();
        assertThat(steps).extracting(Ladder.InjectionStep::users).containsExactly(25, 25, 50);
        assertThat(steps).extracting(Ladder.InjectionStep::ramp).containsOnly(Duration.ofSeconds(2));
        // first step: warm-up + hold; later ones: hold. Ramp + wait add up to the level timeline.
        assertThat(steps).extracting(Ladder.InjectionStep::thenNothing)
                .containsExactly(Duration.ofSeconds(9), Duration.ofSeconds(6), Duration.ofSeconds(6));
        Duration total = steps.stream().map(s -> s.ramp().plus(s.thenNothing())).reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isEqualTo(ladder.duration());
    }

    @Test
    void clockStartsOnceAtTheScenariosFirstUser() {
        Ladder l = new Ladder(List.of(1, 2), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1));
        assertThat(l.started()).isFalse();
        assertThat(l.start(1_000)).isTrue();
        assertThat(l.start(5_000)).isFalse();
        assertThat(l.startNanos()).isEqualTo(1_000);
        assertThat(l.offset(1_000 + 3 * S / 2)).isEqualTo(3 * S / 2);
        assertThat(l.levelAt(l.offset(1_000 + 3 * S / 2))).isEqualTo(1);
        assertThat(l.running(1_000 + 2 * S - 1)).isTrue();
        assertThat(l.running(1_000 + 2 * S)).isFalse();
    }

    @Test
    void unstartedLadderHasNoOffsets() {
        assertThatThrownBy(() -> ladder.offset(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void levelsMustGrow() {
        assertThatThrownBy(() -> new Ladder(List.of(50, 50), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new Ladder(List.of(), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ladder(List.of(1), Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelsSortByUsers() {
        assertThat(ladder.levels()).extracting(Level::label).containsExactly("0025u", "0050u", "0100u");
        assertThat(new Level(0, 10000, 0, 0, 1).label()).isEqualTo("10000u");
    }
}
