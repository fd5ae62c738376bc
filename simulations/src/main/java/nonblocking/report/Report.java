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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        Rendered rendered = render(results, verdicts);
        RunFolders.holding(resultsFile, results).forEach(dir -> rendered.writeTo(dir));
        return rendered.summary();
    }

    /** Renders into one folder, as {@link #writeEverywhere} does into each; returns the markdown summary. */
    public static String write(Results results, Path runDir, List<Verdict> verdicts) {
        Rendered rendered = render(results, verdicts);
        rendered.writeTo(runDir);
        return rendered.summary();
    }

    /** The report's files, rendered once (the charts take the time), to be written into any number of folders. */
    private record Rendered(Map<String, byte[]> files, String summary) {
        void writeTo(Path dir) {
            try {
                Files.createDirectories(dir);
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    ResultsFile.writeAtomically(dir.resolve(file.getKey()), file.getValue());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    private static Rendered render(Results results, List<Verdict> verdicts) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<HtmlPage.Image> images = new ArrayList<>();
        for (Charts.Chart chart : Charts.of(results)) {
            byte[] png = chart.png();
            files.put(chart.file(), png);
            images.add(new HtmlPage.Image(chart.file(), chart.title(), png));
        }
        files.put(HTML, HtmlPage.render(results, images, verdicts).getBytes(StandardCharsets.UTF_8));
        String summary = SummaryMarkdown.render(results, verdicts);
        files.put(SUMMARY, summary.getBytes(StandardCharsets.UTF_8));
        return new Rendered(files, summary);
    }
}
