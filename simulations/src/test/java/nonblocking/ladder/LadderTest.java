package nonblocking.ladder;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LadderTest {

    private static final long S = 1_000_000_000L;
    private static final long MS = 1_000_000L;

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
    void aRampAdmitsUsersOneByOneAndALevelHoldsThemAll() {
        // level 25 ramps over [0, 2 s): user k's turn is at k/25 of the ramp
        assertThat(ladder.active(0, 0)).isTrue();
        assertThat(ladder.active(1, 0)).isFalse();
        assertThat(ladder.active(12, 960 * MS - 1)).isFalse();
        assertThat(ladder.active(12, 960 * MS)).isTrue();
        assertThat(ladder.active(24, 2 * S)).isTrue();
        assertThat(ladder.active(25, 5 * S)).as("the 26th user waits for level 50").isFalse();
        // level 50 ramps over [11 s, 13 s) from 25: user 25 at 11 s, user 49 at 11 s + 24/25 of 2 s
        assertThat(ladder.active(25, 11 * S)).isTrue();
        assertThat(ladder.active(49, 12 * S)).isFalse();
        assertThat(ladder.active(49, 12_920 * MS)).isTrue();
        assertThat(ladder.active(0, 27 * S)).as("nobody after the end").isFalse();
    }

    @Test
    void anIdleUserWaitsForItsTurnButNeverLongerThanThePoll() {
        long poll = S;
        assertThat(ladder.idleNanos(25, 5 * S, poll)).as("6 s to its turn: look again in a poll").isEqualTo(poll);
        assertThat(ladder.idleNanos(25, 10_600 * MS, poll)).isEqualTo(400 * MS);
        assertThat(ladder.idleNanos(500, 20 * S, poll)).as("no level has it: poll").isEqualTo(poll);
    }

    @Test
    void anOpenLadderGrowsAndEndsAsThePlanDecides() {
        Ladder open = new Ladder(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(6));
        open.append(100, 0);
        assertThat(open.ended()).isFalse();
        assertThat(open.running(Long.MAX_VALUE / 2)).as("unstarted").isTrue();
        assertThat(open.level(0).holdStartNanos()).isEqualTo(3 * S);
        assertThat(open.active(99, 20 * S)).as("between levels the last one stays in force").isTrue();
        Level lower = open.append(50, 20 * S);
        assertThat(lower.holdStartNanos()).as("no warm-up after the first level").isEqualTo(21 * S);
        assertThat(open.active(49, 20 * S)).isTrue();
        assertThat(open.active(50, 20 * S)).as("a lower level retires the users above it at once").isFalse();
        assertThat(open.idleNanos(60, 20 * S, S)).as("no later level has it").isEqualTo(S);
        assertThatThrownBy(() -> open.append(75, 26 * S)).hasMessageContaining("before the previous hold ends");
        open.end(28 * S);
        assertThat(open.measured()).extracting(Level::users).containsExactly(100, 50);
        assertThat(open.skipped()).isEmpty();
        open.end(40 * S);
        assertThat(open.endNanos()).as("an end only moves earlier").isEqualTo(28 * S);
    }

    @Test
    void anEarlyEndSkipsTheLevelsItCuts() {
        ladder.end(15 * S);   // while level 50 holds
        assertThat(ladder.measured()).extracting(Level::users).containsExactly(25);
        assertThat(ladder.skipped()).extracting(Level::users).containsExactly(50, 100);
        assertThat(ladder.phaseAt(15 * S)).isEqualTo("drain");
        assertThat(ladder.active(0, 15 * S)).isFalse();
    }

    @Test
    void clockStartsOnceAtTheScenariosFirstUser() {
        Ladder l = new Ladder(List.of(1, 2), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1));
        assertThatThrownBy(l::startNanos).isInstanceOf(IllegalStateException.class);
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
