package nonblocking.cli;

import nonblocking.Fixtures;
import nonblocking.gate.Baseline;
import nonblocking.history.History;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CliTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void reportRebuildsTheReportNextToTheResults() throws IOException {
        Path results = run(Fixtures.GOOD);

        assertThat(execute("report", results.toString())).isZero();

        assertThat(results.resolveSibling("report.html")).isNotEmptyFile();
        assertThat(results.resolveSibling("summary.md")).content().startsWith("## nonblocking: blocking 200 [200, 400] (virtual ≥16x) · virtual ≥3200");
        assertThat(out()).isEqualTo("report written: " + results.resolveSibling("report.html") + "\n");
    }

    @Test
    void reportOfAMissingFileFailsWithOneLine() {
        assertThat(execute("report", dir.resolve("results.json").toString())).isEqualTo(1);

        assertThat(err()).isEqualTo("no results file at " + dir.resolve("results.json") + " (run ./mvnw gatling:test first)\n");
    }

    @Test
    void gatePassesAGoodRunPrintsOneLinePerRuleAndWritesTheJobSummary() throws IOException {
        Path results = run(Fixtures.GOOD);
        Path stepSummary = Files.writeString(dir.resolve("step-summary.md"), "earlier step\n");

        assertThat(gate(results, Fixtures.path(Fixtures.BASELINE), "--step-summary=" + stepSummary)).isZero();

        assertThat(out().lines()).hasSize(10).allMatch(line -> line.startsWith("PASS "));
        assertThat(out()).contains("PASS virtual.sustainable_users  measured 3200  limit = top level 3200  baseline 3200  [top_level]\n");
        assertThat(stepSummary).content().startsWith("earlier step\n## nonblocking: blocking 200 [200, 400] (virtual ≥16x) · virtual ≥3200")
                .contains("### Gate: ✓ PASS (10 of 10 rules pass; rules `");
        assertThat(results.resolveSibling("report.html")).content().contains("<h2>Gate: <span class=\"pass\">PASS</span></h2>");
    }

    @Test
    void everyGatedRunAddsOneLineToTheHistoryAndTheTrendIsDrawnBesideIt() throws IOException {
        Path good = run(Fixtures.GOOD);
        Path stepSummary = dir.resolve("step-summary.md");
        Path history = dir.resolve("history.jsonl");

        gate(good, Fixtures.path(Fixtures.BASELINE), "--step-summary=" + stepSummary);
        gate(good, Fixtures.path(Fixtures.BASELINE));                      // the same run again: replaced, not added
        Path crippled = Files.createDirectories(dir.resolve("second")).resolve(ResultsFile.NAME);
        Files.copy(Fixtures.path(Fixtures.CRIPPLED_VIRTUAL), crippled);
        gate(crippled, Fixtures.path(Fixtures.BASELINE));

        List<History.Entry> entries = History.read(history);
        assertThat(entries).extracting(History.Entry::runId, History.Entry::passed)
                .containsExactly(tuple("20260110-090000", true), tuple("20260111-090000", false));
        assertThat(entries.getLast().targets().get("virtual").capacity().held()).isEqualTo(200);
        assertThat(entries.getFirst().targets().get("virtual").capacity().broke()).as("held the top").isNull();
        assertThat(entries.getFirst().targets().get("virtual").p99Ms()).containsKeys(25, 3200);
        assertThat(Files.readAllLines(history)).hasSize(2);
        assertThat(dir.resolve("trend.png")).isNotEmptyFile();
        assertThat(dir.resolve("trend.html")).content().contains("<h1>The gate's trend</h1>", "data:image/png;base64,");
        assertThat(stepSummary).content().contains("### Trend (last 1 of 1 judged runs)", "| 20260110-090000 |");
    }

    @Test
    void aCorruptHistoryIsAFailNotALostTrend() throws IOException {
        Files.writeString(dir.resolve("history.jsonl"), "{\"run_id\": \"a\"}\nnot json\n");

        assertThat(gate(run(Fixtures.GOOD), Fixtures.path(Fixtures.BASELINE))).isEqualTo(1);

        assertThat(out()).contains("FAIL history.jsonl  history " + dir.resolve("history.jsonl") + " line 2 is corrupt: ");
        assertThat(dir.resolve("history.jsonl")).content().contains("not json");   // nothing lost
    }

    @Test
    void gateFailsACrippledVirtual() throws IOException {
        Path results = run(Fixtures.CRIPPLED_VIRTUAL);

        assertThat(gate(results, Fixtures.path(Fixtures.BASELINE))).isEqualTo(1);

        assertThat(out()).contains(
                "FAIL gap virtual/blocking  measured 1  limit >= 10  baseline 16  [gap]\n",
                "FAIL virtual.sustainable_users  measured 200  limit = top level 3200  baseline 3200  [top_level]\n",
                "PASS blocking.p99_all_ms  measured 1020.0 (worst of 25-200 users, at 200: +0.0 %; fixed limit: the baseline is one"
                        + " run, without noise figures)  limit <= 1173.0 (baseline + 15.0 %)  baseline 1020.0  [baseline_p99]\n",
                "FAIL virtual.sustainable_users  not comparable: max_virtual_threads 300 vs baseline none (refresh the baseline,"
                        + " or allow with -Dgate.allowDifferent=max_virtual_threads)  [baseline_sustainable_users]\n");
    }

    @Test
    void gateFailsAMissingResultsFileAndStillWritesTheJobSummary() throws IOException {
        Path stepSummary = dir.resolve("step-summary.md");

        assertThat(gate(dir.resolve("latest/results.json"), Fixtures.path(Fixtures.BASELINE), "--step-summary=" + stepSummary)).isEqualTo(1);

        assertThat(out()).isEqualTo("FAIL results.json  no results file at " + dir.resolve("latest/results.json")
                + " (run ./mvnw gatling:test first)  [inputs]\n");
        assertThat(stepSummary).content().contains("### Gate: ✗ FAIL (0 of 1 rules pass; rules `", "| ✗ FAIL | results.json | no results file at");
    }

    @Test
    void gateFailsWhenTheReportCannotBeRewritten() throws IOException {
        Path results = run(Fixtures.GOOD);
        Files.createDirectories(results.resolveSibling("report.html").resolve("in-the-way"));

        assertThat(gate(results, Fixtures.path(Fixtures.BASELINE))).isEqualTo(1);

        assertThat(out().lines()).filteredOn(line -> line.startsWith("FAIL "))
                .singleElement().asString().startsWith("FAIL report.html  cannot rewrite the report: ").endsWith("  [report]");
    }

    @Test
    void baselineCopiesAGoodRunAndSaysWhereOutsideTheCheckoutWithoutAskingForACommit() {
        Path baseline = dir.resolve("gate/baseline.json");

        assertThat(execute("baseline", "--from=" + Fixtures.path(Fixtures.GOOD), "--to=" + baseline, "--rules=" + Fixtures.RULES_FILE)).isZero();

        assertThat(ResultsFile.read(baseline)).isEqualTo(Fixtures.read(Fixtures.GOOD));
        assertThat(Baseline.read(baseline).noise()).isNull();
        assertThat(out()).endsWith("baseline " + baseline + " is now run 20260110-090000 (default), without noise figures"
                + " (one run)\n").doesNotContain("commit");
    }

    @Test
    void aBaselineInsideTheCheckoutIsToBeCommitted() throws IOException {
        // The tests run in simulations/, inside this repository's checkout; target/ is in it.
        Path baseline = Path.of("target", "cli-test-" + ProcessHandle.current().pid(), "baseline.json");
        try {
            assertThat(execute("baseline", "--from=" + Fixtures.path(Fixtures.GOOD), "--to=" + baseline,
                    "--rules=" + Fixtures.RULES_FILE)).isZero();

            assertThat(out()).endsWith("baseline " + baseline.toAbsolutePath().normalize() + " is now run 20260110-090000"
                    + " (default), without noise figures (one run): commit it\n");
        } finally {
            Files.deleteIfExists(baseline);
            Files.deleteIfExists(baseline.getParent());
        }
    }

    @Test
    void baselineOfThreeRunsWritesTheirMedianWithTheirNoise() throws IOException {
        Results good = Fixtures.read(Fixtures.GOOD);
        List<Path> runs = List.of(
                write("a", Fixtures.withLevel(good, "virtual", 800, level -> Fixtures.withP99All(level, 1000))),
                write("b", Fixtures.withLevel(good, "virtual", 800, level -> Fixtures.withP99All(level, 1100))),
                write("c", good));
        Path baseline = dir.resolve("baseline.json");

        assertThat(execute("baseline", "--from=" + runs.stream().map(Path::toString).collect(Collectors.joining(",")),
                "--to=" + baseline, "--rules=" + Fixtures.RULES_FILE)).as(err()).isZero();

        Baseline written = Baseline.read(baseline);
        assertThat(written.results().targets().get("virtual").level(800).latency().p99AllMs()).isEqualTo(1050.0);
        assertThat(written.noise().runs()).isEqualTo(3);
        assertThat(written.noise().spread("virtual", 800, "p99_all_ms")).isEqualTo(0.0952);
        assertThat(out()).endsWith("baseline " + baseline + " is now median(20260110-090000,20260110-090000,"
                + "20260110-090000) (default), with the noise of its 3 runs\n");
    }

    @Test
    void baselineOfTwoRunsFailsInOneLine() throws IOException {
        Path run = write("a", Fixtures.read(Fixtures.GOOD));

        assertThat(execute("baseline", "--from=" + run + "," + run, "--to=" + dir.resolve("baseline.json"),
                "--rules=" + Fixtures.RULES_FILE)).isEqualTo(1);

        assertThat(err()).isEqualTo("the gate judges one results file or the median of an odd number (3, 5, ...), not of"
                + " 2: the median of an even number is no run's value\n");
        assertThat(dir.resolve("baseline.json")).doesNotExist();
    }

    @Test
    void aTypoInTheRulesIsOneLineOnceWhereverItIsPrinted() throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), Files.readString(Fixtures.RULES_FILE)
                .replace("max_p99_increase:", "max_p99_increas:"));
        String problem = "rules file " + rules + " is invalid: unknown key baseline.max_p99_increas; did you mean"
                + " max_p99_increase? (the keys of baseline: targets, max_p99_increase, max_p50_increase,"
                + " max_throughput_drop, noise_multiple, per_target)";

        assertThat(execute("baseline", "--from=" + Fixtures.path(Fixtures.GOOD), "--to=" + dir.resolve("baseline.json"),
                "--rules=" + rules)).isEqualTo(1);
        assertThat(err()).isEqualTo(problem + "\n");
        assertThat(out()).isEmpty();

        err.reset();
        assertThat(execute("gate", "--results=" + run(Fixtures.GOOD), "--rules=" + rules,
                "--baseline=" + Fixtures.path(Fixtures.BASELINE), "--history=" + dir.resolve("history.jsonl"))).isEqualTo(1);
        assertThat(out()).isEqualTo("FAIL rules.yaml  " + problem + "  [inputs]\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void baselineRefusesARunThatFailsTheGatesOwnRulesUnlessForced() {
        Path baseline = dir.resolve("baseline.json");
        String from = "--from=" + Fixtures.path(Fixtures.CRIPPLED_VIRTUAL);

        assertThat(execute("baseline", from, "--to=" + baseline, "--rules=" + Fixtures.RULES_FILE, "--force=false")).isEqualTo(1);
        assertThat(baseline).doesNotExist();
        assertThat(err()).startsWith("not refreshing the baseline: run 20260111-090000 fails the gate's own rules");

        assertThat(execute("baseline", from, "--to=" + baseline, "--rules=" + Fixtures.RULES_FILE, "--force=true")).isZero();
        assertThat(ResultsFile.read(baseline).runId()).isEqualTo("20260111-090000");
    }

    @Test
    void baselineFromAMissingRunFailsAndLeavesTheBaselineAlone() throws IOException {
        Path baseline = Files.writeString(dir.resolve("baseline.json"), "old");

        assertThat(execute("baseline", "--from=" + dir.resolve("none.json"), "--to=" + baseline, "--rules=" + Fixtures.RULES_FILE)).isEqualTo(1);

        assertThat(baseline).hasContent("old");
        assertThat(err()).startsWith("no results file at ");
    }

    @Test
    void theCommittedBaselineIsReadableAndPassesTheGate() throws IOException {
        Path results = Files.createDirectories(dir.resolve("latest")).resolve("results.json");
        Files.copy(Path.of("gate/baseline.json"), results);

        assertThat(gate(results, Path.of("gate/baseline.json"))).as(out()).isZero();
    }

    private Path run(String fixture) throws IOException {
        Path results = Files.createDirectories(dir.resolve("nonblocking/latest")).resolve("results.json");
        Files.copy(Fixtures.path(fixture), results);
        return results;
    }

    private Path write(String name, Results results) throws IOException {
        Path file = Files.createDirectories(dir.resolve(name)).resolve(ResultsFile.NAME);
        ResultsFile.write(results, file);
        return file;
    }

    private int gate(Path results, Path baseline, String... more) {
        String[] args = {"gate", "--results=" + results, "--rules=" + Fixtures.RULES_FILE, "--baseline=" + baseline,
                "--history=" + dir.resolve("history.jsonl")};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(more)).toArray(String[]::new);
        return execute(all);
    }

    private int execute(String... args) {
        return Cli.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
