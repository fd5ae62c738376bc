package nonblocking.ladder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and latency histogram of one level; recorded from Gatling's event-loop threads, read by the
 * sampler (progress lines) and at the end.
 */
public final class LevelStats {

    /** Latencies are recorded in microseconds, reported in milliseconds. */
    private static final double MICROS_PER_MS = 1000.0;

    private final LongAdder started = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final Map<String, LongAdder> ko = new ConcurrentHashMap<>();
    private final Recorder recorder = new Recorder(3);
    private final Histogram accumulated = new Histogram(3);

    public void started() {
        started.increment();
    }

    /** Requests that started in this level and have not finished yet. */
    public long inFlight() {
        return Math.max(0, started.sum() - ok() - ko());
    }

    public void record(Outcome outcome, long latencyNanos) {
        if (outcome.ok()) {
            ok.increment();
            recorder.recordValue(Math.max(1, latencyNanos / 1000));
        } else {
            ko.computeIfAbsent(outcome.koReason(), r -> new LongAdder()).increment();
        }
    }

    public long ok() {
        return ok.sum();
    }

    public long ko() {
        return ko.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> koReasons() {
        Map<String, Long> reasons = new TreeMap<>();
        ko.forEach((reason, count) -> reasons.put(reason, count.sum()));
        return reasons;
    }

    /** Latency of OK responses so far. */
    public synchronized Latency latency() {
        accumulated.add(recorder.getIntervalHistogram());
        if (accumulated.getTotalCount() == 0) {
            return Latency.NONE;
        }
        return new Latency(
                accumulated.getValueAtPercentile(50) / MICROS_PER_MS,
                accumulated.getValueAtPercentile(90) / MICROS_PER_MS,
                accumulated.getValueAtPercentile(99) / MICROS_PER_MS,
                accumulated.getMaxValue() / MICROS_PER_MS);
    }

    public record Latency(double p50Ms, double p90Ms, double p99Ms, double maxMs) {
        public static final Latency NONE = new Latency(0, 0, 0, 0);
    }
}
