package nonblocking.report;

import nonblocking.history.History;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The gate's trend across builds, from the history file: {@value #PNG}, {@value #HTML} and a markdown table. */
public final class Trend {

    public static final String PNG = "trend.png";
    public static final String HTML = "trend.html";
    /** Runs shown in the markdown table: the job summary stays short; the chart shows them all. */
    static final int TABLE_RUNS = 10;

    private Trend() {
    }

    /** Writes the chart and the page into {@code dir}; returns the markdown table. */
    public static String write(List<History.Entry> entries, Path dir) {
        byte[] png = Charts.trend(entries).png();
        String html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>nonblocking · trend</title>\n"
                + "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:1000px;margin:0 auto;padding:16px}"
                + "img{width:100%}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}"
                + "td:first-child,td:nth-child(2),th{text-align:left}</style>\n</head>\n<body>\n<h1>The gate's trend</h1>\n"
                + "<img alt=\"trend\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">\n"
                + HtmlPage.table(table(entries, entries.size())) + "</body>\n</html>\n";
        Report.writeFiles(dir, Map.of(PNG, png, HTML, html.getBytes(StandardCharsets.UTF_8)), "trend");
        return markdown(entries);
    }

    static String markdown(List<History.Entry> entries) {
        return "### Trend (last " + Math.min(TABLE_RUNS, entries.size()) + " of " + entries.size() + " judged runs)\n\n"
                + SummaryMarkdown.table(table(entries, TABLE_RUNS)) + "\n";
    }

    /** One row per run, newest first: its commit, verdict and each target's sustainable users with their bracket. */
    static Table table(List<History.Entry> entries, int runs) {
        List<Table.Column<History.Entry>> columns = new ArrayList<>(List.of(
                new Table.Column<>("Run", true, History.Entry::runId),
                new Table.Column<>("Commit", true, History.Entry::label),
                new Table.Column<>("Gate", true, entry -> Table.passFail(entry.passed()))));
        for (String name : entries.stream().flatMap(entry -> entry.targets().keySet().stream()).distinct().toList()) {
            columns.add(new Table.Column<>(name, false, entry -> entry.targets().get(name) == null ? Format.NONE
                    : Format.bracketed(entry.targets().get(name).capacity())));
        }
        return Table.of(columns, entries.reversed().stream().limit(runs).toList(),
                entry -> entry.passed() ? "pass" : "fail");
    }
}
