package nonblocking.report;

import nonblocking.gate.Verdict;
import nonblocking.results.Sustainability;

import java.util.Locale;

/** How the report writes numbers: the same in HTML and markdown, "–" for a value not measured. */
public final class Numbers {

    static final String NONE = "–";

    private Numbers() {
    }

    static String integer(Number value) {
        return value == null ? NONE : String.format(Locale.ROOT, "%,d", value.longValue());
    }

    static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    static String percent(double value) {
        return value == 0 ? "0" : value < 0.01 ? "<0.01" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String milliseconds(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String mebibytes(Number bytes) {
        return bytes == null ? NONE : String.format(Locale.ROOT, "%,.1f MiB", bytes.doubleValue() / (1024 * 1024));
    }

    static String kibibytes(Number bytes) {
        return bytes == null ? NONE : String.format(Locale.ROOT, "%,.1f KiB", bytes.doubleValue() / 1024);
    }

    /** The limits a sustained level stays within, from the rule itself: "p99 ≤ 1.5 × pause, KO ≤ 1 %". */
    static String sustainedLimits() {
        return "p99 ≤ " + Verdict.number(Sustainability.MAX_P99_PAUSES) + " × pause, KO ≤ "
                + Verdict.number(Sustainability.MAX_KO_PERCENT) + " %";
    }

    /** A gap factor: 16x, 12.5x (also on the console's headline). */
    public static String factor(Double gap) {
        if (gap == null) {
            return NONE;
        }
        return (gap == Math.rint(gap) ? String.format(Locale.ROOT, "%.0f", gap) : String.format(Locale.ROOT, "%.1f", gap)) + "x";
    }
}
