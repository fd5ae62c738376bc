package nonblocking.record;

import nonblocking.NonblockingException;
import nonblocking.results.LevelResult;
import nonblocking.results.TargetResult;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The raw record on disk: written, read back losslessly (also by HdrHistogram's own reader), and mergeable. */
class RecordFileTest {

    private static final long T0 = 1_764_633_600_000L;

    @TempDir
    Path dir;

    /** Seeded latencies, µs, around 1 s with a tail. */
    private static long[] latencies(int count, long seed) {
        Random random = new Random(seed);
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = 1_000_000 + (long) (Math.abs(random.nextGaussian()) * 20_000) + (i % 97 == 0 ? 400_000 : 0);
        }
        return values;
    }

    private static Histogram histogram(long[] values, int part, int parts) {
        Histogram h = new Histogram(3);
        for (int u = 0; u < values.length; u++) {
            if (u % parts == part) {
                h.recordValue(values[u]);
            }
        }
        return h;
    }

    private static LevelRecord level(int users, long start, Histogram ok, Histogram all, Map<String, Long> ko) {
        return new LevelRecord(users, users, start, start + 6000, ok.getTotalCount(), ok.getTotalCount(), ko, ok, all, LevelCensus.NONE, null);
    }

    private static RunRecord run(List<LevelRecord> levels) {
        return new RunRecord(RunRecord.SCHEMA, "20261202-010000-default", RecordFile.HISTOGRAMS, Map.of("virtual",
                nonblocking.Fixtures.targetRecord(1000, new TargetResult.Memory(10L, 20L), "2026-12-02T01:00:00Z", "2026-12-02T01:01:00Z",
                        levels, null, null)), 1, null);
    }

    @Test
    void aRecordReadBackGivesTheSameHistogramsCountersWindowsAndResults() {
        long[] ok = latencies(5000, 1);
        Histogram all = histogram(ok, 0, 1);
        all.recordValue(5_000_000);   // one timeout
        LevelRecord written = level(100, T0, histogram(ok, 0, 1), all, Map.of("timeout", 1L));
        LevelRecord second = level(200, T0 + 7000, histogram(latencies(9000, 2), 0, 1), histogram(latencies(9000, 2), 0, 1), Map.of());
        RecordFile.write(run(List.of(written, second)), dir);

        RunRecord read = RecordFile.read(dir);
        TargetRecord target = read.targets().get("virtual");
        assertThat(target.pauseMs()).isEqualTo(1000);
        assertThat(target.idle()).isEqualTo(new TargetResult.Memory(10L, 20L));
        assertThat(target.stoppedAt()).isEqualTo("2026-12-02T01:01:00Z");
        LevelRecord back = target.levels().getFirst();
        assertThat(back.holdStartMs()).isEqualTo(T0);
        assertThat(back.holdEndMs()).isEqualTo(T0 + 6000);
        assertThat(back.ko()).containsExactlyEntriesOf(Map.of("timeout", 1L));
        assertThat(back.okLatency()).isEqualTo(written.okLatency());
        assertThat(back.allLatency()).isEqualTo(written.allLatency());
        assertThat(LevelArithmetic.levels(target)).isEqualTo(LevelArithmetic.levels(run(List.of(written, second))
                .targets().get("virtual")));
    }

    @Test
    void hdrHistogramsOwnReaderFindsEveryLevelTaggedAndStampedWithItsWindow() throws IOException {
        Histogram ok = histogram(latencies(1000, 3), 0, 1);
        RecordFile.write(run(List.of(level(25, T0, ok, ok, Map.of()))), dir);
        List<Histogram> intervals = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(dir.resolve(RecordFile.HISTOGRAMS).toFile())) {
            while (reader.hasNext()) {
                intervals.add((Histogram) reader.nextIntervalHistogram());
            }
        }
        assertThat(intervals).extracting(Histogram::getTag).containsExactly("virtual/25/ok", "virtual/25/all");
        assertThat(intervals).allSatisfy(h -> {
            assertThat(h.getStartTimeStamp()).isEqualTo(T0);
            assertThat(h.getEndTimeStamp()).isEqualTo(T0 + 6000);
            assertThat(h).isEqualTo(ok);
        });
        assertThat(Files.readString(dir.resolve(RecordFile.LEVELS))).contains("\"hold_start_ms\" : " + T0);
    }

    /** The merge rule: histograms of the parts, split by user u mod N, add up to the histogram of all samples. */
    @Test
    void halvesOfALevelWrittenReadAndAddedEqualTheWholeInEveryPercentile() {
        long[] samples = latencies(20_000, 4);
        Histogram whole = histogram(samples, 0, 1);
        for (int parts : new int[]{2, 3, 7}) {
            Histogram merged = new Histogram(3);
            for (int part = 0; part < parts; part++) {
                Path partDir = dir.resolve("part-" + parts + "-" + part);
                Histogram h = histogram(samples, part, parts);
                RecordFile.write(run(List.of(level(400, T0, h, h, Map.of()))), partDir);
                merged.add(RecordFile.read(partDir).targets().get("virtual").levels().getFirst().okLatency());
            }
            assertThat(merged.getTotalCount()).isEqualTo(whole.getTotalCount());
            assertThat(merged.getMinValue()).isEqualTo(whole.getMinValue());
            assertThat(merged.getMaxValue()).isEqualTo(whole.getMaxValue());
            assertThat(merged.getMean()).isEqualTo(whole.getMean());
            for (double p = 0; p <= 100; p += 0.5) {
                assertThat(merged.getValueAtPercentile(p)).as("p%s of %d parts", p, parts)
                        .isEqualTo(whole.getValueAtPercentile(p));
            }
            assertThat(merged).isEqualTo(whole);
        }
    }

    @Test
    void missingAndCorruptRecordsAreOneLineErrors() throws IOException {
        assertThatThrownBy(() -> RecordFile.read(dir)).isInstanceOf(NonblockingException.class)
                .hasMessageStartingWith("no raw record at ");
        Histogram h = histogram(latencies(100, 5), 0, 1);
        RecordFile.write(run(List.of(level(25, T0, h, h, Map.of()))), dir);
        Files.writeString(dir.resolve(RecordFile.HISTOGRAMS), "#[StartTime: 1 (seconds since epoch)]\n");
        assertThatThrownBy(() -> RecordFile.read(dir)).isInstanceOf(NonblockingException.class)
                .hasMessageContaining("has no virtual/25/ok").hasMessageNotContaining("\n");
        Files.writeString(dir.resolve(RecordFile.LEVELS), "{\"schema\": 1, \"targets\": {");
        assertThatThrownBy(() -> RecordFile.read(dir)).isInstanceOf(NonblockingException.class)
                .hasMessageContaining("is corrupt").hasMessageNotContaining("\n");
        Files.writeString(dir.resolve(RecordFile.LEVELS), "{\"schema\": 9}");
        assertThatThrownBy(() -> RecordFile.read(dir)).isInstanceOf(NonblockingException.class)
                .hasMessageContaining("has schema 9");
    }

    @Test
    void theLevelResultComesFromTheMergedHistogramNotFromAveragedPercentiles() {
        // two injectors see very different latencies: the merged p99 is not the mean of their p99s
        Histogram fast = new Histogram(3);
        Histogram slow = new Histogram(3);
        for (int i = 0; i < 1000; i++) {
            fast.recordValue(10_000);
            slow.recordValue(i < 900 ? 10_000 : 500_000);
        }
        Histogram merged = fast.copy();
        merged.add(slow);
        LevelResult result = LevelArithmetic.level(level(10, T0, merged, merged, Map.of()),
                new LevelArithmetic.Basis(0, null, 10, null));
        assertThat(result.ok()).isEqualTo(2000);
        assertThat(result.latency().p99Ms()).isGreaterThan(400);
        assertThat((LevelResult.Latency.ms(fast, 99) + LevelResult.Latency.ms(slow, 99)) / 2)
                .isLessThan(result.latency().p99Ms());
    }
}
