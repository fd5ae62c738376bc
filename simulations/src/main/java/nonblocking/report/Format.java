package nonblocking.report;

import nonblocking.results.Gap;
import nonblocking.results.LevelResult;
import nonblocking.results.Numbers;
import nonblocking.results.Results;
import nonblocking.results.Sustainability;
import nonblocking.results.TargetResult;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one home of how numbers and sentences are written, on the console, in the HTML and in markdown alike:
 * number formats, the headline, a level's status, the console's progress line and table.
 */
public final class Format {

    /** A value not measured. */
    public static final String NONE = "–";
    /** Marks a lower bound: the target held the top of its ladder, so its limit lies higher. */
    static final String AT_LEAST = "≥";

    private Format() {
    }

    // ---- numbers

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

    /** Seconds without a needless ".0": "6", "0.5". */
    public static String seconds(Duration d) {
        return Numbers.plain(d.toNanos() / 1e9);
    }

    /** A factor: "16x", "12.5x"; "–" when undefined. */
    static String factor(Double value) {
        if (value == null) {
            return NONE;
        }
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value)) + "x";
    }

    // ---- the headline

    /** A target's sustainable users, marked "≥" when it held the top of its ladder: "200", "≥3200". */
    static String sustainable(TargetResult target) {
        return (target.heldTop() ? AT_LEAST : "") + target.sustainableUsers();
    }

    /** The gap with what it divides: "≥16x virtual/blocking"; "–" when undefined. */
    static String gap(Gap gap) {
        if (gap == null || gap.factor() == null) {
            return NONE;
        }
        return (gap.lowerBound() ? AT_LEAST : "") + factor(gap.factor()) + " " + gap.of() + "/" + gap.over();
    }

    /** The one line to take away, e.g. "blocking 200 · virtual ≥3200 · ≥16x virtual/blocking". */
    public static String headline(Results results) {
        String targets = results.targets().entrySet().stream()
                .map(entry -> entry.getKey() + " " + sustainable(entry.getValue()))
                .collect(Collectors.joining(" · "));
        return results.gap() == null || results.gap().factor() == null ? targets : targets + " · " + gap(results.gap());
    }

    /** What "≥" and the gap mean, in one sentence for readers of the headline. */
    static String headlineLegend(Results results) {
        String legend = "Sustainable concurrent users per target (" + Sustainability.limits() + " at every level up to it); "
                + "≥ marks a target that held the top of its ladder, whose limit therefore lies higher.";
        Gap gap = results.gap();
        if (gap != null && gap.factor() != null) {
            legend += " The gap is " + gap.of() + "'s sustainable users over " + gap.over() + "'s"
                    + (gap.lowerBound() ? ", a lower bound." : ".");
        }
        return legend;
    }

    // ---- a level

    /** Whether a level counts as sustained and, when it does not, why. */
    static String status(LevelResult level, TargetResult target, long pauseMs) {
        if (target.sustains(level)) {
            return "sustained";
        }
        var broken = Sustainability.broken(level, pauseMs);
        if (broken.isEmpty()) {
            return "holds, above a failed level";
        }
        return broken.stream().map(Sustainability.Limit::text).collect(Collectors.joining(", "));
    }

    // ---- the console

    /** e.g. {@code [virtual] level 5/8: 400 users, 392.1 rps, p99 1012 ms, ko 0.0%, threads 31}. */
    public static String progressLine(String target, int index, int levels, LevelResult level) {
        return String.format(Locale.ROOT, "[%s] level %d/%d: %d users, %.1f rps, p99 %.0f ms, ko %.1f%%%s%s",
                target, index + 1, levels, level.users(), level.throughputRps(), level.p99Ms(),
                level.koPercent(), level.platformThreadsPeak() == null ? "" : ", threads " + level.platformThreadsPeak(),
                level.koReasons().isEmpty() ? "" : " " + level.koReasons());
    }

    /**
     * One row per level, one column group per target: rps, p50, p99, KO%, platform threads ("-" when the census was
     * not available); a "*" marks the target's sustainable level.
     */
    public static String table(Results results) {
        Map<String, TargetResult> targets = results.targets();
        StringBuilder out = new StringBuilder();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%6s", "users"));
        StringBuilder sub = new StringBuilder(String.format(Locale.ROOT, "%6s", ""));
        for (String name : targets.keySet()) {
            header.append(String.format(Locale.ROOT, " | %-38s", name));
            sub.append(String.format(Locale.ROOT, " | %8s %7s %7s %6s %6s ", "rps", "p50 ms", "p99 ms", "KO%", "thr"));
        }
        out.append(header).append('\n').append(sub).append('\n');
        for (int u : results.levelUsers()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", u));
            for (TargetResult t : targets.values()) {
                LevelResult l = t.levels().stream().filter(x -> x.users() == u).findFirst().orElse(null);
                if (l == null) {
                    row.append(String.format(Locale.ROOT, " | %-38s", ""));
                    continue;
                }
                row.append(String.format(Locale.ROOT, " | %8.1f %7.0f %7.0f %6.1f %6s%s", l.throughputRps(), l.p50Ms(),
                        l.p99Ms(), l.koPercent(), l.platformThreadsPeak() == null ? "-" : l.platformThreadsPeak(),
                        t.sustainableUsers() == u ? "*" : " "));
            }
            out.append(row).append('\n');
        }
        return out.toString();
    }

    /** The console's headline line, e.g. {@code sustainable concurrency: blocking 200 · virtual ≥3200 · ≥16x virtual/blocking}. */
    public static String consoleHeadline(Results results) {
        return "sustainable concurrency: " + headline(results);
    }

    /**
     * Printed after Gatling's own end-of-run summary, which counts every request: warm-ups, ramps and the levels
     * past a target's limit included. It cannot agree with the ladder's table, and the table is the measurement.
     */
    public static String afterGatling(Results results) {
        return "nonblocking: Gatling's summary above counts every request of the run (warm-ups, ramps, and levels past a"
                + " target's limit); the ladder's table measures each level's hold alone, and that table, results.json"
                + " and report.html are the measurement.\n" + consoleHeadline(results);
    }
}
