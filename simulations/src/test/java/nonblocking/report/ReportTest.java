package nonblocking.report;

import java.util.Set;
import nonblocking.Fixtures;
import nonblocking.gate.Gate;
import nonblocking.gate.Verdict;
import nonblocking.results.Gap;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.RunFolders;
import nonblocking.results.TargetResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    static final List<String> CHARTS = List.of("throughput.png", "latency.png", "errors.png", "resources.png", "cost.png");
    static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @TempDir
    Path dir;

    @Test
    void writesTheHtmlTheSummaryAndFourPngCharts() throws IOException {
        Report.write(Fixtures.read(Fixtures.GOOD), dir, null);

        assertThat(dir.resolve("report.html")).isNotEmptyFile();
        assertThat(dir.resolve("summary.md")).isNotEmptyFile();
        for (String chart : CHARTS) {
            byte[] png = Files.readAllBytes(dir.resolve(chart));
            assertThat(Arrays.copyOf(png, 8)).as(chart).isEqualTo(PNG_MAGIC);
            BufferedImage image = ImageIO.read(dir.resolve(chart).toFile());
            assertThat(image.getWidth()).as(chart).isEqualTo(Charts.WIDTH);
        }
    }

    @Test
    void theHtmlLeadsWithTheHeadlineAndEmbedsEachChartAsADataUri() throws IOException {
        Report.write(Fixtures.read(Fixtures.GOOD), dir, null);
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html).contains("<h1 id=\"headline\">blocking 200 [200, 400] (virtual ≥16x) · virtual ≥3200</h1>");
        assertThat(html.indexOf("id=\"headline\"")).isLessThan(html.indexOf("<img"));
        Matcher images = Pattern.compile("<img alt=\"[^\"]*\" src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\">").matcher(html);
        for (String chart : CHARTS) {
            assertThat(images.find()).as(chart).isTrue();
            assertThat(Base64.getDecoder().decode(images.group(1))).as(chart).isEqualTo(Files.readAllBytes(dir.resolve(chart)));
        }
        assertThat(images.find()).isFalse();
    }

    @Test
    void theHtmlOpensOfflineWithNothingExternal() throws IOException {
        Report.write(Fixtures.read(Fixtures.GOOD), dir, null);
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>")
                .doesNotContain("<script", "<link", "src=\"http", "url(", "@import");
    }

    @Test
    void theHtmlHoldsALevelTablePerTargetTheSettingsAndHowToReadIt() throws IOException {
        Report.write(Fixtures.read(Fixtures.GOOD), dir, null);
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html).contains("<h3>blocking: sustains 200 users, bracket [200, 400]</h3>", "<h3>virtual: sustains ≥3200 users (held its top level)</h3>",
                "each user sent GET /?pause=1000: a pause of 1000 ms", "<dt>request timeout</dt><dd>10000 ms</dd>",
                "<dt>machine</dt><dd>2 cores · ", "load generator&#39;s JDK 25.0.1+8-LTS", "<h2>How to read this</h2>");
        assertThat(count(html, "<tr class=\"sustained\">")).isEqualTo(4 + 8);
        assertThat(count(html, "<tr class=\"failed\">")).isEqualTo(4);
        assertThat(html).contains("<td class=\"text\">✗ p99 over 1500 ms, KO over 1 %, throughput under 0.9 × users / pause</td>",
                "<td class=\"text\">timeout 3564</td>");
    }

    @Test
    void theHtmlEscapesTextFromTheResults() throws IOException {
        Results good = Fixtures.read(Fixtures.GOOD);
        Map<String, TargetResult> targets = new LinkedHashMap<>(good.targets());
        TargetResult virtual = targets.remove("virtual");
        targets.put("<b>virtual</b>", Fixtures.targetResult(new TargetResult.Settings("http://x/?a=1&b=\"2\"", null, false, null, null, null, null, null, null),
                null, null, virtual.levels(), virtual.sustainableUsers()));
        nonblocking.results.Experiment e = good.experiment();
        Results hostile = new Results(Results.SCHEMA, "run<script>alert(1)</script>", new nonblocking.results.Experiment(
                "it's", e.load(), e.plan(), e.holdS(), e.rampS(), e.warmupS(), e.warmupMaxS(), e.waitOn(), e.workMicros(), e.timeoutMs(),
                e.stallMs(), e.slo(), e.injectors()), good.provenance(), targets, Gap.of(targets, "<b>virtual</b>", "blocking"),
                new Results.Records(null, null, "\"><script>", null, null));

        Report.write(hostile, dir, null);
        String html = Files.readString(dir.resolve("report.html"));

        assertThat(html).doesNotContain("<script", "<b>virtual")
                .contains("run&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;virtual&lt;/b&gt;", "it&#39;s",
                        "http://x/?a=1&amp;b=&quot;2&quot;");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("&lt;b>virtual&lt;/b>").doesNotContain("<b>");
    }

    @Test
    void theSummaryHasTheHeadlineAndACompactTablePerTarget() throws IOException {
        Report.write(Fixtures.read(Fixtures.GOOD), dir, null);
        String summary = Files.readString(dir.resolve("summary.md"));

        assertThat(summary).startsWith("## nonblocking: blocking 200 [200, 400] (virtual ≥16x) · virtual ≥3200\n")
                .contains("### blocking: sustains 200 users, bracket [200, 400]", "### virtual: sustains ≥3200 users (held its top level)")
                .contains("| 3,200 | ✓ sustained | 90,336 | 0 |  | 3,011.2 | 0.941 | 1,009 | 1,170 | – | 21 | 3,200 | 125.1 MiB | – | – | – |")
                .contains("| 400 | ✗ p99 over 1500 ms, throughput under 0.9 × users / pause | 5,940 | 0 |  | 198.0 | 0.495 | 2,000 |")
                .doesNotContain("### Gate");
        assertThat(count(summary, "| Users | Status | Requests | KO % | KO reasons | Req/s | Efficiency |")).isEqualTo(2);
        assertThat(summary.lines().filter(line -> line.matches("\\| [0-9,]+ \\|.*"))).hasSize(16);
    }

    @Test
    void withVerdictsBothFilesShowTheGate() throws IOException {
        Results crippled = Fixtures.read(Fixtures.CRIPPLED_VIRTUAL);
        List<Verdict> verdicts = Gate.evaluate(crippled, Fixtures.rules(), Fixtures.baseline(), Set.of());

        Report.write(crippled, dir, new Gate.Judgement(crippled, verdicts, Path.of("/rules/shop-rules.yaml"),
                Path.of("/tmp/shop-baseline.json")));

        assertThat(Files.readString(dir.resolve("summary.md")))
                .contains("### Gate: ✗ FAIL (4 of 10 rules pass; rules `/rules/shop-rules.yaml`, baseline `/tmp/shop-baseline.json`)")
                .contains("| ✗ FAIL | gap virtual/blocking | 1 | >= 10 | 16 | gap |")
                .contains("| ✓ PASS | blocking.p99_all_ms | 1020.0 (worst of 25-200 users, at 200: +0.0 %; fixed limit: the baseline is"
                        + " one run, without noise figures) | &lt;= 1173.0 (baseline + 15.0 %) | 1020.0 | baseline_p99 |");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<h2>Gate: <span class=\"fail\">FAIL</span></h2>", "<td class=\"text\">= top level 3200</td>",
                "(rules: <code>/rules/shop-rules.yaml</code>, baseline: <code>/tmp/shop-baseline.json</code>)");
        assertThat(html.indexOf("id=\"gate\"")).isLessThan(html.indexOf("<img"));
    }

    @Test
    void aCrashedTargetsCardSaysWhatHappenedNotACapacity() throws IOException {
        Results good = Fixtures.read(Fixtures.GOOD);
        Map<String, TargetResult> targets = new LinkedHashMap<>(good.targets());
        TargetResult t = targets.get("virtual");
        targets.put("virtual", new TargetResult(t.config(), t.jdk(), t.idle(), t.levels(), t.sustainableUsers(), t.skipped(),
                t.runOrder(), t.startedAt(), t.stoppedAt(), t.warmupS(),
                new TargetResult.Crash(800, 137, "its JVM exited with code 137", null), t.backendAfter()));
        Report.write(Fixtures.retargeted(good, targets), dir, null);

        String html = Files.readString(dir.resolve("report.html"));
        String card = html.substring(html.indexOf("<div class=\"name\">virtual</div>"));
        card = card.substring(0, card.indexOf("</div></div>"));
        assertThat(card).contains("<div class=\"value\">crashed</div>", "<div class=\"unit\">at 800 users</div>")
                .doesNotContain("sustainable", "bracket");
    }

    @Test
    void targetsWithoutACensusGetOneLineInsteadOfEmptyChartsAndColumns() throws IOException {
        Report.write(Fixtures.read(Fixtures.FOREIGN), dir, null);

        for (String chart : CHARTS.subList(0, 3)) {
            assertThat(Arrays.copyOf(Files.readAllBytes(dir.resolve(chart)), 8)).as(chart).isEqualTo(PNG_MAGIC);
        }
        assertThat(dir.resolve("resources.png")).doesNotExist();
        assertThat(dir.resolve("cost.png")).doesNotExist();
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("server at http://10.0.0.5:8080", "<p>No threads, memory or cost per request: no target has a census")
                .doesNotContain("Platform threads");
        assertThat(Files.readString(dir.resolve("summary.md"))).contains("| 25 | ✓ sustained |").doesNotContain("RSS peak");
    }

    @Test
    void theInjectorsCeilingIsStatedForTheRunsOwnLoadModel() throws IOException {
        Results closed = Fixtures.read(Fixtures.GOOD);
        Report.write(closed, dir, null);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("not measured on this machine in the closed"
                + " model (./mvnw gatling:test -Dprofile=calibrate-closed measures it;");

        Results open = Fixtures.open(closed);
        nonblocking.results.Provenance p = open.provenance();
        open = new Results(open.schema(), open.runId(), open.experiment(), new nonblocking.results.Provenance(p.startedAt(),
                p.finishedAt(), p.machine(), p.source(), new nonblocking.results.Ceiling(20_000, 38.8, 2,
                "2026-12-06T04:58:14Z", "calibrate-2")), open.targets(), open.gap(), open.records());
        Report.write(open, dir, null);
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("20,000 requests/s in the open model at 38.8 µs of its CPU per request");
    }

    @Test
    void howToReadNamesThePauseTheTargetsAskedFor() throws IOException {
        Results good = Fixtures.read(Fixtures.GOOD);
        for (String name : good.targets().keySet()) {
            good = Fixtures.withConfig(good, name, config -> Fixtures.withPause(config, true, 100));
        }
        Report.write(good, dir, null);
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("Every request asks for <code>GET /?pause=100</code>: a pause of 100 ms.")
                .doesNotContain("a pause of 1000 ms");
    }

    @Test
    void aServiceRunSaysNothingOfAPauseAndStatesItsOwnSlo() throws IOException {
        Results foreign = Fixtures.read(Fixtures.FOREIGN);
        Results service = foreign;
        for (String name : foreign.targets().keySet()) {
            service = Fixtures.withConfig(service, name, config -> Fixtures.withSlo(new TargetResult.Settings(config.url(),
                    null, false, null, null, null, List.of(), new TargetResult.Request("POST", false, List.of("Content-Type"),
                    14, 2000, null, 0), null), new nonblocking.results.Slo(100, 1, null)));
        }

        Report.write(service, dir, null);
        String html = Files.readString(dir.resolve("report.html")).replaceAll("base64,[A-Za-z0-9+/=]+", "");

        assertThat(html).doesNotContainIgnoringCase("pause")
                .contains("<dt>a level holds when</dt><dd>p99 ≤ 100 ms, KO ≤ 1 %</dd>",
                        "each user sent POST http://10.0.0.5:8080 as given, a body of 14 bytes, headers Content-Type",
                        "What each user sent is under Settings.");
        assertThat(Files.readString(dir.resolve("summary.md"))).doesNotContainIgnoringCase("pause");
    }

    @Test
    void linksGatlingsReportAsTheRunRecordedIt() throws IOException {
        Report.write(Fixtures.read(Fixtures.GOOD), dir, null);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("The run recorded no Gatling HTML report");

        Results good = Fixtures.read(Fixtures.GOOD);
        Results linked = new Results(good.schema(), good.runId(), good.experiment(), good.provenance(), good.targets(),
                good.gap(), new Results.Records(null, null, "../../gatling/laddersimulation-20260110090001/index.html",
                null, null));
        Report.write(linked, dir, null);

        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("<a href=\"../../gatling/laddersimulation-20260110090001/index.html\">");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aRunWithoutAPauseRendersEveryChart() throws IOException {
        Results good = Fixtures.read(Fixtures.GOOD);
        Results cpu = Fixtures.withExperiment(good, e -> new nonblocking.results.Experiment("cpu", e.load(), e.plan(),
                e.holdS(), e.rampS(), e.warmupS(), e.warmupMaxS(), new nonblocking.results.Experiment.Wait("sleep", 0, Map.of()), 2000, e.timeoutMs(),
                e.stallMs(), new nonblocking.results.Slo(250, 1, null), e.injectors()));
        for (String name : good.targets().keySet()) {
            cpu = Fixtures.withConfig(cpu, name, config -> new TargetResult.Settings(config.url(), config.census(),
                    config.managed(), config.model(), config.threads(), config.maxVirtualThreads(), config.jvmArgs(),
                    new TargetResult.Request("GET", true, List.of(), 0, 5000, null, 0), null));
        }

        Report.write(cpu, dir, null);

        for (String chart : CHARTS) {
            assertThat(Arrays.copyOf(Files.readAllBytes(dir.resolve(chart)), 8)).as(chart).isEqualTo(PNG_MAGIC);
        }
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("<dt>a level holds when</dt><dd>p99 ≤ 250 ms, KO ≤ 1 %</dd>", "after 2000 µs of CPU work")
                .doesNotContain("users / pause");
    }

    @Test
    void renderingAgainIsIdempotent() throws IOException {
        Report.write(Fixtures.read(Fixtures.GOOD), dir, null);
        Map<String, byte[]> first = new LinkedHashMap<>();
        for (String file : List.of("report.html", "summary.md", "throughput.png", "errors.png")) {
            first.put(file, Files.readAllBytes(dir.resolve(file)));
        }
        Report.write(Fixtures.read(Fixtures.GOOD), dir, null);
        first.forEach((file, bytes) -> {
            try {
                assertThat(Files.readAllBytes(dir.resolve(file))).as(file).isEqualTo(bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void theRunFolderAndLatestGetTheSameReport() throws IOException {
        Results good = Fixtures.read(Fixtures.GOOD);
        Path runDir = Files.createDirectories(dir.resolve(good.runId()));
        ResultsFile.write(good, runDir.resolve(ResultsFile.NAME));
        Path latest = RunFolders.refreshLatest(runDir);
        List<Verdict> verdicts = Gate.evaluate(good, Fixtures.rules(), Fixtures.baseline(), Set.of());

        Report.writeEverywhere(good, latest.resolve(ResultsFile.NAME), new Gate.Judgement(good, verdicts,
                Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE)));

        assertThat(Files.readString(runDir.resolve("report.html"))).contains("id=\"gate\"")
                .isEqualTo(Files.readString(latest.resolve("report.html")));
        assertThat(runDir.resolve("summary.md")).hasSameTextualContentAs(latest.resolve("summary.md"));
    }

    @Test
    void aThirdTargetGetsItsOwnSeriesColumnAndColour() throws IOException {
        Results good = Fixtures.read(Fixtures.GOOD);
        Map<String, TargetResult> targets = new LinkedHashMap<>(good.targets());
        targets.put("pool1k", good.targets().get("blocking"));
        Results three = Fixtures.retargeted(good, targets);

        Report.write(three, dir, null);

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<h1 id=\"headline\">blocking 200 [200, 400] (virtual ≥16x) · virtual ≥3200 · pool1k 200 [200, 400] (virtual ≥16x)</h1>",
                "<h3>pool1k: sustains 200 users, bracket [200, 400]</h3>", "border-top-color:#009e73");
        assertThat(Palette.of(0)).isNotEqualTo(Palette.of(1)).isNotEqualTo(Palette.of(2));
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(Palette.of(i)).as("colour %d vs %d", i, j).isNotEqualTo(Palette.of(j));
            }
        }
    }

    @Test
    void rewritingTheReportReplacesEveryFile() throws IOException {
        Report.write(Fixtures.read(Fixtures.GOOD), dir, null);
        Report.write(Fixtures.read(Fixtures.CRIPPLED_VIRTUAL), dir, null);

        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("<h1 id=\"headline\">blocking 200 [200, 400] · virtual 200 [200, 400]</h1>").doesNotContain("virtual ≥3200");
        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("report.html", "summary.md", "throughput.png", "latency.png", "errors.png", "resources.png", "cost.png");
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
