package nonblocking.targets;

import nonblocking.server.Census;

/**
 * What was seen of a target during one level's hold: peaks over the census samples, and the two readings that
 * bracket the hold (the target's census with its CPU time, context switches and responses served, the machine's
 * CPU and the load generator's), from which the level's costs are worked out over the one real interval between
 * them. Any field is null when nothing carried it (no census, or the target too saturated to answer).
 *
 * @param opened the census when the hold opened (with costs); null without one
 * @param closed the census when the hold closed (with costs); null without one
 * @param harnessOpened machine and load generator when the hold opened; null if the hold was never seen open
 * @param harnessClosed the same when it closed
 */
public record LevelCensus(Integer platformThreadsPeak, Long inFlightPeak, Long rssPeakBytes, Long heapRetainedBytes,
                          int samples, Census opened, Census closed, HarnessReading harnessOpened,
                          HarnessReading harnessClosed) {

    public static final LevelCensus NONE = new LevelCensus(null, null, null, null, 0, null, null, null, null);

    static final class Builder {
        private Integer threads;
        private Long inFlight;
        private Long rss;
        private Long retained;
        private int samples;
        private Census opened;
        private Census closed;
        private HarnessReading harnessOpened;
        private HarnessReading harnessClosed;

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

        Builder opened(Census census, HarnessReading harness) {
            opened = census;
            harnessOpened = harness;
            return census == null ? this : add(census);
        }

        Builder closed(Census census, HarnessReading harness) {
            closed = census;
            harnessClosed = harness;
            return this;
        }

        boolean isOpen() {
            return harnessOpened != null;
        }

        boolean isClosed() {
            return harnessClosed != null;
        }

        LevelCensus build() {
            return new LevelCensus(threads, inFlight, rss, retained, samples, opened, closed, harnessOpened, harnessClosed);
        }

        /** The larger of two readings; null only when neither was seen. */
        private static <T extends Comparable<T>> T max(T a, T b) {
            return a == null || (b != null && b.compareTo(a) > 0) ? b : a;
        }
    }
}
