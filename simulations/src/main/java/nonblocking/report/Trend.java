package nonblocking.report;

import nonblocking.history.History;
import nonblocking.results.ResultsFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gate's trend across builds, drawn from the history file: {@value #PNG} and {@value #HTML} beside it, and a
 * markdown table of the latest runs for the CI job summary.
 */
public final class Trend {

    public static final String PNG = "trend.png";
    public static final String HTML = "trend.html";
    /** Runs shown in the markdown table: the job summary stays short; the chart shows them all. */
    static final int TABLE_RUNS = 10;

    private Trend() {
    }

    /** Writes the chart and the page into {@code dir}; returns the markdown table. */
    public static String write(List<History.Entry> entries, Path dir) {
        try {
            byte[] png = Charts.trend(entries).png();
            ResultsFile.writeAtomically(dir.resolve(PNG), png);
            String markdown = markdown(entries);
            String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>nonblocking · trend</title>\n"
                    + "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1000px;margin:0 auto;padding:16px}"
                    + "img{width:100%}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}"
                    + "td:first-child,td:nth-child(2),th{text-align:left}</style>\n</head>\n<body>\n<h1>The gate's trend</h1>\n"
                    + "<img alt=\"trend\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">\n"
                    + HtmlPage.table(table(entries, entries.size())) + "</body>\n</html>\n";
            ResultsFile.writeAtomically(dir.resolve(HTML), html.getBytes(StandardCharsets.UTF_8));
            return markdown;
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the trend in " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
    }

    static String markdown(List<History.Entry> entries) {
        return "### Trend (last " + Math.min(TABLE_RUNS, entries.size()) + " of " + entries.size() + " judged runs)\n\n"
                + SummaryMarkdown.table(table(entries, TABLE_RUNS)) + "\n";
    }

    /** One row per run, newest first: its commit, verdict and each target's sustainable users with their bracket. */
    static Table table(List<History.Entry> entries, int runs) {
        List<String> names = entries.stream().flatMap(entry -> entry.targets().keySet().stream()).distinct().toList();
        List<String> headers = new java.util.ArrayList<>(List.of("Run", "Commit", "Gate"));
        headers.addAll(names);
        List<Boolean> text = new java.util.ArrayList<>(List.of(true, true, true));
        names.forEach(name -> text.add(false));
        List<History.Entry> latest = entries.reversed().stream().limit(runs).toList();
        List<List<String>> rows = latest.stream().map(entry -> {
            List<String> row = new java.util.ArrayList<>(List.of(entry.runId(), entry.label(), entry.passed() ? "✓ PASS" : "✗ FAIL"));
            names.forEach(name -> {
                History.Target target = entry.targets().get(name);
                row.add(target == null ? Format.NONE : Format.bracketed(target.capacity()));
            });
            return row;
        }).collect(Collectors.toList());
        return new Table(headers, text, rows, latest.stream().map(entry -> entry.passed() ? "pass" : "fail").toList());
    }
}
