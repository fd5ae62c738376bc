package nonblocking.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a target's capacity lies, the one answer a ladder gives. {@code held} is the highest level of the unbroken
 * run of holding levels from the bottom (0 when the lowest did not hold): a lucky level above one that did not hold
 * does not count. Above it lies either {@code broke}, the level that broke (then the capacity lies between the two),
 * or {@code inconclusive}, a level where the harness was the limit (then it lies somewhere above {@code held}); or
 * nothing above it ran, and {@code held} is a lower bound. Made here alone, from verdicts; the SLO, the capacity
 * search, the results, the history and every report read it. Levels are users (requests/s in the open model).
 */
public record Capacity(int held, Integer broke, Integer inconclusive) {

    /** From the verdict of each level that ran, in any order. */
    public static Capacity of(Map<Integer, LevelVerdict> verdicts) {
        int held = 0;
        for (Map.Entry<Integer, LevelVerdict> level : new TreeMap<>(verdicts).entrySet()) {
            switch (level.getValue()) {
                case HOLDS -> held = level.getKey();
                case BREAKS -> {
                    return new Capacity(held, level.getKey(), null);
                }
                case INCONCLUSIVE -> {
                    return new Capacity(held, null, level.getKey());
                }
            }
        }
        return new Capacity(held, null, null);
    }

    /** True when no level above {@code held} broke: the real limit lies higher (or, harness-bound, is not known). */
    public boolean lowerBound() {
        return broke == null && (held > 0 || inconclusive != null);
    }

    /** True when the level above {@code held} was the harness's limit, not the target's. */
    public boolean harnessBound() {
        return inconclusive != null;
    }

    /** True when a level broke no more than this share above the one that held, %, or right above it. */
    public boolean within(double percent) {
        return broke != null && (broke - held <= 1 || held > 0 && broke <= held * (1 + percent / 100));
    }
}
