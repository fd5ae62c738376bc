package nonblocking.record;

import nonblocking.results.LevelResult;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;
import nonblocking.server.Census;
import nonblocking.server.wait.Figures;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The arithmetic from a level's raw record to its result, on records made up here: no run, no server. */
class LevelArithmeticTest {

    private static final long T0 = 1_764_633_600_000L;   // an epoch ms

    /** A level of {@code users} held 2 s from T0, with these OK latencies and KO (reason, latency) pairs, in ms. */
    private static LevelRecord level(int users, long[] okMs, Map<String, long[]> koMs, LevelCensus census) {
        Histogram ok = new Histogram(3);
        Histogram all = new Histogram(3);
        for (long ms : okMs) {
            ok.recordValue(ms * 1000);
            all.recordValue(ms * 1000);
        }
        koMs.values().forEach(values -> {
            for (long ms : values) {
                all.recordValue(ms * 1000);
            }
        });
        Map<String, Long> ko = new java.util.TreeMap<>();
        koMs.forEach((reason, values) -> ko.put(reason, (long) values.length));
        return new LevelRecord(users, users, T0, T0 + 2000, okMs.length, okMs.length, ko, ok, all, census, null);
    }

    private static long[] times(int count, long ms) {
        long[] values = new long[count];
        java.util.Arrays.fill(values, ms);
        return values;
    }

    @Test
    void countsBecomeThroughputAndEfficiencyOverTheHoldsWallClockWindow() {
        // 10 users for 2 s at a 1 s pause: 20 OK responses would be perfect; 19 OK and one timeout
        LevelRecord r = level(10, times(19, 1010), Map.of("timeout", new long[]{3000}), null);
        LevelResult result = LevelArithmetic.level(r, new LevelArithmetic.Basis(1000, null, 0, null));
        assertThat(result.requests()).isEqualTo(20);
        assertThat(result.ok()).isEqualTo(19);
        assertThat(result.ko()).isEqualTo(1);
        assertThat(result.koReasons()).containsEntry("timeout", 1L);
        assertThat(result.throughputRps()).isEqualTo(9.5);
        assertThat(result.efficiency()).isCloseTo(0.95, within(1e-9));
        assertThat(result.latency().p50Ms()).isCloseTo(1010, within(1.0));
        assertThat(result.footprint().platformThreadsPeak()).isNull();
        assertThat(result.cost()).isNull();
        assertThat(result.harness()).isNull();
    }

    @Test
    void p99OfAllResponsesCountsTheFailuresThatTheOkP99LeavesOut() {
        // 95 fast answers and 5 timeouts: the OK p99 is fast, the all-responses p99 is the timeout
        LevelRecord r = level(100, times(95, 20), Map.of("timeout", times(5, 5000)), null);
        LevelResult result = LevelArithmetic.level(r, new LevelArithmetic.Basis(0, null, 20, null));
        assertThat(result.latency().p99Ms()).isCloseTo(20, within(0.1));
        assertThat(result.latency().p99AllMs()).isCloseTo(5000, within(5.0));
        assertThat(result.latency().maxMs()).as("max of the OK responses").isCloseTo(20, within(0.1));
        Slo slo = new Slo(100, 10, null);   // a KO limit loose enough that only p99 can break it
        assertThat(slo.broken(result)).containsExactly(Slo.Limit.P99);
    }

    @Test
    void withoutAPauseEfficiencyIsHowLittleTheLatencyGrewOverTheLowestLevel() {
        TargetRecord target = nonblocking.Fixtures.targetRecord(0, null, null, null, List.of(
                level(20, times(100, 40), Map.of(), null), level(10, times(100, 20), Map.of(), null)), null, null);
        List<LevelResult> levels = LevelArithmetic.levels(target);
        assertThat(levels).extracting(LevelResult::users).containsExactly(10, 20);
        assertThat(levels.get(0).efficiency()).isCloseTo(1.0, within(1e-3));
        assertThat(levels.get(1).efficiency()).isCloseTo(0.5, within(1e-3));
    }

