package nonblocking.results;

import nonblocking.Fixtures;
import nonblocking.NonblockingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsFileRoundTripTest {

    static Results sample() {
        LevelResult level = Fixtures.levelResult(200, 1190, 1188, 2, Map.of("timeout", 2L), 198.0, 0.99,
                Fixtures.latency(1004.5, 1010.2, 1190.7, 1250.3, 1301.0),
                new LevelResult.Footprint(211, 200, 150_000_000L, 40_000_000L),
                new LevelResult.Cost(0.195, 4.3, 250_000.0, 20_000.0), LevelResult.Harness.of(0.93, 1.1, null, null, 2));
        LevelResult noCensus = Fixtures.levelResult(400, 10, 0, 10, Map.of("status 503", 10L), 0, 0,
                Fixtures.latency(0, 0, 0, 3.1, 0), LevelResult.Footprint.NONE, null, null);
        Map<String, TargetResult> targets = new LinkedHashMap<>();
        targets.put("blocking", Fixtures.targetResult(
                new TargetResult.Settings("http://127.0.0.1:40001/", "http://127.0.0.1:40002/", true, "blocking", 200,
                        null, List.of("-Xms512m", "-Xmx512m"), new TargetResult.Request("GET", true, List.of(), 0, 5000, null, 1000), null),
                "25.0.3", new TargetResult.Memory(20_000_000L, 90_000_000L), List.of(level, noCensus), 200));
        targets.put("virtual", Fixtures.targetResult(
                new TargetResult.Settings("http://example.test:8082/orders?x=1", null, false, null, null, null, List.of(),
                        new TargetResult.Request("POST", false, List.of("Content-Type"), 42, 2000, null, 0), new Slo(250, 1, null)),
                null, null, List.of(level), 200));
        targets.put("pool1k", Fixtures.targetResult(
                new TargetResult.Settings("http://127.0.0.1:40003/", null, true, "blocking", 1000, null, List.of(), null, null),
                null, null, List.of(level, noCensus), 200, List.of(800, 1600), List.of(200, 400),
                "2026-11-26T03:41:01Z", "2026-11-26T03:42:30Z"));
        Experiment experiment = new Experiment("default", Load.CLOSED, LevelPlan.fixed(List.of(200, 400, 800, 1600), true),
                6, 2, 2, 15, new Experiment.Wait("http", 1000, Map.of("calls", "3", "url", "managed")), 0, 5000, 0,
                Slo.forPause(1000), 1);
        return new Results(Results.SCHEMA, "20261126-034100-default", experiment,
                new Provenance("2026-11-26T03:41:00Z", "2026-11-26T03:44:00Z", new Provenance.Machine(2, "25.0.3", "Linux", 20000),
                        new Provenance.Source("0123456789abcdef0123456789abcdef01234567", "main", false), null),
                targets, Gap.of(targets, "virtual", "blocking"), new Results.Records("latency.hlog", "levels.json",
                "../../gatling/laddersimulation-20261126034101234/index.html", null, null));
    }

    @Test
    void writeThenReadGivesTheSameResults(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run/results.json");
        Results results = sample();
        ResultsFile.write(results, file);
        assertThat(ResultsFile.read(file)).isEqualTo(results);
        String json = Files.readString(file);
        assertThat(json).contains("\"sustainable_users\"", "\"ko_reasons\"", "\"p99_ms\"", "\"heap_retained_bytes\"",
                "\"max_open_files\"", "\"cpu_ms_per_response\" : 0.195", "\"context_switches_per_response\" : 4.3",
                "\"rss_per_in_flight_bytes\"", "\"heap_per_in_flight_bytes\"", "\"machine_cpu\" : 0.93",
                "\"injector_cpu_cores\" : 1.1", "\"harness_bound\" : true");
        // Latency and footprint are groups in the code, flat in the level's object: the schema did not change.
        assertThat(json).contains("\"p50_ms\" : 1004.5", "\"platform_threads_peak\" : 211")
                .doesNotContain("\"latency\"", "\"footprint\"", "per_user");
        // The bracket is derived from the levels: written for readers, ignored when read back.
        assertThat(json).contains("\"bracket\" : [ 200, 400 ]", "\"skipped\" : [ 800, 1600 ]", "\"run_order\" : [ 200, 400 ]",
                "\"plan\" : {\n      \"mode\" : \"fixed\"", "\"early_stop\" : true");
        // The wait's own settings sit flat beside its kind and pause.
        assertThat(json).contains("\"wait\" : {\n      \"kind\" : \"http\",\n      \"pause_ms\" : 1000,", "\"calls\" : \"3\"",
                "\"url\" : \"managed\"").doesNotContain("\"settings\"");
        assertThat(json).contains("\"bracket\" : [ 200, null ]");   // virtual held its only level: a lower bound
        assertThat(json.indexOf("\"blocking\"")).isLessThan(json.indexOf("\"virtual\""));   // run order kept
        assertThat(json.indexOf("\"virtual\"")).isLessThan(json.indexOf("\"pool1k\""));
        assertThat(json).contains("\"gap\" : {\n    \"of\" : \"virtual\",\n    \"over\" : \"blocking\",\n    \"factor\" : 1.0,\n    \"lower_bound\" : true",
                "\"gatling_report\" : \"../../gatling/");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);                                        // no temp file left
        }
    }

    @Test
    void missingFileIsAOneLineError(@TempDir Path dir) {
        assertThatThrownBy(() -> ResultsFile.read(dir.resolve("results.json")))
                .isInstanceOf(NonblockingException.class)
                .hasMessageContaining("no results file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void corruptFileIsAOneLineError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("results.json"), "{\"schema\": 1, \"targets\": {\n  oops");
        assertThatThrownBy(() -> ResultsFile.read(file))
                .isInstanceOf(NonblockingException.class)
                .hasMessageContaining("corrupt")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void emptyAndOtherSchemaAreRefused(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertThatThrownBy(() -> ResultsFile.read(empty)).isInstanceOf(NonblockingException.class);
        Path other = Files.writeString(dir.resolve("other.json"), "{\"schema\": 5}");
        assertThatThrownBy(() -> ResultsFile.read(other)).isInstanceOf(NonblockingException.class)
                .hasMessageContaining("schema 5");
        Path three = Files.writeString(dir.resolve("three.json"), "{\"schema\": 3, \"gap\": null}");
        assertThatThrownBy(() -> ResultsFile.read(three)).isInstanceOf(NonblockingException.class)
                .hasMessage("results file " + three + " has schema 3, this build reads schema 4 (the experiment as one"
                        + " object): run the ladder again with this build, or refresh the baseline from such a run");
    }
}
