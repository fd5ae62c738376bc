package nonblocking.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CensusTest {

    @Test
    void readsTheTargetAppsCensus() throws Exception {
        String json = """
                {"model":"virtual","platform_threads_live":21,"platform_threads_peak":23,"platform_threads_daemon":9,
                 "virtual_scheduler":{"parallelism":2},"in_flight":390,"in_flight_peak":400,"served":12000,
                 "heap_used_bytes":52428800,"heap_max_bytes":536870912,"rss_bytes":209715200,"uptime_ms":60000,
                 "pause_ms":1000,"threads":null,"max_virtual_threads":null}""";
        Census c = Census.of(new ObjectMapper().readTree(json));
        assertThat(c.model()).isEqualTo("virtual");
        assertThat(c.platformThreads()).isEqualTo(23);
        assertThat(c.inFlightHigh()).isEqualTo(400);
        assertThat(c.heapUsedBytes()).isEqualTo(52_428_800L);
        assertThat(c.rssBytes()).isEqualTo(209_715_200L);
        assertThat(c.threads()).isNull();
        assertThat(c.maxVirtualThreads()).isNull();
    }

    @Test
    void aSmallerCensusLeavesNulls() throws Exception {
        Census c = Census.of(new ObjectMapper().readTree("{\"platform_threads_live\":7}"));
        assertThat(c.platformThreads()).isEqualTo(7);
        assertThat(c.inFlightHigh()).isNull();
        assertThat(c.rssBytes()).isNull();
    }

    @Test
    void levelCensusKeepsPeaksAndTheRetainedHeap() throws Exception {
        ObjectMapper m = new ObjectMapper();
        LevelCensus.Builder b = new LevelCensus.Builder();
        b.add(Census.of(m.readTree("{\"platform_threads_peak\":30,\"in_flight_peak\":5,\"rss_bytes\":100}")));
        Census gc = Census.of(m.readTree("{\"platform_threads_peak\":25,\"in_flight_peak\":9,\"rss_bytes\":90,\"heap_used_bytes\":42}"));
        b.add(gc).retained(gc.heapUsedBytes());
        LevelCensus level = b.build();
        assertThat(level).isEqualTo(new LevelCensus(30, 9L, 100L, 42L, 2));
    }
}
