package nonblocking.ladder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and latency histograms of one level; recorded from Gatling's event-loop threads, read by the
 * sampler (progress lines) and at the end. Latencies are in microseconds.
 */
public final class LevelStats {

    private final LongAdder started = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final Map<String, LongAdder> ko = new ConcurrentHashMap<>();
    private final Recorder okRecorder = new Recorder(3);
    private final Recorder allRecorder = new Recorder(3);
    private final Histogram okLatency = new Histogram(3);
    private final Histogram allLatency = new Histogram(3);
    private final Recorder lagRecorder = new Recorder(3);
    private final Histogram lag = new Histogram(3);

    public void started() {
        started.increment();
    }

    /** Requests that started in this level and have not finished yet. */
    public long inFlight() {
        return Math.max(0, started.sum() - ok() - ko());
    }

    /** Every request enters the all-requests histogram, a KO at its time to failure; OK ones the OK histogram too. */
    public void record(Outcome outcome, long latencyNanos) {
        long micros = Math.max(1, latencyNanos / 1000);
        allRecorder.recordValue(micros);
        if (outcome.ok()) {
            okRecorder.recordValue(micros);
            ok.increment();
        } else {
            ko.computeIfAbsent(outcome.koReason(), r -> new LongAdder()).increment();
        }
    }

    /** Open model: how late a request that had a sender left after its due time, ns (the injector's own lag). */
    public void lag(long lateNanos) {
        lagRecorder.recordValue(Math.max(0, lateNanos / 1000));
    }

    /** A copy of the injector's lags so far, µs; empty for the closed model. */
    public synchronized Histogram lag() {
        lag.add(lagRecorder.getIntervalHistogram());
        return lag.copy();
    }

    /** An OK response came back during this level's hold (whenever its request was due or sent). */
    public void answered() {
        answered.increment();
    }

    /** OK responses that came back during the hold: what the server achieved in it. */
    public long answeredInHold() {
        return answered.sum();
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

    /** A copy of the OK responses' latencies so far, µs. */
    public synchronized Histogram okLatency() {
        okLatency.add(okRecorder.getIntervalHistogram());
        return okLatency.copy();
    }

    /** A copy of all requests' latencies so far, µs (a KO at its time to failure). */
    public synchronized Histogram allLatency() {
        allLatency.add(allRecorder.getIntervalHistogram());
        return allLatency.copy();
    }
}
