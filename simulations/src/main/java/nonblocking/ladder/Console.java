package nonblocking.ladder;

import nonblocking.report.Numbers;
import nonblocking.results.LevelResult;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the run prints: a progress line per level, the final table and the headline. */
public final class Console {

    private Console() {
    }

    /** e.g. {@code [virtual] level 5/8: 400 users, 392.1 rps, p99 1012 ms, ko 0.0%, threads 31}. */
    public static String progressLine(String target, Ladder ladder, int index, LevelResult level) {
        return String.format(Locale.ROOT, "[%s] level %d/%d: %d users, %.1f rps, p99 %.0f ms, ko %.1f%%%s%s",
                target, index + 1, ladder.size(), level.users(), level.throughputRps(), level.p99Ms(),
                level.koPercent(), level.platformThreadsPeak() == null ? "" : ", threads " + level.platformThreadsPeak(),
                level.koReasons().isEmpty() ? "" : " " + level.koReasons());
    }

    /**
     * One row per level, per target: rps, p50, p99, KO%, platform threads ("-" when the census was not
     * available); a "*" marks the target's sustainable level.
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

    /** e.g. {@code sustainable concurrency: blocking 200, virtual 3200 -> 16x}. */
    public static String headline(Results results) {
        List<String> parts = new ArrayList<>();
        results.targets().forEach((name, t) -> parts.add(name + " " + t.sustainableUsers()));
        String gap = results.gap() == null ? "" : " -> " + Numbers.factor(results.gap());
        return "sustainable concurrency: " + String.join(", ", parts) + gap;
    }
}