    @Test
    void costsAreTheDifferenceOfTheTwoReadingsThatBracketTheHold() {
        Census opened = Census.parse("{\"served\":100,\"cpu_time_ns\":1000000000,\"context_switches\":50,"
                + "\"in_flight_peak\":3,\"rss_bytes\":1000000,\"gc_count\":7}");
        Census closed = Census.parse("{\"served\":300,\"cpu_time_ns\":1400000000,\"context_switches\":450,"
                + "\"in_flight_peak\":10,\"rss_bytes\":3000000,\"heap_after_gc_bytes\":2000000,\"gc_count\":8}");
        HarnessReading start = new HarnessReading(0, 100L, 1000L, 0, 2);
        HarnessReading end = new HarnessReading(2_000_000_000L, 1050L, 2000L, 1_000_000_000L, 2);
        LevelCensus census = new LevelCensus.Builder().opened(opened, start, null).closed(closed, end, null).build();
        LevelRecord r = level(10, times(20, 1000), Map.of(), census);
        TargetResult.Memory idle = new TargetResult.Memory(1_000_000L, 1_000_000L);
        LevelResult result = LevelArithmetic.level(r, new LevelArithmetic.Basis(1000, idle, 0, null));
        // 400 ms of CPU and 400 switches over 200 responses
        assertThat(result.cost().cpuMsPerResponse()).isEqualTo(2.0);
        assertThat(result.cost().contextSwitchesPerResponse()).isEqualTo(2.0);
        // RSS grew 2 MB and the heap a collection in the hold left 1 MB over idle, for 10 in flight at the peak
        assertThat(result.cost().rssPerInFlightBytes()).isEqualTo(200_000.0);
        assertThat(result.footprint().heapRetainedBytes()).isEqualTo(2_000_000L);
        assertThat(result.cost().heapPerInFlightBytes()).isEqualTo(100_000.0);
        assertThat(result.harness().machineCpu()).isEqualTo(0.95);
        assertThat(result.harness().harnessBound()).isTrue();
        assertThat(result.harness().injectorCpuCores()).isEqualTo(0.5);
    }

    @Test
    void aHoldInWhichTheCollectorDidNotRunHasNoRetainedHeap() {
        // The collector's figure is from before the hold (gc_count did not move): an earlier level's heap, not this one's.
        Census opened = Census.parse("{\"served\":100,\"in_flight_peak\":3,\"heap_after_gc_bytes\":1500000,\"gc_count\":7}");
        Census closed = Census.parse("{\"served\":300,\"in_flight_peak\":10,\"heap_after_gc_bytes\":1500000,\"gc_count\":7}");
        HarnessReading start = new HarnessReading(0, 100L, 1000L, 0, 2);
        HarnessReading end = new HarnessReading(2_000_000_000L, 150L, 2000L, 1_000_000_000L, 2);
        LevelCensus census = new LevelCensus.Builder().opened(opened, start, null).closed(closed, end, null).build();
        LevelResult result = LevelArithmetic.level(level(10, times(20, 1000), Map.of(), census),
                new LevelArithmetic.Basis(1000, new TargetResult.Memory(1_000_000L, 1_000_000L), 0, null));
        assertThat(result.footprint().heapRetainedBytes()).isNull();
        assertThat(result.cost().heapPerInFlightBytes()).isNull();
        assertThat(result.footprint().inFlightPeak()).isEqualTo(10);
    }

    @Test
    void memoryPerRequestIsGrowthOverIdleDividedByThePeakInFlight() {
        assertThat(LevelArithmetic.perInFlight(3_000_000L, 1_000_000L, 400)).isEqualTo(5000.0);
        assertThat(LevelArithmetic.perInFlight(null, 1L, 400)).isNull();
        assertThat(LevelArithmetic.perInFlight(1L, null, 400)).isNull();
        assertThat(LevelArithmetic.perInFlight(1L, 1L, 0)).isNull();
    }

    @Test
    void aLevelWithoutRequestsIsAllZeroAndBreaksTheSlo() {
        LevelResult result = LevelArithmetic.level(level(10, new long[0], Map.of(), null),
                new LevelArithmetic.Basis(1000, null, 0, null));
        assertThat(result.requests()).isZero();
        assertThat(result.latency().p99AllMs()).isZero();
        assertThat(Slo.forPause(1000).broken(result)).containsExactly(Slo.Limit.REQUESTS);
    }

