package nonblocking.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.TreeMap;

/**
 * The raw record of one level of one target: what the run saw, before any arithmetic. Everything in the level's
 * {@link nonblocking.results.LevelResult} is worked out from it by {@link LevelArithmetic}, so that records of the
 * same level (from several injectors) can be merged exactly: counters add up, histograms add up
 * ({@link Histogram#add}), and percentiles are read from the sum, never averaged.
 *
 * @param share       of the level's users, those this record's injector drove (all of them on one injector)
 * @param holdStartMs the hold's wall-clock window, epoch ms, end exclusive: requests that started in it are counted
 * @param answered    OK responses that came back during the hold, whenever their requests were sent: the rate the
 *                    server achieved (the open model's throughput)
 * @param allLatency  all requests' latencies, µs, as okLatency's (start to last byte); a KO at its time to failure
 * @param lag         open model: how late this injector sent the requests it had a sender for, µs; empty if closed
 */
public record LevelRecord(int users, int share, long holdStartMs, long holdEndMs, long ok, long answered, Map<String, Long> ko,
                          @JsonIgnore Histogram okLatency, @JsonIgnore Histogram allLatency, LevelCensus census,
                          @JsonIgnore Histogram lag) {

    public LevelRecord {
        ko = ko == null ? Map.of() : new TreeMap<>(ko);
        okLatency = okLatency == null ? new Histogram(3) : okLatency;
        allLatency = allLatency == null ? new Histogram(3) : allLatency;
        census = census == null ? LevelCensus.NONE : census;
        lag = lag == null ? new Histogram(3) : lag;
    }

    public long requests() {
        return ok + koCount();
    }

    public long koCount() {
        return ko.values().stream().mapToLong(Long::longValue).sum();
    }

    public double holdSeconds() {
        return (holdEndMs - holdStartMs) / 1000.0;
    }

    /** The same record with the histograms that the JSON leaves out (they live in the HdrHistogram log). */
    public LevelRecord withLatencies(Histogram ok, Histogram all, Histogram lag) {
        return new LevelRecord(users, share, holdStartMs, holdEndMs, this.ok, answered, ko, ok, all, census, lag);
    }
}
