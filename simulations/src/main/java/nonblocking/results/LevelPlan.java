package nonblocking.results;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the levels were chosen: {@code fixed}, the levels given (with or without the early stop), or {@code auto}, a
 * capacity search from {@code from} doubling up to {@code max}, then bisecting to within {@code withinPercent}, in
 * at most {@code probes} levels. Fields that do not apply to the mode are null.
 */
public record LevelPlan(String mode, List<Integer> levels, Boolean earlyStop, Integer from, Integer max,
                        Double withinPercent, Integer probes) {

    public static final String FIXED = "fixed";
    public static final String AUTO = "auto";
    /** Levels in a row that did not hold after which a fixed ladder with the early stop skips the rest. */
    public static final int BROKEN_IN_A_ROW = 2;

    public static LevelPlan fixed(List<Integer> levels, boolean earlyStop) {
        return new LevelPlan(FIXED, List.copyOf(levels), earlyStop, null, null, null, null);
    }

    public static LevelPlan auto(int from, int max, double withinPercent, int probes) {
        return new LevelPlan(AUTO, null, null, from, max, withinPercent, probes);
    }

    public boolean searched() {
        return AUTO.equals(mode);
    }

    /** One line: "levels 25, 50, 100 users (early stop after 2 levels in a row that did not hold)", "levels auto: …". */
    public String describe(Load load) {
        if (searched()) {
            return String.format(Locale.ROOT, "levels auto: from %d %s, doubling up to %d, then bisecting to within %s %%,"
                    + " at most %d levels", from, load.unit(), max, Numbers.plain(withinPercent), probes);
        }
        return "levels " + levels.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " " + load.unit()
                + (Boolean.TRUE.equals(earlyStop) ? " (early stop after " + BROKEN_IN_A_ROW
                + " levels in a row that did not hold)" : " (no early stop)");
    }
}
