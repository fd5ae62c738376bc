package nonblocking.gate;

import nonblocking.Fixtures;
import nonblocking.cli.GateRun;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The CI gate's pass over several results files, and with differences allowed: what GateIT and `nonblocking gate` run. */
class GateRunTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Path write(String name, Results results) throws IOException {
        Path file = Files.createDirectories(dir.resolve(name)).resolve(ResultsFile.NAME);
        ResultsFile.write(results, file);
        return file;
    }

    private Gate.Judgement run(List<Path> results, String allowDifferent) {
        return GateRun.run(results, Fixtures.RULES_FILE, Fixtures.path(Fixtures.BASELINE), allowDifferent,
                dir.resolve("history.jsonl"), dir.resolve("step-summary.md"), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void theMedianOfThreeRunsIsJudgedAndRecordedWithoutRewritingAnyRunsReport() throws IOException {
        Results good = Fixtures.read(Fixtures.GOOD);
        List<Path> runs = List.of(write("a", good), write("b", Fixtures.read(Fixtures.REGRESSION)), write("c", good));

        Gate.Judgement outcome = run(runs, null);

        assertThat(outcome.passed()).isTrue();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).isEqualTo("judged the median of 3 runs: " + runs.get(0) + ", " + runs.get(1) + ", " + runs.get(2));
        assertThat(lines.subList(1, lines.size())).hasSize(10).allMatch(line -> line.startsWith("PASS "));
        assertThat(runs).allSatisfy(run -> assertThat(run.resolveSibling("report.html")).doesNotExist());
        assertThat(History.read(dir.resolve("history.jsonl"))).singleElement()
                .satisfies(entry -> assertThat(entry.runId()).startsWith("median("));
        assertThat(dir.resolve("step-summary.md")).content().contains("Judged the median of 3 runs: ", "### Gate: ✓ PASS");
    }

    @Test
    void allowedDifferencesReachTheGate() throws IOException {
        Path run = write("latest", Fixtures.withSettings(Fixtures.read(Fixtures.GOOD), 6.0, null, null, null));

        assertThat(run(List.of(run), "").passed()).isFalse();
        assertThat(run(List.of(run), "hold_s").passed()).isTrue();
        assertThat(run(List.of(run), "hold").verdicts()).singleElement()
                .satisfies(verdict -> assertThat(verdict.line()).startsWith("FAIL gate.allowDifferent  -Dgate.allowDifferent names an unknown field hold"));
    }
}
