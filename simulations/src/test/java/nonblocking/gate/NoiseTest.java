package nonblocking.gate;

import nonblocking.Fixtures;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A baseline of several runs keeps how far they spread, in the baseline file beside their median. */
class NoiseTest {

    @TempDir
    Path dir;

    private static Results virtualAt800(double p99Ms, double throughputRps) {
        return Fixtures.withLevel(Fixtures.read(Fixtures.GOOD), "virtual", 800,
                level -> Fixtures.withThroughput(Fixtures.withP99All(level, p99Ms), throughputRps));
    }

    @Test
    void theSpreadOfALevelIsItsRangeOverItsMedian() {
        List<Results> runs = List.of(virtualAt800(1000, 760), virtualAt800(1100, 770), virtualAt800(1050, 750));

        Noise noise = Noise.of(runs);

        assertThat(noise.runs()).isEqualTo(3);
        assertThat(noise.spread("virtual", 800, "p99_all_ms")).isEqualTo(0.0952);   // (1100 - 1000) / 1050
        assertThat(noise.spread("virtual", 800, "throughput_rps")).isEqualTo(0.0263); // (770 - 750) / 760
        assertThat(noise.spread("virtual", 800, "p50_ms")).isZero();
        assertThat(noise.spread("blocking", 3200, "p99_all_ms")).as("every target").isZero();
        assertThat(noise.spread("virtual", 801, "p99_all_ms")).as("no such level").isNull();
    }

    @Test
    void aLevelNotEveryRunMeasuredHasNoSpread() {
        Results good = Fixtures.read(Fixtures.GOOD);

        Noise noise = Noise.of(List.of(good, Fixtures.stoppedEarly(good, "blocking", 800), good));

        assertThat(noise.targets().get("blocking")).containsOnlyKeys(25, 50, 100, 200, 400);
    }

    @Test
    void theBaselineFileIsAResultsFileWithTheNoiseBesideIt() throws IOException {
        List<Results> runs = List.of(virtualAt800(1000, 760), virtualAt800(1100, 770), virtualAt800(1050, 750));
        Results median = Median.of(runs);
        Path file = dir.resolve("baseline.json");

        Baseline.write(median, Noise.of(runs), file);

        assertThat(ResultsFile.read(file)).as("any reader of results.json").isEqualTo(median);
        Baseline baseline = Baseline.read(file);
        assertThat(baseline.problem()).isNull();
        assertThat(baseline.noise()).isEqualTo(Noise.of(runs));
        assertThat(Files.readString(file)).contains("\"noise\" : {\n    \"runs\" : 3,\n    \"targets\" : {\n"
                + "      \"blocking\" : {\n        \"25\" : {\n          \"p99_all_ms\" : 0.0,");
    }

    @Test
    void aBaselineOfOneRunHasNoNoise() {
        Baseline baseline = Baseline.read(Fixtures.path(Fixtures.BASELINE));

        assertThat(baseline.results()).isNotNull();
        assertThat(baseline.noise()).isNull();
    }

    @Test
    void noiseThatIsNotOfSeveralRunsFailsTheBaselineInOneLine() throws IOException {
        Path file = dir.resolve("baseline.json");
        Baseline.write(Fixtures.read(Fixtures.BASELINE), new Noise(1, java.util.Map.of()), file);

        Baseline baseline = Baseline.read(file);

        assertThat(baseline.results()).isNull();
        assertThat(baseline.problem()).isEqualTo("baseline: the noise of " + file + " is not of two runs or more with"
                + " spreads of at least 0: make the baseline again (./mvnw -Pbaseline verify -Dresults=a.json,b.json,c.json)");
    }

    @Test
    void corruptNoiseFailsTheBaselineInOneLine() throws IOException {
        Path file = dir.resolve("baseline.json");
        Files.writeString(file, Files.readString(Fixtures.path(Fixtures.BASELINE))
                .replaceFirst("\\{", "{\n  \"noise\": {\"runs\": \"three\"},"));

        Baseline baseline = Baseline.read(file);

        assertThat(baseline.problem()).startsWith("baseline: the noise of " + file + " is corrupt: ").doesNotContain("\n");
    }

    @Test
    void aSpreadIsRoundedToAHundredthOfAPercent() {
        Noise noise = Noise.of(List.of(virtualAt800(1000, 760), virtualAt800(1001, 760), virtualAt800(1003, 760)));

        assertThat(noise.spread("virtual", 800, "p99_all_ms")).isCloseTo(0.003, within(1e-12));
    }
}
