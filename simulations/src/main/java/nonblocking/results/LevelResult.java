package nonblocking.results;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one level of the ladder measured: requests that started during the level's hold window.
 * Census fields are null when the target has no {@code /threads}.
 *
 * @param users               concurrent users held during the level
 * @param requests            ok + ko
 * @param koReasons           ko count per reason (e.g. "timeout", "status 503", "connection")
 * @param throughputRps       ok responses per second of hold
 * @param efficiency          throughput / (users / pause): 1.0 means every user got a response every pause
 * @param p50Ms               latency percentiles, request start to last byte, of ok responses (HdrHistogram)
 * @param platformThreadsPeak peak platform threads of the target during the level
 * @param inFlightPeak        peak requests in flight inside the target during the level
 * @param rssPeakBytes        peak resident memory of the target during the level
 * @param heapRetainedBytes   heap used after a GC, sampled once mid-level
 * @param heapPerUserBytes    (heapRetained - idle heap) / users
 * @param rssPerUserBytes     (rssPeak - idle rss) / users
 */
public record LevelResult(
        int users,
        long requests,
        long ok,
        long ko,
        Map<String, Long> koReasons,
        double throughputRps,
        double efficiency,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double maxMs,
        Integer platformThreadsPeak,
        Integer inFlightPeak,
        Long rssPeakBytes,
        Long heapRetainedBytes,
        Double heapPerUserBytes,
        Double rssPerUserBytes) {

    public LevelResult {
        koReasons = koReasons == null ? Map.of() : new TreeMap<>(koReasons);
    }

    /** KO share in percent; 0 for a level without requests. */
    public double koPercent() {
        return requests == 0 ? 0 : 100.0 * ko / requests;
    }
}
