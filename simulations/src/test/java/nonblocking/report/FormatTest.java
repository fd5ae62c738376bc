package nonblocking.report;

import nonblocking.Fixtures;
import nonblocking.results.Gap;
import nonblocking.results.Slo;
import nonblocking.results.LevelResult;
import nonblocking.results.Load;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {

    static LevelResult level(int users, double rps, double p99, long ko, Integer threads) {
        long ok = Math.round(rps * 6);
        return Fixtures.levelResult(users, ok + ko, ok, ko, ko == 0 ? Map.of() : Map.of("timeout", ko), rps, rps * 1000 / users / 1000,
                Fixtures.latency(1004, 1010, p99, p99, p99 + 5),
                new LevelResult.Footprint(threads, users, 100_000_000L, 20_000_000L), null, null);
    }

    @Test
    void progressLineShowsRateP99KoAndThreads() {
        String line = Format.progressLine("virtual", 4, 5, level(400, 392.1, 1012, 0, 31), Load.CLOSED, "holds");
        assertThat(line).isEqualTo("[virtual] level 5/5: 400 users, 392.1 rps, p99 1012 ms, ko 0.0%, threads 31: holds");
        assertThat(Format.progressLine("virtual", 4, 5, level(400, 392.1, 1012, 0, 31), Load.OPEN, "breaks"))
                .isEqualTo("[virtual] level 5/5: 400 rps offered, 392.1 rps, p99 1012 ms, ko 0.0%, threads 31: breaks");
    }

    @Test
    void tableHasOneRowPerLevelAndTheHeadlineTheGap() {
        Map<String, TargetResult> targets = new LinkedHashMap<>();
        targets.put("blocking", Fixtures.targetResult(null, null, null, List.of(level(100, 99.8, 1050, 0, 112),
                level(200, 197.0, 1200, 0, 211), level(400, 200.0, 2300, 50, null)), 200));
        targets.put("virtual", Fixtures.targetResult(null, null, null, List.of(level(100, 99.9, 1010, 0, 21),
                level(200, 199.0, 1020, 0, 21), level(400, 398.0, 1030, 0, 23)), 400));
        Results results = nonblocking.Fixtures.results(targets, Gap.of(targets, "virtual", "blocking"));
        String table = Format.table(results);
        assertThat(table.lines()).hasSize(5);
        assertThat(table).contains("blocking").contains("virtual").contains("211*").contains("23*");
        assertThat(table.lines().toList().get(4)).contains("   400 |").contains(" - ");
        assertThat(Format.consoleHeadline(results))
                .isEqualTo("sustainable concurrency: blocking 200 [200, 400] (virtual ≥2x) · virtual ≥400");
    }

    @Test
    void theHeadlineNamesWhichTargetsWaitedOnWhatWhenTheyDidNotAllWaitAlike() {
        Results good = Fixtures.read(Fixtures.GOOD);
        assertThat(Format.consoleHeadline(good)).startsWith("sustainable concurrency, each request waiting on a pause of 1000 ms: ");

        Results ownPause = good;
        for (String name : good.targets().keySet()) {
            ownPause = Fixtures.withConfig(ownPause, name, config -> Fixtures.withPause(config, true, 100));
        }
        assertThat(Format.consoleHeadline(ownPause)).startsWith("sustainable concurrency, each request waiting on a pause of 100 ms: ");

        Results mixed = Fixtures.withConfig(good, "blocking", config -> Fixtures.withPause(config, false, 0));
        assertThat(Format.consoleHeadline(mixed))
                .startsWith("sustainable concurrency, each request to virtual waiting on a pause of 1000 ms: ");
        assertThat(Format.headlineLegend(Fixtures.withConfig(good, "blocking", config -> Fixtures.withPause(config, true, 100))))
                .startsWith("Sustainable concurrent users per target, each request to blocking waiting on a pause of 100 ms"
                        + " and to virtual waiting on a pause of 1000 ms (");
    }

    @Test
    void aLowerBoundIsMarkedAndAGapWithoutDenominatorIsLeftOut() {
        Map<String, TargetResult> targets = new LinkedHashMap<>();
        targets.put("blocking", Fixtures.targetResult(null, null, null, List.of(level(100, 3000, 10, 500, null)), 0));
        targets.put("virtual", Fixtures.targetResult(null, null, null, List.of(level(100, 1010, 0, 0, 21)), 100));
        Results results = nonblocking.Fixtures.results(targets, Gap.of(targets, "virtual", "blocking"));
        assertThat(Format.headline(results)).isEqualTo("blocking 0 [0, 100] (no level held) · virtual ≥100");
        assertThat(Format.afterGatling(results)).contains("Gatling's summary above counts every request")
                .endsWith("sustainable concurrency: blocking 0 [0, 100] (no level held) · virtual ≥100");
    }

    @Test
    void capacityNamesTheBracketTheSkippedLevelsAndASearchsPath() {
        TargetResult stopped = Fixtures.targetResult(null, null, null, List.of(level(100, 99.8, 1050, 0, 112),
                level(200, 197.0, 1200, 0, 211), level(400, 200.0, 2300, 50, null), level(800, 190.0, 4000, 500, null)), 200,
                List.of(1600, 3200), null, null, null);
        assertThat(Format.capacity(stopped, Load.CLOSED)).isEqualTo("sustains 200 users, bracket [200, 400]; skipped 1600, 3200 (early stop)");
        assertThat(Format.runOrder(stopped)).isEqualTo("100 ✓ → 200 ✓ → 400 ✗ → 800 ✗");
        TargetResult top = Fixtures.targetResult(null, null, null, List.of(level(100, 99.8, 1010, 0, 21)), 100);
        assertThat(Format.capacity(top, Load.CLOSED)).isEqualTo("sustains ≥100 users (held its top level)");
        assertThat(Format.capacity(top, Load.OPEN)).isEqualTo("sustains ≥100 rps (held its top level)");
        assertThat(Format.bracket(top.capacity())).isEqualTo("[100, –]");

        Map<String, TargetResult> targets = new LinkedHashMap<>();
        targets.put("blocking", stopped);
        Results results = nonblocking.Fixtures.results(targets, null);
        assertThat(results.levelUsers()).containsExactly(100, 200, 400, 800, 1600, 3200);
        assertThat(Format.table(results)).contains("  1600 | skipped (early stop)", "  3200 | skipped (early stop)");
    }

    @Test
    void numbersAndFactors() {
        assertThat(Format.factor(16.0)).isEqualTo("16x");
        assertThat(Format.factor(12.5)).isEqualTo("12.5x");
        assertThat(Format.factor(null)).isEqualTo("–");
        assertThat(Format.integer(3200)).isEqualTo("3,200");
        assertThat(Format.percent(0.001)).isEqualTo("<0.01");
        assertThat(Format.seconds(java.time.Duration.ofMillis(1500))).isEqualTo("1.5");
    }
}
