package nonblocking.record;

import nonblocking.NonblockingException;
import nonblocking.ladder.Split;
import nonblocking.results.LevelResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * N injectors' parts of one run, split by user u mod N, written and read back through HdrHistogram's log writer and
 * reader, merged: equal to the record of all samples in every count and percentile; anything missing or mismatched
 * is refused in one line.
 */
class MergeTest {

    private static final long T0 = 1_764_633_600_000L;
    private static final int USERS = 400;

    @TempDir
    Path dir;

    /** Per user, seeded latencies in µs: each user has its own speed, so that the parts differ. */
    private static List<long[]> samples(long seed) {
        Random random = new Random(seed);
        List<long[]> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            long[] values = new long[50];
            long base = 900_000 + u * 1_000L;
            for (int i = 0; i < values.length; i++) {
                values[i] = base + (long) (Math.abs(random.nextGaussian()) * 30_000) + (random.nextInt(100) == 0 ? 2_000_000 : 0);
            }
            users.add(values);
        }
        return users;
    }

    private static Histogram histogram(List<long[]> samples, Split split) {
        Histogram h = new Histogram(3);
        for (int u = 0; u < samples.size(); u++) {
            if (u % split.count() == split.index()) {
                for (long v : samples.get(u)) {
                    h.recordValue(v);
                }
            }
        }
        return h;
    }

    private static HarnessReading reading(long nanos, long busy, long total) {
        return new HarnessReading(nanos, busy, total, nanos / 2, 2);
    }

    /** One injector's part: a level of 400 users and one of 800, with its own machine load. */
    private static RunRecord part(Split split, List<long[]> level1, List<long[]> level2, long busyTicks) {
        List<LevelRecord> levels = new ArrayList<>();
        int k = 0;
        for (List<long[]> samples : List.of(level1, level2)) {
            int users = (k + 1) * USERS;
            Histogram ok = histogram(samples, split);
            Histogram all = ok.copy();
            all.recordValue(5_000_000);   // one timeout per injector
            LevelCensus census = new LevelCensus(split.index() == 0 ? 30 : null, null, null, null, null, null,
                    reading(0, 0, 0), reading(6_000_000_000L, busyTicks, 1000), null, null, null, null);
            long start = T0 + k * 7000 + split.index();   // each injector's window a millisecond later
            levels.add(new LevelRecord(users, split.share(users), start, start + 6000, ok.getTotalCount(), ok.getTotalCount(),
                    Map.of("timeout", 1L), ok, all, census, null));
            k++;
        }
        TargetRecord target = nonblocking.Fixtures.targetRecord(1000, null, "2026-12-02T01:00:0" + split.index() + "Z",
                "2026-12-02T01:01:0" + split.index() + "Z", levels,
                new TargetRecord.Clock(T0 - 2000, T0 - 2100, split.index() * 1.5, 0.25 + split.index()), null);
        return new RunRecord(RunRecord.SCHEMA, "c100k-1", RecordFile.HISTOGRAMS, Map.of("virtual", target),
                split.count(), split.index());
    }

    /** Each part written and read back: the merge sees exactly what HdrHistogram's log reader gives. */
    private List<RunRecord> roundTrip(List<RunRecord> parts) {
        List<RunRecord> read = new ArrayList<>();
        for (RunRecord part : parts) {
            Path partDir = dir.resolve("n" + part.injectors()).resolve("injector-" + part.injector());
            RecordFile.write(part, partDir);
            read.add(RecordFile.read(partDir));
        }
        return read;
    }

    @Test
    void partsSplitByUserModNMergeIntoTheRecordOfAllSamples() {
        List<long[]> level1 = samples(1);
        List<long[]> level2 = samples(2);
        level2.addAll(samples(3));   // 800 users
        for (int n : new int[]{1, 2, 3, 7, 64}) {
            List<RunRecord> parts = new ArrayList<>();
            for (int i = n - 1; i >= 0; i--) {   // any order
                parts.add(part(new Split(i, n), level1, level2, 500 + 100 * i));
            }
            Merge.Merged merged = Merge.merge(roundTrip(parts));
            TargetRecord target = merged.record().targets().get("virtual");
            assertThat(merged.record().injectors()).isEqualTo(n);
            assertThat(merged.record().injector()).isNull();
            List<List<long[]>> bothLevels = List.of(level1, level2);
            for (int k = 0; k < 2; k++) {
                LevelRecord level = target.levels().get(k);
                Histogram whole = histogram(bothLevels.get(k), Split.ALONE);
                Histogram ok = level.okLatency();
                assertThat(ok.getTotalCount()).isEqualTo(whole.getTotalCount());
                assertThat(ok.getMinValue()).isEqualTo(whole.getMinValue());
                assertThat(ok.getMaxValue()).isEqualTo(whole.getMaxValue());
                assertThat(ok.getMean()).isEqualTo(whole.getMean());
                for (double p = 0; p <= 100; p += 0.1) {
                    assertThat(ok.getValueAtPercentile(p)).as("p%.1f of %d parts", p, n).isEqualTo(whole.getValueAtPercentile(p));
                }
                assertThat(ok).isEqualTo(whole);
                assertThat(level.ok()).isEqualTo(whole.getTotalCount());
                assertThat(level.ko()).containsExactlyEntriesOf(Map.of("timeout", (long) n));
                assertThat(level.allLatency().getTotalCount()).isEqualTo(whole.getTotalCount() + n);
                assertThat(level.share()).isEqualTo(level.users());
                // the window all parts share: the latest start, the earliest end
                assertThat(level.holdStartMs()).isEqualTo(T0 + k * 7000 + n - 1);
                assertThat(level.holdEndMs()).isEqualTo(T0 + k * 7000 + 6000);
                // the census as injector 0 read it, the harness as the busiest machine saw it
                assertThat(level.census().platformThreadsPeak()).isEqualTo(30);
                assertThat(level.census().harnessClosed().busyTicks()).isEqualTo(500 + 100L * (n - 1));
            }
            // throughput over the common window, from the summed OKs; efficiency against all users
            LevelResult first = LevelArithmetic.levels(target).getFirst();
            assertThat(first.throughputRps()).isCloseTo(level1.size() * 50 / ((6000 - n + 1) / 1000.0), within(0.01));
            assertThat(first.harness().harnessBound()).isEqualTo(500 + 100 * (n - 1) >= 900);
            // starts: injector i's error is its lag (0.25 + i ms) plus its clock offset (1.5 i ms)
            assertThat(merged.startSkewMs().get("virtual")).isCloseTo(2.5 * (n - 1), within(1e-9));
        }
    }

    @Test
    void aMissingPartADuplicateAnotherRunOrAnotherTimelineIsRefused() {
        List<long[]> level1 = samples(1);
        List<long[]> level2 = samples(2);
        RunRecord zero = part(new Split(0, 3), level1, level2, 100);
        RunRecord one = part(new Split(1, 3), level1, level2, 100);
        RunRecord two = part(new Split(2, 3), level1, level2, 100);
        assertThatThrownBy(() -> Merge.merge(List.of(zero, two))).isInstanceOf(NonblockingException.class)
                .hasMessage("run c100k-1 has 2 parts of 3: missing injector [1]");
        assertThatThrownBy(() -> Merge.merge(List.of(zero, one, one, two))).isInstanceOf(NonblockingException.class)
                .hasMessageContaining("one injector's part twice");
        RunRecord other = new RunRecord(RunRecord.SCHEMA, "another", two.histograms(), two.targets(), 3, 2);
        assertThatThrownBy(() -> Merge.merge(List.of(zero, one, other))).isInstanceOf(NonblockingException.class)
                .hasMessageContaining("is not one of 3 injectors of run c100k-1");
        TargetRecord t = two.targets().get("virtual");
        RunRecord shorter = new RunRecord(RunRecord.SCHEMA, "c100k-1", two.histograms(),
                Map.of("virtual", t.withLevels(t.levels().subList(0, 1))), 3, 2);
        assertThatThrownBy(() -> Merge.merge(List.of(zero, one, shorter))).isInstanceOf(NonblockingException.class)
                .hasMessageContaining("the level of 800 users was measured by 2 of 3 injectors");
        TargetRecord late = nonblocking.Fixtures.targetRecord(t.pauseMs(), t.idle(), t.startedAt(), t.stoppedAt(), t.levels(),
                new TargetRecord.Clock(T0, T0, 0, 0), null);
        RunRecord otherStart = new RunRecord(RunRecord.SCHEMA, "c100k-1", two.histograms(), Map.of("virtual", late), 3, 2);
        assertThatThrownBy(() -> Merge.merge(List.of(zero, one, otherStart))).isInstanceOf(NonblockingException.class)
                .hasMessageContaining("did not share one start");
        Map<String, TargetRecord> extra = new LinkedHashMap<>(two.targets());
        extra.put("async", t);
        RunRecord more = new RunRecord(RunRecord.SCHEMA, "c100k-1", two.histograms(), extra, 3, 2);
        assertThatThrownBy(() -> Merge.merge(List.of(zero, one, more))).isInstanceOf(NonblockingException.class)
                .hasMessageContaining("injector 0 has no part of target async");
    }
}
