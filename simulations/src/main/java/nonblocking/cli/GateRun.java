package nonblocking.cli;

import nonblocking.LastWord;
import nonblocking.NonblockingException;
import nonblocking.gate.Gate;
import nonblocking.history.History;
import nonblocking.gate.Verdict;
import nonblocking.report.Report;
import nonblocking.report.SummaryMarkdown;
import nonblocking.report.Trend;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One pass of the CI gate, shared by {@code GateIT} and {@code nonblocking gate}: judge the run, rewrite its report
 * with the verdicts, add the run to the history and draw the trend, append summary.md and the trend to the CI job
 * summary, print one line per verdict. A step that fails adds a FAIL verdict: nothing here turns a broken input or
 * output into a pass.
 */
public final class GateRun {

    private GateRun() {
    }

    /**
     * {@code results}: one results file, or several whose median is judged: then no report is rewritten (the
     * verdicts are no single run's), and the median is the history's entry. A null {@code allowDifferent},
     * {@code history} or {@code stepSummary} is none.
     */
    public static Gate.Judgement run(List<Path> results, Path rules, Path baseline, String allowDifferent, Path history,
                                   Path stepSummary, PrintStream out) {
        Gate.Judgement outcome = Gate.check(results, rules, baseline, allowDifferent);
        List<Verdict> verdicts = new ArrayList<>(outcome.verdicts());
        boolean median = results.size() > 1;
        String markdown = null;
        if (outcome.run() != null && !median) {
            try {
                markdown = Report.writeEverywhere(outcome.run(), results.getFirst(), outcome);
            } catch (UncheckedIOException e) {
                verdicts.add(Verdict.error("report", Report.HTML, "cannot rewrite the report: " + e.getMessage()));
            }
        }
        String judged = median ? "the median of " + results.size() + " runs: " + results.stream().map(Path::toString)
                .collect(Collectors.joining(", ")) : null;
        if (markdown == null) {
            markdown = "## nonblocking gate\n\n" + (judged == null ? "" : "Judged " + judged + ".\n\n")
                    + SummaryMarkdown.verdicts(outcome.with(verdicts));
        }
        if (outcome.run() != null && history != null) {
            try {
                History.Entry judgedRun = History.Entry.of(outcome.run(), outcome.passed());
                // A trend of sustainable users and one of sustainable rates are two trends: draw this run's.
                List<History.Entry> entries = History.record(history, judgedRun).stream()
                        .filter(entry -> entry.load() == judgedRun.load()).toList();
                markdown += Trend.write(entries, history.toAbsolutePath().getParent());
            } catch (NonblockingException | UncheckedIOException e) {
                verdicts.add(Verdict.error("trend", History.NAME, e.getMessage()));
            }
        }
        if (stepSummary != null) {
            try {
                Files.writeString(stepSummary, markdown, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                verdicts.add(Verdict.error("report", "job summary", "cannot append to " + stepSummary + ": " + e));
            }
        }
        if (judged != null) {
            out.println("judged " + judged);
        }
        verdicts.forEach(verdict -> out.println(verdict.line()));
        List<Verdict> failed = verdicts.stream().filter(verdict -> !verdict.pass()).toList();
        if (!failed.isEmpty()) {
            LastWord.keep("nonblocking gate: FAIL, " + failed.size() + " of " + verdicts.size() + " rules; the first: "
                    + failed.getFirst().line());
        }
        return outcome.with(verdicts);
    }

    /** Null outside GitHub Actions. */
    public static Path stepSummaryFromEnvironment() {
        String summary = System.getenv("GITHUB_STEP_SUMMARY");
        return summary == null || summary.isBlank() ? null : Path.of(summary);
    }
}
