package nonblocking.report;

import nonblocking.gate.Gate;
import nonblocking.gate.Verdict;
import nonblocking.results.Capacity;
import nonblocking.results.Ceiling;
import nonblocking.results.Experiment;
import nonblocking.results.Load;
import nonblocking.results.Provenance;
import nonblocking.results.Slo;
import nonblocking.results.Gap;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * report.html: one self-contained page (inline CSS, charts as data URIs, no script, no external font) that opens
 * offline. Every piece of text from the results goes through {@link #escape}.
 */
final class HtmlPage {

    private static final String CSS = """
            body{margin:0;background:#f6f7f9;color:#1d1f23;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
            main{max-width:1240px;margin:0 auto;padding:16px 20px}
            h1{font-size:24px;line-height:1.3;margin:4px 0 8px}
            h2{margin-top:40px;border-bottom:1px solid #d0d4da;padding-bottom:4px}
            .kicker{color:#5a606b;margin:0;text-transform:uppercase;letter-spacing:.05em;font-size:12px}
            .lead{color:#3a3f47;margin-top:0}
            .cards{display:flex;gap:16px;flex-wrap:wrap;margin:20px 0}
            .card{background:#fff;border:1px solid #d0d4da;border-top:6px solid #777;border-radius:6px;padding:12px 18px;min-width:160px}
            .card .name{font-weight:600}
            .card .value{font-size:40px;font-weight:700;line-height:1.1}
            .card .unit,.card .config{color:#5a606b;font-size:13px}
            figure{margin:20px 0;background:#fff;border:1px solid #d0d4da;border-radius:6px;padding:8px}
            figure img{width:100%;height:auto;display:block}
            figcaption{color:#5a606b;font-size:13px;padding:4px 8px}
            table{border-collapse:collapse;background:#fff;font-size:12.5px;width:100%;margin:8px 0 16px}
            th,td{border:1px solid #d0d4da;padding:3px 5px;text-align:right;white-space:nowrap}
            th{white-space:normal;vertical-align:bottom;background:#eef0f3}
            td.text,th.text{text-align:left;white-space:normal}
            tr.sustained td:first-child,tr.pass td:first-child{box-shadow:inset 4px 0 #2e7d32}
            tr.failed td:first-child,tr.fail td:first-child{box-shadow:inset 4px 0 #b00020}
            tr.inconclusive td:first-child{box-shadow:inset 4px 0 #b58900}
            .pass{color:#2e7d32;font-weight:700}
            .fail{color:#b00020;font-weight:700}
            .scroll{overflow-x:auto}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}
            dt{color:#5a606b}
            dd{margin:0}
            footer{color:#5a606b;font-size:12px;margin-top:40px}
            """;

    private HtmlPage() {
    }

    static String render(Results results, List<Charts.Chart> charts, Gate.Judgement judgement) {
        StringBuilder html = new StringBuilder(256 * 1024);
        String headline = Format.headline(results);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>nonblocking · ").append(escape(headline)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(html, results, headline);
        if (judgement != null) {
            gate(html, judgement);
        }
        charts(html, results, charts);
        levels(html, results);
        settings(html, results);
        howToRead(html, results);
        gatling(html, results);
        html.append("<footer>Written by nonblocking.report from results.json of run ")
                .append(escape(results.runId())).append(".</footer>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void header(StringBuilder html, Results results, String headline) {
        html.append("<header>\n<p class=\"kicker\">nonblocking · run ").append(escape(results.runId()))
                .append(" · profile ").append(escape(results.experiment().profile())).append("</p>\n")
                .append("<h1 id=\"headline\">").append(escape(headline)).append("</h1>\n")
                .append("<p class=\"lead\">").append(escape(Format.headlineLegend(results))).append("</p>\n<div class=\"cards\">\n");
        int position = 0;
        for (Map.Entry<String, TargetResult> entry : results.targets().entrySet()) {
            TargetResult.Crash crash = entry.getValue().crash();
            Capacity capacity = entry.getValue().capacity();
            // A crash is no capacity: the card says what happened, where the others give their sustainable level.
            String value = crash != null ? crash.what() : Format.sustainable(capacity);
            String unit = crash != null ? "at " + crash.users() + " " + results.load().unit()
                    : "sustainable " + results.load().unit()
                    + (capacity.lowerBound() ? "" : " · bracket " + Format.bracket(capacity));
            html.append("<div class=\"card\" style=\"border-top-color:")
                    .append(Palette.hex(Palette.of(position++))).append("\">")
                    .append("<div class=\"name\">").append(escape(entry.getKey())).append("</div>")
                    .append("<div class=\"value\">").append(escape(value)).append("</div>")
                    .append("<div class=\"unit\">").append(escape(unit)).append("</div>")
                    .append("<div class=\"config\">").append(escape(describe(entry.getValue().config()))).append("</div></div>\n");
        }
        Gap gap = results.gap();
        if (gap != null) {
            html.append("<div class=\"card\"><div class=\"name\">gap</div><div class=\"value\">")
                    .append(escape((gap.lowerBound() && gap.factor() != null ? Format.AT_LEAST : "") + Format.factor(gap.factor())))
                    .append("</div><div class=\"unit\">").append(escape(gap.of() + " / " + gap.over()))
                    .append(gap.lowerBound() ? " · a lower bound" : "").append("</div></div>\n");
        }
        html.append("</div>\n</header>\n");
    }

    private static void gate(StringBuilder html, Gate.Judgement judgement) {
        List<Verdict> verdicts = judgement.verdicts();
        long failed = verdicts.stream().filter(verdict -> !verdict.pass()).count();
        html.append("<section id=\"gate\">\n<h2>Gate: <span class=\"").append(failed == 0 ? "pass\">PASS" : "fail\">FAIL")
                .append("</span></h2>\n<p>").append(verdicts.size() - failed).append(" of ").append(verdicts.size())
                .append(" rules pass (rules: <code>").append(escape(judgement.rules())).append("</code>, baseline: <code>")
                .append(escape(judgement.baseline())).append("</code>).</p>\n")
                .append(table(Table.verdicts(verdicts))).append("</section>\n");
    }

    private static void charts(StringBuilder html, Results results, List<Charts.Chart> charts) {
        html.append("<section id=\"charts\">\n<h2>Charts</h2>\n");
        for (Charts.Chart chart : charts) {
            html.append("<figure><img alt=\"").append(escape(chart.title())).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(chart.png())).append("\">")
                    .append("<figcaption>").append(escape(chart.title())).append(" · also saved as ")
                    .append(escape(chart.file())).append("</figcaption></figure>\n");
        }
        if (!Charts.hasCensus(results)) {
            html.append("<p>No threads, memory or cost per request: no target has a census (<code>/threads</code> on a"
                    + " census port, as our own servers have).</p>\n");
        }
        html.append("</section>\n");
    }

    private static void levels(StringBuilder html, Results results) {
        html.append("<section id=\"levels\">\n<h2>Levels</h2>\n");
        for (Map.Entry<String, TargetResult> entry : results.targets().entrySet()) {
            html.append("<h3>").append(escape(entry.getKey())).append(": ")
                    .append(escape(Format.capacity(entry.getValue(), results.load()))).append("</h3>\n")
                    .append(results.experiment().searched() ? "<p>Levels in the order the search ran them: "
                            + escape(Format.runOrder(entry.getValue())) + "</p>\n" : "")
                    .append(table(Table.levels(entry.getValue(), results.sloOf(entry.getValue()), results.load(),
                            results.provenance().ceiling())));
        }
        html.append("</section>\n");
    }

    private static void settings(StringBuilder html, Results results) {
        Experiment experiment = results.experiment();
        html.append("<section id=\"settings\">\n<h2>Settings</h2>\n<dl>\n");
        term(html, "run", results.runId());
        term(html, "profile", experiment.profile());
        term(html, "levels", experiment.describePlan());
        Slo slo = Format.commonSlo(results);
        term(html, "a level holds when", slo != null ? slo.limits() : "each target's own SLO, below");
        term(html, "hold per level", Format.decimal(experiment.holdS(), 0) + " s (measured), after a ramp of "
                + Format.decimal(experiment.rampS(), 0) + " s; before the first level a warm-up of at least "
                + Format.decimal(experiment.warmupS(), 0) + " s");
        term(html, "request timeout", experiment.timeoutMs() + " ms");
        Provenance provenance = results.provenance();
        term(html, "started / finished", provenance.startedAt() + " / " + provenance.finishedAt());
        Provenance.Machine machine = provenance.machine();
        if (machine != null) {
            term(html, "machine", machine.cores() + " cores · " + machine.os() + " · load generator's JDK " + machine.jdk()
                    + " · max open files " + machine.maxOpenFiles() + (experiment.injectors() > 1
                    ? " · " + experiment.injectors() + " injectors" : ""));
        }
        Ceiling ceiling = provenance.ceiling();
        term(html, "injector's ceiling", ceiling == null ? "not measured on this machine in the " + results.load().label()
                + " model (./mvnw gatling:test -Dprofile=" + Ceiling.profile(results.load()) + " measures it; then every"
                + " run of that model states it and flags levels near it)"
                : Format.integer(ceiling.rps()) + " requests/s in the " + results.load().label() + " model"
                + (ceiling.cpuUsPerRequest() == null ? ""
                : " at " + ceiling.cpuUsPerRequest() + " µs of its CPU per request") + ", measured " + ceiling.measuredAt()
                + " (run " + ceiling.runId() + "); levels at " + Format.decimal(100 * Ceiling.NEAR, 0)
                + " % of it or more are flagged ⚠");
        for (Map.Entry<String, TargetResult> entry : results.targets().entrySet()) {
            TargetResult.Settings config = entry.getValue().config();
            TargetResult.Memory idle = entry.getValue().idle();
            String text = config == null ? "not recorded"
                    : (config.model() == null ? "" : describe(config) + " · ") + config.url() + (config.managed() ? " · started by the ladder" : " · not started by the ladder")
                    + (entry.getValue().jdk() == null ? "" : " · JDK " + entry.getValue().jdk())
                    + (config.jvmArgs().isEmpty() ? "" : " · JVM " + String.join(" ", config.jvmArgs()))
                    + (entry.getValue().warmupS() == null ? "" : " · warmed up for "
                    + Format.decimal(entry.getValue().warmupS(), 0) + " s")
                    + (idle == null ? "" : " · idle heap " + Format.mebibytes(idle.heapUsedBytes()) + ", idle RSS " + Format.mebibytes(idle.rssBytes()))
                    + " · each user sent " + Format.request(results, entry.getValue())
                    + (config.request() == null ? "" : ", timeout " + config.request().timeoutMs() + " ms")
                    + " · a level holds when " + results.sloOf(entry.getValue()).limits();
            term(html, entry.getKey(), text);
        }
        html.append("</dl>\n</section>\n");
    }

    /** How to read the page, for the run it describes: users or rates, our servers or a service. */
    private static void howToRead(StringBuilder html, Results results) {
        boolean open = results.load() == Load.OPEN;
        OptionalLong pause = Format.commonPause(results);
        boolean anyPaused = results.targets().values().stream().anyMatch(Format::paused);
        html.append("<section id=\"how-to-read\">\n<h2>How to read this</h2>\n<ul>\n");
        if (open) {
            html.append("<li>Each level is a rate: requests are sent on schedule for ")
                    .append(escape(Format.decimal(results.experiment().holdS(), 0)))
                    .append(" s whatever the answers (the open model), and a request's latency counts from when it was due,")
                    .append(" so a server that stalls is charged for every request it delays. A target that keeps up")
                    .append(" answers the rate offered: the dashed <em>ideal</em> line.</li>\n");
        } else {
            html.append("<li>Each level holds that many concurrent users for ")
                    .append(escape(Format.decimal(results.experiment().holdS(), 0)))
                    .append(" s; each user sends its next request when the last one is answered (the closed model).")
                    .append(pause.isPresent() ? " Every request asks for <code>GET /?pause=" + pause.getAsLong()
                            + "</code>: " + escape(results.experiment().waitOn().describe(pause.getAsLong())) + ". A target that keeps up"
                            + " answers in just over that, so its throughput is users / pause: the dashed <em>ideal</em> line."
                            : " What each user sent is under Settings.")
                    .append("</li>\n");
        }
        html.append("<li>A level is <em>sustained</em> when ").append(escape(Format.sloLimits(results)))
                .append(". A target's sustainable level is the highest in the unbroken run of sustained levels from the bottom; ")
                .append("its bracket [held, broke] names the level above, which broke: the limit lies between the two. ")
                .append("≥ marks a target that sustained the top of its ladder, whose real limit lies higher. ")
                .append("A level marked <em>skipped</em> was not run: the target had not held two levels in a row (the early stop).")
                .append(results.experiment().searched() ? " The levels were chosen by a capacity search: doubling while levels held, then"
                        + " bisecting between the highest level that held and the lowest that broke." : "")
                .append("</li>\n");
        if (anyPaused) {
            html.append("<li>A blocking pool holds one platform thread per request for its whole wait: beyond its thread count")
                    .append(" requests queue, latency grows with users / threads and throughput flattens at threads / pause.")
                    .append(" Virtual threads let go of their carrier while they wait, so throughput follows the ideal line")
                    .append(" until something else runs out (CPU, memory, a pool, file descriptors or the load generator itself).</li>\n")
                    .append("<li><em>Efficiency</em> = throughput / (users / pause): 1.0 means every user got an answer every pause.</li>\n");
        } else if (!open) {
            html.append("<li><em>Efficiency</em> of a service: the lowest level's p50 over this level's, at most 1.0;")
                    .append(" it falls as latency grows with the load.</li>\n");
        }
        html.append("<li>p99 counts every request a level started, a failure at its time to failure (a timeout at the ")
                .append("timeout), so a server cannot improve it by failing its slow requests; p50 is of the OK answers.</li>\n");
        if (Charts.hasCensus(results)) {
            html.append("<li>Platform threads and memory come from the target's census (<code>/threads</code> on its census port); ")
                    .append("they are blank (–) for a server without one. Per-user memory is (level − idle) / users.</li>\n");
        }
        html.append("<li>These are the numbers of one machine (see Settings): compare runs made on the same machine.</li>\n")
                .append("</ul>\n</section>\n");
    }

    private static void gatling(StringBuilder html, Results results) {
        String link = results.records() == null ? null : results.records().gatlingReport();
        html.append("<section id=\"gatling\">\n<h2>Gatling's own report</h2>\n");
        if (link == null) {
            html.append("<p>The run recorded no Gatling HTML report (Gatling writes it to <code>simulations/target/gatling/</code>).</p>\n");
        } else {
            html.append("<p>Request-level detail (response time distribution, requests per second over time) is in Gatling's report: <a href=\"")
                    .append(escape(link)).append("\">").append(escape(link)).append("</a>. ")
                    .append("The link is relative: it works from this run's folder and from <code>latest/</code>, at the same depth. ")
                    .append("Its request groups are the levels (e.g. <code>virtual 0400u</code>, a level's hold), the warm-up and the ramps;")
                    .append(" its totals count them all, so the tables here, which count each level's hold alone, are the measurement.</p>\n");
        }
        html.append("</section>\n");
    }

    /** "blocking pool, 200 threads", "virtual threads, at most 300", or the URL of a server the ladder did not start. */
    private static String describe(TargetResult.Settings config) {
        if (config == null) {
            return "";
        }
        if (config.model() == null) {
            return "server at " + config.url();
        }
        return config.model() + (config.threads() == null ? "" : ", " + config.threads() + " threads")
                + (config.maxVirtualThreads() == null ? "" : ", at most " + config.maxVirtualThreads() + " virtual threads");
    }

    private static void term(StringBuilder html, String term, String description) {
        html.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(description)).append("</dd>\n");
    }

    /** Escaped for element content and quoted attribute values alike ({@code &} first, so nothing is escaped twice). */
    private static String escape(Object value) {
        return String.valueOf(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    static String table(Table table) {
        StringBuilder html = new StringBuilder("<table>\n<tr>");
        for (int c = 0; c < table.headers().size(); c++) {
            html.append(table.text().get(c) ? "<th class=\"text\">" : "<th>").append(escape(table.headers().get(c))).append("</th>");
        }
        html.append("</tr>\n");
        for (int r = 0; r < table.rows().size(); r++) {
            html.append("<tr class=\"").append(escape(table.classes().get(r))).append("\">");
            for (int c = 0; c < table.headers().size(); c++) {
                html.append(table.text().get(c) ? "<td class=\"text\">" : "<td>")
                        .append(escape(table.rows().get(r).get(c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</table>\n").toString();
    }
}
