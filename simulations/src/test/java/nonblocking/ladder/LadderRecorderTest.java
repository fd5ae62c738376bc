package nonblocking.ladder;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LadderRecorderTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final long T0 = 123_456_789L;

    /** levels 10, 20; no ramp before the first, 1 s ramp before the second, 1 s warm-up, 4 s holds. */
    private LadderRecorder recorder() {
        Ladder ladder = new Ladder(List.of(10, 20), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(4));
        ladder.start(T0);
        return new LadderRecorder(ladder, 5_000);
    }

    @Test
    void eachResponseCountsInTheLevelItStartedIn() {
        LadderRecorder r = recorder();
        // hold of 10u: [2 s, 6 s); ramp to 20u: [6 s, 7 s); hold of 20u: [7 s, 11 s)
        assertThat(r.record(T0 + 1 * S, 1000 * MS, Outcome.OK)).isEqualTo(-1);           // warm-up
        assertThat(r.record(T0 + 2 * S, 1000 * MS, Outcome.OK)).isEqualTo(0);
        assertThat(r.record(T0 + 5900 * MS, 1000 * MS, Outcome.OK)).isEqualTo(0);        // ends in the ramp, still 10u
        assertThat(r.record(T0 + 6 * S, 1000 * MS, Outcome.OK)).isEqualTo(-1);           // ramp
        assertThat(r.record(T0 + 7 * S, 1000 * MS, Outcome.OK)).isEqualTo(1);
        assertThat(r.record(T0 + 11 * S, 1000 * MS, Outcome.OK)).isEqualTo(-1);          // after the end
        assertThat(r.level(0).ok()).isEqualTo(2);
        assertThat(r.level(1).ok()).isEqualTo(1);
    }

    @Test
    void failuresAreCountedByReasonAndKeptOutOfTheOkLatenciesButNotOutOfAll() {
        LadderRecorder r = recorder();
        long start = T0 + 3 * S;
        r.record(start, start + 1001 * MS, false, 200);
        r.record(start, start + 5001 * MS, true, null);     // no response at the timeout
        r.record(start, start + 3 * MS, true, null);        // no response, early: connection
        r.record(start, start + 1002 * MS, true, 503);
        LevelStats level = r.level(0);
        assertThat(level.ok()).isEqualTo(1);
        assertThat(level.ko()).isEqualTo(3);
        assertThat(level.koReasons()).containsExactlyInAnyOrderEntriesOf(
                Map.of("timeout", 1L, "connection", 1L, "status 503", 1L));
        assertThat(level.okLatency().getTotalCount()).isEqualTo(1);
        assertThat(level.okLatency().getMaxValue() / 1000.0).isCloseTo(1001, within(1.0));
        // every request in the all-requests histogram, a KO at its time to failure
        assertThat(level.allLatency().getTotalCount()).isEqualTo(4);
        assertThat(level.allLatency().getMaxValue() / 1000.0).isCloseTo(5001, within(5.0));
        assertThat(level.allLatency().getMinValue() / 1000.0).isCloseTo(3, within(0.01));
    }

    @Test
    void latenciesAreKeptInMicrosecondsAndReadingTwiceLosesNothing() {
        LadderRecorder r = recorder();
        for (int i = 1; i <= 100; i++) {
            r.record(T0 + 3 * S, (1000 + i) * MS, Outcome.OK);
        }
        Histogram latency = r.level(0).okLatency();
        assertThat(latency.getValueAtPercentile(50) / 1000.0).isCloseTo(1050, within(1.0));
        assertThat(latency.getValueAtPercentile(99) / 1000.0).isCloseTo(1099, within(1.0));
        assertThat(latency.getMaxValue() / 1000.0).isCloseTo(1100, within(1.0));
        // reading twice does not lose what was read before
        assertThat(r.level(0).okLatency().getTotalCount()).isEqualTo(100);
        assertThat(r.level(0).allLatency().getTotalCount()).isEqualTo(100);
    }

    @Test
    void inFlightIsStartedMinusFinishedPerLevel() {
        LadderRecorder r = recorder();
        r.started(T0 + 3 * S);
        r.started(T0 + 3 * S);
        r.started(T0 + 6500 * MS);   // ramp: not tracked
        assertThat(r.level(0).inFlight()).isEqualTo(2);
        r.record(T0 + 3 * S, T0 + 4 * S, false, 200);
        assertThat(r.level(0).inFlight()).isEqualTo(1);
        r.record(T0 + 3 * S, T0 + 8 * S, true, null);
        assertThat(r.level(0).inFlight()).isZero();
    }

    @Test
    void emptyLevelHasEmptyHistograms() {
        assertThat(recorder().level(1).okLatency().getTotalCount()).isZero();
        assertThat(recorder().level(1).allLatency().getTotalCount()).isZero();
    }

    @Test
    void recordingFromManyThreadsLosesNothing() throws InterruptedException {
        LadderRecorder r = recorder();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    r.record(T0 + 3 * S, 1000 * MS, i % 10 == 0 ? new Outcome("timeout") : Outcome.OK);
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(r.level(0).ok()).isEqualTo(72_000);
        assertThat(r.level(0).ko()).isEqualTo(8_000);
        assertThat(r.level(0).okLatency().getTotalCount()).isEqualTo(72_000);
        assertThat(r.level(0).allLatency().getTotalCount()).isEqualTo(80_000);
    }
}
