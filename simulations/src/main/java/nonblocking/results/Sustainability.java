package nonblocking.results;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The rule that turns a ladder into one number: the highest level a target holds. The ladder climbs from the
 * bottom and stops at the first level that does not hold, so a lucky level above a failed one does not count.
 * Headline, console, report and gate all ask this class; none restates a limit.
 */
public final class Sustainability {

    public static final double MAX_P99_PAUSES = 1.5;
    public static final double MAX_KO_PERCENT = 1.0;
    /**
     * A level with a pause must also serve at least this share of users / pause: a capped server can keep its p99
     * under 1.5 pauses by serving fewer requests (2,400 of 3,200 users at p99 1.4 s), which is not holding.
     */
    public static final double MIN_EFFICIENCY = 0.9;

    /** A limit a level can break. */
    public enum Limit {
        REQUESTS("no requests"),
        P99("p99 over " + Numbers.plain(MAX_P99_PAUSES) + " × pause"),
        KO("KO over " + Numbers.plain(MAX_KO_PERCENT) + " %"),
        EFFICIENCY("throughput under " + Numbers.plain(MIN_EFFICIENCY) + " × users / pause");

        private final String text;

        Limit(String text) {
            this.text = text;
        }

        /** E.g. "p99 over 1.5 × pause". */
        public String text() {
            return text;
        }
    }

    private Sustainability() {
    }

    /** The limits a level must stay within, in one line: "p99 ≤ 1.5 × pause, KO ≤ 1 %, throughput ≥ 0.9 × users / pause". */
    public static String limits() {
        return "p99 ≤ " + Numbers.plain(MAX_P99_PAUSES) + " × pause, KO ≤ " + Numbers.plain(MAX_KO_PERCENT)
                + " %, throughput ≥ " + Numbers.plain(MIN_EFFICIENCY) + " × users / pause";
    }

    /** The limits this level broke; empty when it holds. */
    public static Set<Limit> broken(LevelResult level, long pauseMs) {
        Set<Limit> broken = EnumSet.noneOf(Limit.class);
        if (level.requests() == 0) {
            broken.add(Limit.REQUESTS);
            return broken;
        }
        if (level.p99Ms() > MAX_P99_PAUSES * pauseMs) {
            broken.add(Limit.P99);
        }
        if (level.koPercent() > MAX_KO_PERCENT) {
            broken.add(Limit.KO);
        }
        if (pauseMs > 0 && level.efficiency() < MIN_EFFICIENCY) {
            broken.add(Limit.EFFICIENCY);
        }
        return broken;
    }

    public static boolean holds(LevelResult level, long pauseMs) {
        return broken(level, pauseMs).isEmpty();
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
