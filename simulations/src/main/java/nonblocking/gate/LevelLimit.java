package nonblocking.gate;

import nonblocking.results.Numbers;

import java.util.Locale;

/**
 * How far one metric may move from the baseline at one level, as a fraction (0.15 = 15 %): the rule's fixed limit,
 * or {@code multiple} times the spread of the baseline's runs at that level when that is larger. A fixed limit
 * fits a steady level; a noisy one would fail on its noise alone.
 *
 * @param spread the baseline runs' (max - min) / median of the metric at this level; null without one
 */
record LevelLimit(double fixed, double multiple, Double spread) {

    double fraction() {
        return fromNoise() ? multiple * spread : fixed;
    }

    boolean fromNoise() {
        return spread != null && multiple * spread > fixed;
    }

    /**
     * E.g. "baseline + 18.0 %, 2 × its noise", "baseline + 15.0 %, fixed: 2 × its noise is 8.0 %", or
     * "baseline - 5.0 %" without a spread; {@code sign} is "+" or "-".
     */
    String text(String sign) {
        String times = Numbers.plain(multiple) + " × its noise";
        return "baseline " + sign + " " + percent(fraction())
                + (spread == null ? "" : fromNoise() ? ", " + times : ", fixed: " + times + " is " + percent(multiple * spread));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }
}
