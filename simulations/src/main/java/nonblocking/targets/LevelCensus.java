package nonblocking.targets;

import nonblocking.server.Census;

/**
 * The census of one level: peaks over the samples taken during its hold. Any field is null when no sample
 * carried it (no census, or the target too saturated to answer {@code /threads}).
 */
public record LevelCensus(Integer platformThreadsPeak, Long inFlightPeak, Long rssPeakBytes, Long heapRetainedBytes,
                          int samples) {

    public static final LevelCensus NONE = new LevelCensus(null, null, null, null, 0);

    static final class Builder {
        private Integer threads;
        private Long inFlight;
        private Long rss;
        private Long retained;
        private int samples;

        Builder add(Census c) {
            samples++;
            threads = max(threads, c.platformThreadsPeak());
            inFlight = max(inFlight, (long) c.inFlightPeak());
            rss = max(rss, c.rssBytes());
            return this;
        }

        Builder retained(Long heapUsedAfterGc) {
            retained = heapUsedAfterGc;
            return this;
        }

        LevelCensus build() {
            return new LevelCensus(threads, inFlight, rss, retained, samples);
        }

        private static Integer max(Integer a, Integer b) {
            return a == null ? b : b == null ? a : Math.max(a, b);
        }

        private static Long max(Long a, Long b) {
            return a == null ? b : b == null ? a : Math.max(a, b);
        }
    }
}
