package nonblocking.report;

import nonblocking.gate.Gate;
import nonblocking.gate.Verdict;
import nonblocking.results.Experiment;
import nonblocking.results.Results;

import java.util.List;

/** summary.md: the headline, the gate's verdicts and one table per target, for a CI job summary. */
public final class SummaryMarkdown {

    private SummaryMarkdown() {
    }

    static String render(Results results, Gate.Judgement judgement) {
        StringBuilder md = new StringBuilder(4096);
        Experiment experiment = results.experiment();
        md.append("## nonblocking: ").append(cell(Format.headline(results))).append("\n\n")
                .append(cell(Format.headlineLegend(results))).append(" ")
                .append("Run `").append(code(results.runId())).append("`, profile `").append(code(experiment.profile()))
                .append("`, ").append(cell(experiment.describePlan())).append(", hold ")
                .append(Format.decimal(experiment.holdS(), 0)).append(" s per level, timeout ")
                .append(experiment.timeoutMs()).append(" ms, ").append(results.provenance().machine().cores())
                .append(" cores.\n\n");
        if (judgement != null) {
            md.append(verdicts(judgement));
        }
        results.targets().forEach((name, target) -> md.append("### ").append(cell(name)).append(": ")
                .append(Format.capacity(target, results.load())).append("\n\n")
                .append("Each user sent ").append(cell(Format.request(results, target))).append(".\n\n")
                .append(experiment.searched() ? "Levels in the order the search ran them: " + Format.runOrder(target) + ".\n\n" : "")
                .append(table(Table.levels(target, results.sloOf(target), results.load(), results.provenance().ceiling()))).append('\n'));
        return md.toString();
    }

    /** The gate's section alone: also used when the results could not be read and there is nothing else to show. */
    public static String verdicts(Gate.Judgement judgement) {
        List<Verdict> verdicts = judgement.verdicts();
        long failed = verdicts.stream().filter(verdict -> !verdict.pass()).count();
        return "### Gate: " + Table.passFail(failed == 0) + " (" + (verdicts.size() - failed) + " of "
                + verdicts.size() + " rules pass; rules `" + code(String.valueOf(judgement.rules())) + "`, baseline `"
                + code(String.valueOf(judgement.baseline())) + "`)\n\n" + table(Table.verdicts(verdicts)) + "\n";
    }

    static String table(Table table) {
        StringBuilder md = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (int c = 0; c < table.headers().size(); c++) {
            md.append(' ').append(cell(table.headers().get(c))).append(" |");
            rule.append(table.text().get(c) ? ":---|" : "---:|");
        }
        md.append('\n').append(rule).append('\n');
        for (List<String> row : table.rows()) {
            md.append('|');
            row.forEach(value -> md.append(' ').append(cell(value)).append(" |"));
            md.append('\n');
        }
        return md.toString();
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
