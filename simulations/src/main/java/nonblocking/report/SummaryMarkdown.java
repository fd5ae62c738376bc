package nonblocking.report;

import nonblocking.gate.Verdict;
import nonblocking.results.LevelResult;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;

import java.util.List;
import java.util.Map;

/** summary.md: the headline, the gate's verdicts and one compact table per target, for a CI job summary. */
public final class SummaryMarkdown {

    private SummaryMarkdown() {
    }

    static String render(Results results, List<Verdict> verdicts) {
        StringBuilder md = new StringBuilder(4096);
        md.append("## nonblocking: ").append(cell(Headline.of(results))).append("\n\n")
                .append("Sustainable concurrent users per target (").append(Numbers.sustainedLimits())
                .append(") and the gap, virtual / blocking. ")
                .append("Run `").append(code(results.runId())).append("`, profile `").append(code(results.profile()))
                .append("`, pause ").append(results.pauseMs()).append(" ms, hold ").append(Numbers.decimal(results.holdS(), 0))
                .append(" s per level, timeout ").append(results.timeoutMs()).append(" ms");
        if (results.machine() != null) {
            md.append(", ").append(results.machine().cores()).append(" cores, JDK ").append(cell(results.machine().jdk()));
        }
        md.append(".\n\n");
        if (verdicts != null) {
            md.append(verdicts(verdicts));
        }
        for (Map.Entry<String, TargetResult> entry : results.targets().entrySet()) {
            TargetResult target = entry.getValue();
            md.append("### ").append(cell(entry.getKey())).append(": sustains ").append(target.sustainableUsers()).append(" users\n\n")
                    .append("| Users | Req/s | Efficiency | p50 ms | p99 ms | KO % | Threads | RSS | Status |\n")
                    .append("|---:|---:|---:|---:|---:|---:|---:|---:|:---|\n");
            for (LevelResult level : target.levels()) {
                md.append("| ").append(Numbers.integer(level.users()))
                        .append(" | ").append(Numbers.decimal(level.throughputRps(), 1))
                        .append(" | ").append(Numbers.decimal(level.efficiency(), 3))
                        .append(" | ").append(Numbers.milliseconds(level.p50Ms()))
                        .append(" | ").append(Numbers.milliseconds(level.p99Ms()))
                        .append(" | ").append(Numbers.percent(level.koPercent()))
                        .append(" | ").append(Numbers.integer(level.platformThreadsPeak()))
                        .append(" | ").append(Numbers.mebibytes(level.rssPeakBytes()))
                        .append(" | ").append(target.sustains(level) ? "✅ " : "❌ ")
                        .append(cell(LevelStatus.of(level, target, results.pauseMs()))).append(" |\n");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** The gate's section alone: also used when the results could not be read and there is nothing else to show. */
    public static String verdicts(List<Verdict> verdicts) {
        long failed = verdicts.stream().filter(verdict -> !verdict.pass()).count();
        StringBuilder md = new StringBuilder("### Gate: ").append(failed == 0 ? "✅ PASS" : "❌ FAIL")
                .append(" (").append(verdicts.size() - failed).append(" of ").append(verdicts.size()).append(" rules pass)\n\n")
                .append("| | Metric | Measured | Limit | Baseline | Rule |\n|---|---|---|---|---:|---|\n");
        for (Verdict verdict : verdicts) {
            md.append("| ").append(verdict.pass() ? "✅ PASS" : "❌ FAIL")
                    .append(" | ").append(cell(verdict.metric()))
                    .append(" | ").append(cell(verdict.measuredText()))
                    .append(" | ").append(cell(verdict.limit() == null ? Numbers.NONE : verdict.limit()))
                    .append(" | ").append(cell(verdict.measured() == null ? Numbers.NONE : verdict.baselineText()))
                    .append(" | ").append(cell(verdict.rule())).append(" |\n");
        }
        return md.append('\n').toString();
    }

    /** Text safe inside a table cell: no pipe ends the cell, no HTML tag renders, no line break splits the row. */
    static String cell(String text) {
        return String.valueOf(text).replace("&", "&amp;").replace("<", "&lt;")
                .replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }

    private static String code(String text) {
        return String.valueOf(text).replace("`", "'").replace('\n', ' ');
    }
}
