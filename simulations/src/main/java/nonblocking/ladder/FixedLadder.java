package nonblocking.ladder;

import nonblocking.results.LevelPlan;

import java.util.List;

/**
 * The levels given, all scheduled up front so that each ramp follows the previous hold without a gap. With the early
 * stop on, a target whose levels did not hold twice in a row (broke, or the harness was the limit) skips the rest: more users will not hold either, and a
 * saturated server's broken levels are the slowest to run (every request waits out its timeout).
 *
 * @param levels    strictly increasing user counts
 * @param earlyStop skip the rest after two broken levels in a row ({@code -DearlyStop=false} turns it off)
 */
public record FixedLadder(List<Integer> levels, boolean earlyStop) implements Plan {

    public FixedLadder {
        levels = List.copyOf(levels);
        if (levels.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one level");
        }
    }

    @Override
    public List<Integer> upFront() {
        return levels;
    }

    @Override
    public int maxUsers() {
        return levels.getLast();
    }

    @Override
    public int maxLevels() {
        return levels.size();
    }

    @Override
    public Step after(List<Probe> done) {
        if (done.size() >= levels.size()) {
            return Step.STOP;
        }
        boolean brokenInARow = done.size() >= LevelPlan.BROKEN_IN_A_ROW
                && done.subList(done.size() - LevelPlan.BROKEN_IN_A_ROW, done.size()).stream().noneMatch(Probe::held);
        return earlyStop && brokenInARow ? Step.STOP : Step.KEEP_ON;
    }

    @Override
    public LevelPlan record() {
        return LevelPlan.fixed(levels, earlyStop);
    }
}
