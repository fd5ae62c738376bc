package nonblocking.ladder;

import java.time.Duration;

/**
 * One step of the ladder, as offsets from the moment the target's scenario started.
 * Users ramp in during {@code [rampStart, holdStart)} and are then held for {@code [holdStart, holdEnd)};
 * only requests that start inside the hold window are measured.
 *
 * @param index          0-based position in the ladder
 * @param users          concurrent users during the hold
 * @param rampStartNanos offset where users start ramping in to this level
 * @param holdStartNanos offset where the measured window opens (inclusive)
 * @param holdEndNanos   offset where it closes (exclusive)
 */
public record Level(int index, int users, long rampStartNanos, long holdStartNanos, long holdEndNanos) {

    public Level {
        if (users < 1) {
            throw new IllegalArgumentException("a level needs at least 1 user, got " + users);
        }
        if (!(rampStartNanos <= holdStartNanos && holdStartNanos < holdEndNanos)) {
            throw new IllegalArgumentException("level " + users + "u has an empty or inverted window");
        }
    }

    /** True when a request that started at {@code offsetNanos} counts for this level. */
    public boolean holds(long offsetNanos) {
        return offsetNanos >= holdStartNanos && offsetNanos < holdEndNanos;
    }

    public Duration hold() {
        return Duration.ofNanos(holdEndNanos - holdStartNanos);
    }

    /** Label used in request names and logs: zero-padded so that Gatling's report sorts levels by users. */
    public String label() {
        return String.format("%04du", users);
    }
}
