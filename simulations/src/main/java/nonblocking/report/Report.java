package nonblocking.report;

import nonblocking.gate.Gate;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.RunFolders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison report of one run, from its results and the gate's verdicts: {@value #HTML} (self-contained),
 * {@value #SUMMARY} (for a CI job summary) and the charts as PNG files. The same input gives the same files.
 */
public final class Report {

    public static final String HTML = "report.html";
    public static final String SUMMARY = "summary.md";

    private Report() {
    }

    /** Renders into every folder that holds this run (judgement null: not judged); returns the markdown summary. */
    public static String writeEverywhere(Results results, Path resultsFile, Gate.Judgement judgement) {
        return writeInto(results, RunFolders.holding(resultsFile, results), judgement);
    }

    /** Renders into one folder, as {@link #writeEverywhere} does into each. */
    public static String write(Results results, Path runDir, Gate.Judgement judgement) {
        return writeInto(results, List.of(runDir), judgement);
    }

    /** Renders once (the charts take the time) and writes the files into every folder. */
    private static String writeInto(Results results, List<Path> dirs, Gate.Judgement judgement) {
        List<Charts.Chart> charts = Charts.of(results);
        Map<String, byte[]> files = new LinkedHashMap<>();
        charts.forEach(chart -> files.put(chart.file(), chart.png()));
        files.put(HTML, HtmlPage.render(results, charts, judgement).getBytes(StandardCharsets.UTF_8));
        String summary = SummaryMarkdown.render(results, judgement);
        files.put(SUMMARY, summary.getBytes(StandardCharsets.UTF_8));
        dirs.forEach(dir -> writeFiles(dir, files, "report"));
        return summary;
    }

    static void writeFiles(Path dir, Map<String, byte[]> files, String what) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ResultsFile.writeAtomically(dir.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + " in " + dir + ": " + e.getMessage(), e);
        }
    }
}
