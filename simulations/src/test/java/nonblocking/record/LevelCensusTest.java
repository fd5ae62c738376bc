package nonblocking.record;

import nonblocking.server.Census;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ladder reads target-apps' census JSON into target-apps' own record, and keeps each level's peaks. */
class LevelCensusTest {

    private static Census census(String json) {
        return Census.parse(json);
    }

    @Test
    void levelCensusKeepsPeaksAndTheHeapAfterTheLatestCollectionOfTheHold() {
        LevelCensus.Builder b = new LevelCensus.Builder();
        b.opened(census("{\"platform_threads_peak\":10,\"heap_after_gc_bytes\":30,\"gc_count\":4}"), null, null);
        b.add(census("{\"platform_threads_peak\":30,\"in_flight_peak\":5,\"rss_bytes\":100,\"heap_after_gc_bytes\":40,"
                + "\"gc_count\":5}"));
        b.add(census("{\"platform_threads_peak\":25,\"in_flight_peak\":9,\"rss_bytes\":90,\"heap_used_bytes\":99,"
                + "\"heap_after_gc_bytes\":42,\"gc_count\":6}"));
        b.add(census("{\"platform_threads_peak\":20,\"in_flight_peak\":1,\"rss_bytes\":80}"));   // no collection figure
        LevelCensus level = b.build();
        assertThat(level.platformThreadsPeak()).isEqualTo(30);
        assertThat(level.inFlightPeak()).isEqualTo(9L);
        assertThat(level.rssPeakBytes()).isEqualTo(100L);
        assertThat(level.heapRetainedBytes()).isEqualTo(42L);
    }

    @Test
    void aHoldWithoutACollectionHasNoRetainedHeapThoughTheCollectorStillReportsAnOlderOne() {
        LevelCensus.Builder b = new LevelCensus.Builder();
        b.opened(census("{\"heap_after_gc_bytes\":30,\"gc_count\":4}"), null, null);
        b.add(census("{\"in_flight_peak\":5,\"heap_after_gc_bytes\":30,\"gc_count\":4}"));
        assertThat(b.build().heapRetainedBytes()).isNull();
        // Without the opening reading nothing says whether the collector ran in the hold.
        assertThat(new LevelCensus.Builder().add(census("{\"heap_after_gc_bytes\":30,\"gc_count\":9}")).build()
                .heapRetainedBytes()).isNull();
    }

    @Test
    void theReadingsThatBracketTheHoldAreKept() {
        Census opened = census("{\"served\":100,\"cpu_time_ns\":1000000000,\"context_switches\":50,\"in_flight_peak\":3}");
        Census closed = census("{\"served\":700,\"cpu_time_ns\":1600000000,\"context_switches\":650}");
        HarnessReading start = new HarnessReading(0, 100L, 1000L, 0, 2);
        HarnessReading end = new HarnessReading(2_000_000_000L, 1000L, 2000L, 1_000_000_000L, 2);
        LevelCensus level = new LevelCensus.Builder().opened(opened, start, null).closed(closed, end, null).build();
        assertThat(level.opened()).isEqualTo(opened);
        assertThat(level.closed()).isEqualTo(closed);
        assertThat(level.inFlightPeak()).isEqualTo(3L);
        assertThat(end.machineCpuSince(start)).isEqualTo(0.9);
        assertThat(end.injectorCoresSince(start)).isEqualTo(0.5);
    }

    @Test
    void theMachineReadingComesFromProcStatWhereThereIsOne() {
        HarnessReading a = HarnessReading.now();
        HarnessReading b = HarnessReading.now();
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) {
            assertThat(a.totalTicks()).isPositive();
            assertThat(b.totalTicks()).isGreaterThanOrEqualTo(a.totalTicks());
        }
        assertThat(a.injectorCpuNs()).isPositive();
    }

    @Test
    void noSampleLeavesEveryFieldNull() {
        assertThat(new LevelCensus.Builder().build()).isEqualTo(LevelCensus.NONE);
    }
}
