package nonblocking.ladder;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The open model's schedule: requests due at fixed times, handed out in order, none dropped by a late sender. */
class ArrivalsTest {

    private static final long S = 1_000_000_000L;

    /** Two levels of 10 and 20 requests/s, 1 s ramp, no warm-up, 2 s holds: 3 s each, back to back. */
    private static Ladder ladder() {
        Ladder ladder = new Ladder(List.of(10, 20), Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(2));
        ladder.start(System.nanoTime());
        return ladder;
    }

    private static List<Long> all(Arrivals arrivals, long at) {
        List<Long> due = new ArrayList<>();
        for (long next = arrivals.take(at); next != Arrivals.NONE; next = arrivals.take(at)) {
            due.add(next);
        }
        return due;
    }

    @Test
    void everyRequestIsDueAtItsLevelsRateFromTheRampToTheEndOfTheHold() {
        Arrivals arrivals = new Arrivals(ladder(), Split.ALONE);
        List<Long> due = all(arrivals, 6 * S);   // a sender that comes late takes them all, none dropped
        assertThat(due).hasSize(30 + 60);
        assertThat(due.subList(0, 3)).containsExactly(0L, S / 10, 2 * S / 10);
        assertThat(due.get(30)).as("the second level's first").isEqualTo(3 * S);
        assertThat(due.get(31) - due.get(30)).isEqualTo(S / 20);
        assertThat(due).isSorted().allMatch(t -> t < 6 * S);
        assertThat(arrivals.pending(6 * S)).isFalse();
    }

    @Test
    void aSenderTakesNoRequestOfALevelThatStartsMoreThanASecondAhead() {
        Ladder ladder = ladder();
        Arrivals arrivals = new Arrivals(ladder, Split.ALONE);
        assertThat(all(arrivals, 0)).hasSize(30);   // the first level's, at its start
        assertThat(arrivals.take(S)).as("the second level starts 3 s in").isEqualTo(Arrivals.NONE);
        assertThat(arrivals.pending(S)).isTrue();
        assertThat(arrivals.take(2 * S)).isEqualTo(3 * S);
    }

    @Test
    void nInjectorsTakeEveryNthRequestAndTogetherAllOfThem() {
        Ladder ladder = ladder();
        List<Long> together = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<Long> mine = all(new Arrivals(ladder, new Split(i, 3)), 6 * S);
            assertThat(mine.getFirst()).isEqualTo(i * S / 10);
            together.addAll(mine);
        }
        assertThat(together).hasSize(90).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(all(new Arrivals(ladder, Split.ALONE), 6 * S));
    }

    @Test
    void anOpenLadderHandsOutNothingBeyondItsLevelsAndStaysPendingUntilItEnds() {
        Ladder ladder = new Ladder(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1));
        ladder.append(5, 0);
        ladder.start(System.nanoTime());
        Arrivals arrivals = new Arrivals(ladder, Split.ALONE);
        assertThat(all(arrivals, S)).hasSize(5);
        assertThat(arrivals.pending(2 * S)).as("the plan may still add a level").isTrue();
        ladder.end(S);
        assertThat(arrivals.pending(2 * S)).isFalse();
    }
}
