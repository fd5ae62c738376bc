package nonblocking.report;

import nonblocking.gate.Verdict;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.RunFolders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The comparison report of one run, rendered from its results (and the gate's verdicts, once a gate judged it) into
 * the run's folder: {@value #HTML} (self-contained), {@value #SUMMARY} (for a CI job summary) and the charts as PNG
 * files. The same input gives the same files: rendering again is harmless.
 */
public final class Report {

    public static final String HTML = "report.html";
    public static final String SUMMARY = "summary.md";

    private Report() {
    }

    /**
     * Renders into every folder that holds this run (its own and {@code latest/}, see {@link RunFolders#holding}).
     *
     * @param verdicts the gate's verdicts, shown in both files; null when the run was not judged
     * @return the markdown summary, for the CI job summary
     */
    public static String writeEverywhere(Results results, Path resultsFile, List<Verdict> verdicts) {
        String summary = null;
        for (Path dir : RunFolders.holding(resultsFile, results)) {
            summary = write(results, dir, verdicts);
        }
        return summary;
    }

    /** Renders into one folder, as {@link #writeEverywhere} does into each; returns the markdown summary. */
    public static String write(Results results, Path runDir, List<Verdict> verdicts) {
        try {
            Files.createDirectories(runDir);
            List<HtmlPage.Image> images = new ArrayList<>();
            for (Charts.Chart chart : Charts.of(results)) {
                byte[] png = chart.png();
                ResultsFile.writeAtomically(runDir.resolve(chart.file()), png);
                images.add(new HtmlPage.Image(chart.file(), chart.title(), png));
            }
            ResultsFile.writeAtomically(runDir.resolve(HTML),
                    HtmlPage.render(results, images, verdicts).getBytes(StandardCharsets.UTF_8));
            String summary = SummaryMarkdown.render(results, verdicts);
            ResultsFile.writeAtomically(runDir.resolve(SUMMARY), summary.getBytes(StandardCharsets.UTF_8));
            return summary;
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the report in " + runDir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }
}
