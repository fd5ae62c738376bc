package nonblocking.report;

import nonblocking.results.Capacity;
import nonblocking.results.Experiment;
import nonblocking.results.Gap;
import nonblocking.results.LevelResult;
import nonblocking.results.LevelVerdict;
import nonblocking.results.Load;
import nonblocking.results.Numbers;
import nonblocking.results.Results;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** The one home of how numbers and sentences are written, on the console, in the HTML and in markdown alike. */
public final class Format {

    /** A value not measured. */
    public static final String NONE = "–";
    /** Marks a lower bound: the target held the top of its ladder, so its limit lies higher. */
    static final String AT_LEAST = "≥";
    /** Marks an upper bound: the gap's denominator was stopped by the harness, so its own limit lies higher. */
    static final String AT_MOST = "≤";

    private Format() {
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

    /** Seconds without a needless ".0": "6", "0.5". */
    public static String seconds(Duration d) {
        return Numbers.plain(d.toNanos() / 1e9);
    }

    /** A factor: "16x", "12.5x"; "–" when undefined. */
    static String factor(Double value) {
        return value == null ? NONE : String.format(Locale.ROOT, value == Math.rint(value) ? "%.0fx" : "%.1fx", value);
    }

    /** Sustainable users, marked "≥" when the target held the top of its ladder: "200", "≥3200". */
    static String sustainable(Capacity capacity) {
        return (capacity.lowerBound() ? AT_LEAST : "") + capacity.held();
    }

    /**
     * Sustainable users with their bracket unless they are a lower bound: "200 [200, 400]", "≥3200", "≥800
     * (harness-bound at 1600)"; "crashed at 400" for a target that stopped serving (a crash is no capacity).
     */
    static String bracketed(TargetResult target) {
        return target.crash() != null ? target.crash().what() + " at " + target.crash().users()
                : bracketed(target.capacity());
    }

    static String bracketed(Capacity capacity) {
        return sustainable(capacity) + (capacity.harnessBound() ? " (harness-bound at " + capacity.inconclusive() + ")"
                : capacity.lowerBound() ? "" : " " + bracket(capacity));
    }

    /**
     * Every target's sustainable users, set against the gap's numerator in users and in what a request cost, e.g.
     * "blocking 200 (virtual ≥16x) · tuned ≥3200 (1.6x CPU, 1.8x RSS per request at 3200) · virtual ≥3200 · …".
     */
    public static String headline(Results results) {
        Gap gap = results.gap();
        TargetResult reference = gap == null ? null : results.targets().get(gap.of());
        return results.targets().entrySet().stream()
                .map(entry -> entry.getKey() + " " + bracketed(entry.getValue())
                        + (reference == null || entry.getKey().equals(gap.of()) ? ""
                        : against(entry.getValue(), gap.of(), reference)))
                .collect(Collectors.joining(" · "));
    }

    /** " (virtual ≥16x)", " (1.6x CPU, 1.8x RSS per request at 3200)", or "" when there is nothing to say. */
    static String against(TargetResult target, String referenceName, TargetResult reference) {
        List<String> parts = new ArrayList<>();
        if (target.crash() != null || reference.crash() != null) {
            return "";   // no factor from a crash
        }
        boolean lower = reference.capacity().lowerBound();
        boolean upper = target.capacity().lowerBound();
        if (target.sustainableUsers() > 0 && reference.sustainableUsers() != target.sustainableUsers() && !(lower && upper)) {
            double factor = (double) reference.sustainableUsers() / target.sustainableUsers();
            parts.add(referenceName + " " + (lower && factor > 1 ? AT_LEAST : upper && factor > 1 ? AT_MOST : "")
                    + factor(factor));
        } else if (target.sustainableUsers() == 0) {
            parts.add("no level held");
        }
        costRatios(target, reference).ifPresent(parts::add);
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    /** The target's cost over the reference's at the highest level both sustained with costs measured. */
    static Optional<String> costRatios(TargetResult target, TargetResult reference) {
        for (LevelResult level : target.sustainedLevels().reversed()) {
            LevelResult other = reference.level(level.users());
            if (other == null || !reference.sustains(other) || level.cost() == null || other.cost() == null) {
                continue;
            }
            List<String> ratios = new ArrayList<>();
            ratio(level.cost().cpuMsPerResponse(), other.cost().cpuMsPerResponse()).ifPresent(r -> ratios.add(r + " CPU"));
            ratio(level.cost().rssPerInFlightBytes(), other.cost().rssPerInFlightBytes()).ifPresent(r -> ratios.add(r + " RSS"));
            if (!ratios.isEmpty()) {
                return Optional.of(String.join(", ", ratios) + " per request at " + level.users());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ratio(Double value, Double reference) {
        return value == null || reference == null || value <= 0 || reference <= 0 ? Optional.empty()
                : Optional.of(String.format(Locale.ROOT, "%.1fx", value / reference));
    }

    /** The SLO every target was judged by, or null when targets have SLOs of their own that differ. */
    static Slo commonSlo(Results results) {
        List<Slo> slos = results.targets().values().stream().map(results::sloOf).distinct().toList();
        return slos.size() == 1 ? slos.getFirst() : slos.isEmpty() ? results.experiment().slo() : null;
    }

    /** The SLO's limits in a phrase: the common one's, or a pointer to each target's own. */
    static String sloLimits(Results results) {
        Slo common = commonSlo(results);
        return common != null ? common.limits() : "each target's own SLO, listed under Settings";
    }

    /** True when the target was timed against a pause: one of our servers, asked for the seed request. */
    static boolean paused(TargetResult target) {
        return target.config() != null && target.config().request() != null && target.config().request().pauseMs() > 0;
    }

    /** The pause every target shares, ms, when every target was timed against the same pause; else empty. */
    static OptionalLong commonPause(Results results) {
        List<Long> pauses = results.targets().values().stream()
                .map(target -> paused(target) ? target.config().request().pauseMs() : 0L).distinct().toList();
        return pauses.size() == 1 && pauses.getFirst() > 0 ? OptionalLong.of(pauses.getFirst()) : OptionalLong.empty();
    }

    /**
     * What each user of a target sent, in a phrase: "GET /?pause=1000: a pause of 1000 ms" for our servers,
     * "POST http://127.0.0.1:3000/orders as given" for a service, "the flow nonblocking.flows.X".
     */
    static String request(Results results, TargetResult target) {
        TargetResult.Settings config = target.config();
        TargetResult.Request request = config == null ? null : config.request();
        if (request == null) {
            return "not recorded";
        }
        if (request.flow() != null) {
            return "the flow " + request.flow() + ", timed as one";
        }
        if (!request.seed()) {
            return request.method() + " " + config.url() + " as given" + (request.bodyBytes() > 0 ? ", a body of "
                    + request.bodyBytes() + " bytes" : "") + (request.headers().isEmpty() ? ""
                    : ", headers " + String.join(", ", request.headers()));
        }
        Experiment experiment = results.experiment();
        Experiment.Wait wait = experiment.waitOn();
        return "GET /?pause=" + request.pauseMs() + (experiment.workMicros() > 0 ? "&work=" + experiment.workMicros() : "")
                + ": " + wait.describe(request.pauseMs())
                + (experiment.workMicros() > 0 ? ", after " + experiment.workMicros() + " µs of CPU work" : "");
    }

    /** What "≥" and the gap mean, for readers of the headline. */
    static String headlineLegend(Results results) {
        String legend = (results.load() == Load.OPEN ? "Sustainable offered rate (requests/s) per target"
                : "Sustainable concurrent users per target") + waitPhrase(results)
                + " (" + sloLimits(results) + " at every level up to it),"
                + " with its bracket [held, broke]: the capacity lies between the two; "
                + "≥ marks a target that held the top of its ladder, whose limit therefore lies higher.";
        Gap gap = results.gap();
        if (gap != null && gap.factor() != null) {
            legend += " The gap is " + gap.of() + "'s sustainable users over " + gap.over() + "'s"
                    + (gap.lowerBound() ? ", a lower bound." : gap.upperBound() ? ", an upper bound: " + gap.over()
                    + "'s own limit lies above where the harness stopped it." : ".");
        }
        if (gap != null) {
            legend += " In parentheses, each target against " + gap.of() + ": how many times more users " + gap.of()
                    + " sustained, and what a request in flight cost the target over what it cost " + gap.of()
                    + " (process CPU per response, resident memory per request in flight) at the highest level both sustained.";
        }
        return legend;
    }

    /** Whether a level counts as sustained and, when it does not, why. */
    static String status(LevelResult level, TargetResult target, Slo slo) {
        if (target.sustains(level)) {
            return "sustained";
        }
        String why = broken(level, slo);
        return switch (slo.verdict(level)) {
            case HOLDS -> "holds, above a level that did not";
            case INCONCLUSIVE -> inconclusive(why, level);
            case BREAKS -> why;
        };
    }

    private static String broken(LevelResult level, Slo slo) {
        return slo.broken(level).stream().map(slo::text).collect(Collectors.joining(", "));
    }

    private static String inconclusive(String why, LevelResult level) {
        return "inconclusive: " + why + ", while the harness was the limit ("
                + String.join(", ", level.harness().boundBy()) + ")";
    }

    /** A level's verdict in words, for the console: "holds", "breaks: p99 over 1500 ms", "inconclusive: …". */
    public static String verdict(LevelResult level, Slo slo, LevelVerdict verdict, Long stillOut) {
        String why = stillOut != null ? stillOut + " requests still out after the p99 limit ("
                + Numbers.plain(slo.p99Ms()) + " ms); figures so far" : broken(level, slo);
        return switch (verdict) {
            case HOLDS -> "holds";
            case BREAKS -> "breaks: " + why;
            case INCONCLUSIVE -> inconclusive(why, level) + ": neither held nor broken";
        };
    }

    /** e.g. {@code [virtual] level 5/8: 400 users, 392.1 rps, p99 1012 ms, ko 0.0%, threads 31: holds}. */
    public static String progressLine(String target, int index, int levels, LevelResult level, Load load, String verdict) {
        return String.format(Locale.ROOT, "[%s] level %d/%d: %d %s, %.1f rps, p99 %.0f ms, ko %.1f%%%s%s: %s",
                target, index + 1, levels, level.users(), load == Load.OPEN ? "rps offered" : "users",
                level.throughputRps(), level.latency().p99AllMs(),
                level.koPercent(), level.footprint().platformThreadsPeak() == null ? "" : ", threads " + level.footprint().platformThreadsPeak(),
                level.koReasons().isEmpty() ? "" : " " + level.koReasons(), verdict);
    }

    /**
     * "sustains 800 users, bracket [800, 900]", "sustains ≥3200 users (held its top level)", "sustains ≥800 users
     * (the harness's limit, not the target's, at 1600: inconclusive)", "sustains no level, …", "crashed at 400 users: …".
     */
    public static String capacity(TargetResult target, Load load) {
        String unit = " " + load.unit();
        if (target.crash() != null) {
            return target.crash().what().toUpperCase(Locale.ROOT) + " at " + target.crash().users() + unit + ": "
                    + target.crash().reason() + " (no capacity is taken from it)";
        }
        String skipped = target.skipped().isEmpty() ? ""
                : "; skipped " + target.skipped().stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " (early stop)";
        Capacity capacity = target.capacity();
        String where = capacity.harnessBound() ? sustainable(capacity) + unit + " (the harness's limit, not the target's,"
                + " at " + capacity.inconclusive() + ": inconclusive)"
                : capacity.lowerBound() ? sustainable(capacity) + unit + " (held its top level)"
                : (capacity.held() == 0 ? "no level" : capacity.held() + unit) + ", bracket " + bracket(capacity);
        return "sustains " + where + skipped;
    }

    /** A search's path: "25 ✓ → 50 ✓ → 100 ✗ → 75 ✓ …" (✓ sustained, ✗ not). */
    public static String runOrder(TargetResult target) {
        return target.runOrder().stream()
                .map(users -> users + (users <= target.sustainableUsers() ? " ✓" : " ✗"))
                .collect(Collectors.joining(" → "));
    }

    /** "[800, 900]": held, broke; "[3200, –]" when nothing above broke. */
    public static String bracket(Capacity capacity) {
        return "[" + capacity.held() + ", " + (capacity.broke() == null ? NONE : capacity.broke()) + "]";
    }

    /** One row per level, one column group per target; p99 of all responses, as the SLO judges it; "*": sustainable. */
    public static String table(Results results) {
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%6s", results.load().unit()));
        StringBuilder sub = new StringBuilder(String.format(Locale.ROOT, "%6s", ""));
        for (String name : results.targets().keySet()) {
            header.append(String.format(Locale.ROOT, " | %-38s", name));
            sub.append(String.format(Locale.ROOT, " | %8s %7s %7s %6s %6s ", "rps", "p50 ms", "p99 ms", "KO%", "thr"));
        }
        StringBuilder out = new StringBuilder().append(header).append('\n').append(sub).append('\n');
        for (int u : results.levelUsers()) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", u));
            for (TargetResult t : results.targets().values()) {
                LevelResult l = t.level(u);
                if (l == null) {
                    row.append(String.format(Locale.ROOT, " | %-38s", t.skipped().contains(u) ? "skipped (early stop)" : ""));
                    continue;
                }
                row.append(String.format(Locale.ROOT, " | %8.1f %7.0f %7.0f %6.1f %6s%s", l.throughputRps(), l.latency().p50Ms(),
                        l.latency().p99AllMs(), l.koPercent(), l.footprint().platformThreadsPeak() == null ? "-" : l.footprint().platformThreadsPeak(),
                        t.sustainableUsers() == u ? "*" : " "));
            }
            out.append(row).append('\n');
        }
        return out.toString();
    }

    /** The headline with what it counts and, for our servers, what each request waited on. */
    public static String consoleHeadline(Results results) {
        return (results.load() == Load.OPEN ? "sustainable rate (requests/s offered)" : "sustainable concurrency")
                + waitPhrase(results) + ": " + headline(results);
    }

    /**
     * ", each request waiting on …" when every target is one of our servers at one pause; else the targets each wait
     * is for (", each request to blocking, virtual waiting on …"): a service's wait is its own, and a target may ask
     * for a pause of its own.
     */
    static String waitPhrase(Results results) {
        Experiment.Wait wait = results.experiment().waitOn();
        OptionalLong common = commonPause(results);
        if (common.isPresent()) {
            return ", each request waiting on " + wait.describe(common.getAsLong());
        }
        Map<Long, List<String>> byPause = results.targets().entrySet().stream().filter(t -> paused(t.getValue()))
                .collect(Collectors.groupingBy(t -> t.getValue().config().request().pauseMs(), LinkedHashMap::new,
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        return byPause.isEmpty() ? "" : byPause.entrySet().stream()
                .map(group -> "to " + String.join(", ", group.getValue()) + " waiting on " + wait.describe(group.getKey()))
                .collect(Collectors.joining(" and ", ", each request ", ""));
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
