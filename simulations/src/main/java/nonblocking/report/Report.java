package nonblocking.report;

import nonblocking.gate.Verdict;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The comparison report of one run, written into the run's folder: {@value #HTML} (self-contained), {@value #SUMMARY}
 * (for a CI job summary) and the charts as PNG files. The ladder calls it at the end of a run; the gate calls it again
 * with its verdicts.
 */
public final class Report {

    public static final String HTML = "report.html";
    public static final String SUMMARY = "summary.md";

    private Report() {
    }

    /**
     * @param gatlingReportDir Gatling's own report folder of this run, or null to look for it under
     *                         {@code <runDir>/../../gatling/} (see {@link GatlingReports})
     */
    public static void write(Results results, Path runDir, Path gatlingReportDir) {
        write(results, runDir, gatlingReportDir, null);
    }

    /**
     * @param verdicts the gate's verdicts, shown in both files; null when the run was not judged
     * @return the markdown summary it wrote, for the CI job summary
     */
    public static String write(Results results, Path runDir, Path gatlingReportDir, List<Verdict> verdicts) {
        try {
            Files.createDirectories(runDir);
            List<HtmlPage.Image> images = new ArrayList<>();
            for (Charts.Chart chart : Charts.of(results)) {
                byte[] png = Png.of(chart.chart(), chart.height());
                ResultsFile.writeAtomically(runDir.resolve(chart.file()), png);
                images.add(new HtmlPage.Image(chart.file(), chart.title(), png));
            }
            List<String> gatlingLinks = GatlingReports.links(runDir, gatlingReportDir, results);
            ResultsFile.writeAtomically(runDir.resolve(HTML), HtmlPage.render(results, images, gatlingLinks, verdicts).getBytes(StandardCharsets.UTF_8));
            String summary = SummaryMarkdown.render(results, verdicts);
            ResultsFile.writeAtomically(runDir.resolve(SUMMARY), summary.getBytes(StandardCharsets.UTF_8));
            return summary;
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the report in " + runDir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }
}