    @Test
    void whereAResponsesTimeWentIsTheCensussCountersDifferencedOverTheHold() {
        Census opened = Census.parse("{\"served\":100,\"handler_ns\":100000000000,\"gc_pause_ms\":40,\"wait_figures\":{\"counters\":"
                + "{\"connection_ns\":0,\"query_ns\":10000000000,\"queries\":100},\"gauges\":{\"pool_waiting\":0}}}");
        Census during = Census.parse("{\"wait_figures\":{\"counters\":{},\"gauges\":{\"pool_waiting\":150,"
                + "\"pool_active\":50}}}");
        Census closed = Census.parse("{\"served\":300,\"failed\":0,\"handler_ns\":140000000000,\"gc_pause_ms\":275,"
                + "\"wait_figures\":"
                + "{\"counters\":{\"connection_ns\":20000000000,\"query_ns\":30000000000,\"queries\":300},"
                + "\"gauges\":{\"pool_waiting\":3}}}");
        HarnessReading start = new HarnessReading(0, 100L, 1000L, 0, 2);
        HarnessReading end = new HarnessReading(2_000_000_000L, 1050L, 2000L, 1_000_000_000L, 2);
        Figures dbBefore = new Figures(Map.of("cpu_ns", 1_000_000_000L), Map.of("active", 10L));
        Figures dbAfter = new Figures(Map.of("cpu_ns", 1_600_000_000L), Map.of("active", 20L));
        LevelCensus census = new LevelCensus.Builder().opened(opened, start, dbBefore).add(during)
                .add(new Figures(Map.of(), Map.of("active", 50L))).closed(closed, end, dbAfter).build();

        // 200 responses, every one 300 ms on the client's clock
        LevelResult result = LevelArithmetic.level(level(10, times(200, 300), Map.of(), census),
                new LevelArithmetic.Basis(100, null, 0, null));

        // 40 s in the handler over 200 responses: 200 ms each; the other 100 ms were spent before it ran
        assertThat(result.breakdown().handlerMs()).isEqualTo(200.0);
        assertThat(result.breakdown().queuedMs()).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(result.breakdown().gcPausedMs()).as("275 - 40 ms of collections").isEqualTo(235L);
        assertThat(result.breakdown().waitMs()).containsEntry("connection_ms", 100.0).containsEntry("query_ms", 100.0)
                .doesNotContainKey("queries_ms");
        assertThat(result.breakdown().waitPeaks()).containsEntry("pool_waiting", 150L).containsEntry("pool_active", 50L);
        // 0.6 s of the database's CPU over the 2 s between the readings
        assertThat(result.backend().cpuCores()).isEqualTo(0.3);
        assertThat(result.backend().peaks()).containsEntry("active", 50L);
        assertThat(result.backend().handlerMs()).as("PostgreSQL does not say how long it took").isNull();
    }

    @Test
    void aDownstreamServerSaysHowLongItTookToAnswerEachCall() {
        Census opened = Census.parse("{\"served\":0,\"handler_ns\":0}");
        Census closed = Census.parse("{\"served\":100,\"handler_ns\":10000000000}");
        HarnessReading start = new HarnessReading(0, 100L, 1000L, 0, 2);
        HarnessReading end = new HarnessReading(2_000_000_000L, 1050L, 2000L, 1_000_000_000L, 2);
        // 300 calls answered in the hold, 334 ms each by the downstream server's own count
        Figures before = new Figures(Map.of("cpu_ns", 0L, "handler_ns", 1_000_000_000L, "ended", 50L), Map.of());
        Figures after = new Figures(Map.of("cpu_ns", 400_000_000L, "handler_ns", 101_200_000_000L, "ended", 350L), Map.of());
        LevelCensus census = new LevelCensus.Builder().opened(opened, start, before).closed(closed, end, after).build();

        LevelResult result = LevelArithmetic.level(level(10, times(100, 1000), Map.of(), census),
                new LevelArithmetic.Basis(1000, null, 0, null));

        assertThat(result.backend().handlerMs()).isEqualTo(334.0);
        assertThat(result.backend().cpuCores()).isEqualTo(0.2);
    }
}
