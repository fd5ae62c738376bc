package nonblocking.results;

import java.util.Comparator;
import java.util.List;

/**
 * The rule that turns a ladder into one number: the highest level a target holds.
 * A level holds when it served requests, its p99 is at most 1.5 x the pause, and at most 1% of its
 * requests were KO. The ladder climbs from the bottom and stops at the first level that does not hold,
 * so a lucky level above a failed one does not count.
 */
public final class Sustainability {

    public static final double MAX_P99_PAUSES = 1.5;
    public static final double MAX_KO_PERCENT = 1.0;

    private Sustainability() {
    }

    public static boolean holds(LevelResult level, long pauseMs) {
        return level.requests() > 0 && !tooSlow(level, pauseMs) && !tooManyKo(level);
    }

    /** p99 above 1.5 x the pause. */
    public static boolean tooSlow(LevelResult level, long pauseMs) {
        return level.p99Ms() > MAX_P99_PAUSES * pauseMs;
    }

    /** More than 1% of the requests KO. */
    public static boolean tooManyKo(LevelResult level) {
        return level.koPercent() > MAX_KO_PERCENT;
    }

    /** Users of the highest level in the unbroken run of holding levels from the bottom; 0 if none. */
    public static int sustainableUsers(List<LevelResult> levels, long pauseMs) {
        int best = 0;
        for (LevelResult level : levels.stream().sorted(Comparator.comparingInt(LevelResult::users)).toList()) {
            if (!holds(level, pauseMs)) {
                break;
            }
            best = level.users();
        }
        return best;
    }
}
