package nonblocking.targets;

import nonblocking.server.Census;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ladder reads target-apps' census JSON into target-apps' own record, and keeps each level's peaks. */
class CensusTest {

    private static Census census(String json) {
        return Census.parse(json);
    }

    @Test
    void levelCensusKeepsPeaksAndTheRetainedHeap() {
        LevelCensus.Builder b = new LevelCensus.Builder();
        b.add(census("{\"platform_threads_peak\":30,\"in_flight_peak\":5,\"rss_bytes\":100}"));
        Census gc = census("{\"platform_threads_peak\":25,\"in_flight_peak\":9,\"rss_bytes\":90,\"heap_used_bytes\":42}");
        b.add(gc).retained(gc.heapUsedBytes());
        assertThat(b.build()).isEqualTo(new LevelCensus(30, 9L, 100L, 42L, 2));
    }

    @Test
    void noSampleLeavesEveryFieldNull() {
        assertThat(new LevelCensus.Builder().build()).isEqualTo(LevelCensus.NONE);
    }
}
