package nonblocking.ladder;

import nonblocking.results.Capacity;
import nonblocking.results.LevelVerdict;
import nonblocking.results.LevelPlan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code -Dlevels=auto}: finds a target's capacity instead of walking a fixed ladder. It starts at {@code from} users
 * and doubles while levels hold (up to {@code max}); once a level breaks (twice: it runs a broken level once more
 * before it believes it) it bisects between the highest level that held and the lowest that broke, until the two are
 * within {@code withinPercent} of each other or {@code probes} levels have run. A level where the harness was the
 * limit ends it: the answer is then "at least the level below, harness-bound above". The answer is the target's
 * {@link Capacity}.
 *
 * @param from          the first level's users
 * @param max           the most users it may try: the top of the search
 * @param withinPercent stop when broke ≤ held × (1 + withinPercent / 100)
 * @param probes        the probe budget: the most levels it runs
 */
public record CapacitySearch(int from, int max, double withinPercent, int probes) implements Plan {

    public CapacitySearch {
        if (from < 1 || max < from || withinPercent <= 0 || probes < 1) {
            throw new IllegalArgumentException("a capacity search needs 1 <= from <= max, within > 0 and probes >= 1");
        }
    }

    @Override
    public List<Integer> upFront() {
        return List.of(from);
    }

    @Override
    public int maxUsers() {
        return max;
    }

    @Override
    public int maxLevels() {
        return probes;
    }

    /**
     * After each verdict: an inconclusive level (the harness was the limit) ends the search, since no level above it
     * would say more of the target; a level that broke runs once more before the search believes it; then double
     * until something breaks, and bisect.
     */
    @Override
    public Step after(List<Probe> done) {
        if (done.size() >= probes) {
            return Step.STOP;
        }
        Probe last = done.getLast();
        if (last.verdict() == LevelVerdict.BREAKS && done.stream().filter(p -> p.users() == last.users()).count() == 1) {
            return Step.next(last.users());
        }
        Capacity capacity = Capacity.of(done.stream().collect(Collectors.toMap(Probe::users, Probe::verdict,
                LevelVerdict::merge)));
        if (capacity.harnessBound()) {
            return Step.STOP;
        }
        if (capacity.broke() == null) {
            // Nothing broke yet: double, up to the top of the search.
            return capacity.held() >= max ? Step.STOP : Step.next(Math.min(max, 2 * capacity.held()));
        }
        if (capacity.within(withinPercent)) {
            return Step.STOP;
        }
        // With nothing held yet this halves down from the broken level.
        return Step.next((capacity.held() + capacity.broke()) / 2);
    }

    @Override
    public LevelPlan record() {
        return LevelPlan.auto(from, max, withinPercent, probes);
    }
}
