package nonblocking.ladder;

import nonblocking.results.LevelPlan;
import nonblocking.results.LevelVerdict;

import java.util.List;

/**
 * Which levels a target's ladder runs, decided level by level: after each level's verdict the plan says whether to
 * go on with what is scheduled, to stop, or which level to run next.
 * {@link FixedLadder}: the levels given, with an early stop. {@link CapacitySearch}: {@code -Dlevels=auto}.
 */
public sealed interface Plan permits FixedLadder, CapacitySearch {

    /** The levels scheduled before any verdict, back to back. */
    List<Integer> upFront();

    /** The most users any level may have: the users injected for the target, and the tuned pool's size. */
    int maxUsers();

    /** The most levels it can run. */
    int maxLevels();

    /** What to do once the levels so far, in the order they ran, have their verdicts. */
    Step after(List<Probe> done);

    /** The plan as results.json records it. */
    LevelPlan record();

    /** A level that ran and its verdict under the target's SLO. */
    record Probe(int users, LevelVerdict verdict) {
        public boolean held() {
            return verdict == LevelVerdict.HOLDS;
        }
    }

    /**
     * The decision after a verdict: {@link #KEEP_ON} with the levels already scheduled, {@link #STOP} now (the rest is
     * skipped), or run a level of {@code users} next.
     */
    record Step(int users) {
        public static final Step KEEP_ON = new Step(0);
        public static final Step STOP = new Step(-1);

        public static Step next(int users) {
            if (users < 1) {
                throw new IllegalArgumentException("a level needs at least 1 user, got " + users);
            }
            return new Step(users);
        }

        public boolean stops() {
            return users < 0;
        }

        public boolean schedules() {
            return users > 0;
        }
    }
}
