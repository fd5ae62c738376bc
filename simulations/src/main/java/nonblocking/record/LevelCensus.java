package nonblocking.record;

import nonblocking.server.Census;
import nonblocking.server.wait.Figures;

import java.util.Map;
import java.util.TreeMap;

/**
 * What was seen of a target during one level's hold: peaks over the census samples, and the two readings that
 * bracket the hold (the target's census with its CPU time, context switches and responses served, the machine's
 * CPU and the load generator's), from which the level's costs are worked out over the one real interval between
 * them. Any field is null when nothing carried it (no census, or the target too saturated to answer). The server the
 * target waits on, if any, is read at the same edges ({@code backendOpened}, {@code backendClosed}) and its gauges
 * kept at their peak, as are the wait's own gauges from the census.
 *
 * @param heapRetainedBytes the heap in use after the target's latest collection during the hold; null when it did not
 *                          collect during the hold, since an earlier collection's figure is an earlier level's heap. No
 *                          GC is forced during a hold: its pause would enter the latencies and its CPU the costs
 */
public record LevelCensus(Integer platformThreadsPeak, Long inFlightPeak, Long rssPeakBytes, Long heapRetainedBytes,
                          Census opened, Census closed, HarnessReading harnessOpened, HarnessReading harnessClosed,
                          Map<String, Long> waitPeaks, Figures backendOpened, Figures backendClosed,
                          Map<String, Long> backendPeaks) {

    public static final LevelCensus NONE = new LevelCensus(null, null, null, null, null, null, null, null, null, null,
            null, null);

    public LevelCensus {
        waitPeaks = waitPeaks == null ? Map.of() : new TreeMap<>(waitPeaks);
        backendPeaks = backendPeaks == null ? Map.of() : new TreeMap<>(backendPeaks);
    }

    /** Collects one hold's readings, on the sampler's thread. */
    public static final class Builder {
        private Integer threads;
        private Long inFlight;
        private Long rss;
        private Long retained;
        private Census opened;
        private Census closed;
        private HarnessReading harnessOpened;
        private HarnessReading harnessClosed;
        private final Map<String, Long> waitPeaks = new TreeMap<>();
        private Figures backendOpened;
        private Figures backendClosed;
        private final Map<String, Long> backendPeaks = new TreeMap<>();

        public Builder add(Census c) {
            threads = max(threads, c.platformThreadsPeak());
            inFlight = max(inFlight, (long) c.inFlightPeak());
            rss = max(rss, c.rssBytes());
            if (c.heapAfterGcBytes() != null && opened != null && c.gcCount() > opened.gcCount()) {
                retained = c.heapAfterGcBytes();
            }
            if (c.waitFigures() != null) {
                c.waitFigures().gauges().forEach((name, value) -> waitPeaks.merge(name, value, Math::max));
            }
            return this;
        }

        /** A reading of the server the target waits on, between the two of the hold's edges. */
        public Builder add(Figures backend) {
            if (backend != null) {
                backend.gauges().forEach((name, value) -> backendPeaks.merge(name, value, Math::max));
            }
            return this;
        }

        public Builder opened(Census census, HarnessReading harness, Figures backend) {
            opened = census;
            harnessOpened = harness;
            backendOpened = backend;
            add(backend);
            return census == null ? this : add(census);
        }

        public Builder closed(Census census, HarnessReading harness, Figures backend) {
            closed = census;
            harnessClosed = harness;
            backendClosed = backend;
            add(backend);
            return census == null ? this : add(census);
        }

        public boolean isOpen() {
            return harnessOpened != null;
        }

        public boolean isClosed() {
            return harnessClosed != null;
        }

        public LevelCensus build() {
            return new LevelCensus(threads, inFlight, rss, retained, opened, closed, harnessOpened, harnessClosed,
                    waitPeaks, backendOpened, backendClosed, backendPeaks);
        }

        /** The larger of two readings; null only when neither was seen. */
        private static <T extends Comparable<T>> T max(T a, T b) {
            return a == null || (b != null && b.compareTo(a) > 0) ? b : a;
        }
    }
}
