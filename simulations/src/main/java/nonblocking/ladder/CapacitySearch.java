package nonblocking.ladder;

import nonblocking.results.Capacity;
import nonblocking.results.LevelPlan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code -Dlevels=auto}: finds a target's capacity instead of walking a fixed ladder. It starts at {@code from} users
 * and doubles while levels hold (up to {@code max}); once a level breaks it bisects between the highest level that
 * held and the lowest that broke, until the two are within {@code withinPercent} of each other or {@code probes}
 * levels have run. The answer is the target's {@link Capacity}.
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

    @Override
    public Step after(List<Probe> done) {
        Capacity capacity = Capacity.of(done.stream().collect(Collectors.toMap(Probe::users, Probe::held, Boolean::logicalAnd)));
        if (done.size() >= probes) {
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
