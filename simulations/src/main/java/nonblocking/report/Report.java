package nonblocking.report;

import nonblocking.gate.Verdict;
import nonblocking.results.Results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** @param verdicts the gate's verdicts, shown in both files; null when the run was not judged */
    public static void write(Results results, Path runDir, Path gatlingReportDir, List<Verdict> verdicts) {
        try {
            Files.createDirectories(runDir);
            List<HtmlPage.Image> images = new ArrayList<>();
            for (Charts.Chart chart : Charts.of(results)) {
                byte[] png = Png.of(chart.chart(), chart.height());
                writeAtomically(runDir.resolve(chart.file()), png);
                images.add(new HtmlPage.Image(chart.file(), chart.title(), png));
            }
            List<String> gatlingLinks = GatlingReports.links(runDir, gatlingReportDir, results);
            writeAtomically(runDir.resolve(HTML), HtmlPage.render(results, images, gatlingLinks, verdicts).getBytes(StandardCharsets.UTF_8));
            writeAtomically(runDir.resolve(SUMMARY), SummaryMarkdown.render(results, verdicts).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the report in " + runDir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    /** Temp file, then move: a reader (or a crash) never sees half a file. The files get the usual permissions. */
    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
