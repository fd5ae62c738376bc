package nonblocking.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where a target's capacity lies, the one answer a ladder gives. {@code held} is the highest level of the unbroken run
 * of holding levels from the bottom (0 when the lowest broke): a lucky level above a broken one does not count.
 * {@code broke} is the lowest level above it, which broke; null when nothing above {@code held} ran, and then
 * {@code held} is only a lower bound. Made here alone, from verdicts; the SLO, the capacity search, the results, the
 * history and every report read it. Levels are users (requests/s in the open model).
 */
public record Capacity(int held, Integer broke) {

    /** From the users of each level that ran, in any order, and whether it held. */
    public static Capacity of(Map<Integer, Boolean> verdicts) {
        int held = 0;
        for (Map.Entry<Integer, Boolean> level : new TreeMap<>(verdicts).entrySet()) {
            if (!level.getValue()) {
                return new Capacity(held, level.getKey());
            }
            held = level.getKey();
        }
        return new Capacity(held, null);
    }

    /** True when the top level held: the real limit lies higher, so {@link #held} is a lower bound. */
    public boolean lowerBound() {
        return held > 0 && broke == null;
    }

    /** True when a level broke no more than this share above the one that held, %, or right above it. */
    public boolean within(double percent) {
        return broke != null && (broke - held <= 1 || held > 0 && broke <= held * (1 + percent / 100));
    }
}
