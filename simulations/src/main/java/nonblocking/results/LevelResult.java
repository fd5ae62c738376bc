package nonblocking.results;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one level of the ladder measured: requests that started during the level's hold window. The fields come in
 * groups, so that a new metric touches its group: the load (users to efficiency), {@link Latency}, {@link Footprint},
 * {@link Cost} and {@link Harness}. Latency and footprint are written flat into the level's JSON object.
 *
 * @param users         concurrent users held during the level (requests/s offered in the open model)
 * @param koReasons     ko count per reason (e.g. "timeout", "status 503", "connection")
 * @param throughputRps ok responses per second of hold
 * @param efficiency    throughput / (users / pause): 1.0 means every user got a response every pause
 * @param cost          null without a census
 * @param harness       null when unknown
 * @param breakdown     where a response's time went; null without a census
 * @param backend       the server the target waited on (downstream server, PostgreSQL); null for none
 */
public record LevelResult(int users, long requests, long ok, long ko, Map<String, Long> koReasons, double throughputRps,
                          double efficiency, @JsonUnwrapped Latency latency, @JsonUnwrapped Footprint footprint,
                          Cost cost, Harness harness, Breakdown breakdown, Backend backend) {

    public LevelResult {
        koReasons = koReasons == null ? Map.of() : new TreeMap<>(koReasons);
        latency = latency == null ? Latency.NONE : latency;
        footprint = footprint == null ? Footprint.NONE : footprint;
    }

    /**
     * Latency percentiles, ms, request start to last byte (HdrHistogram, recorded in µs).
     *
     * @param p50Ms    of OK responses, as are p90, p99 and max
     * @param p99AllMs p99 of all responses, a KO counted at its time to failure (a timeout at the timeout): what the
     *                 SLO's p99 limit judges, so that a server cannot improve it by failing slow requests
     */
    public record Latency(double p50Ms, double p90Ms, double p99Ms, double p99AllMs, double maxMs) {
        public static final Latency NONE = new Latency(0, 0, 0, 0, 0);

        private static final double MICROS_PER_MS = 1000.0;

        /** From the level's µs histograms of its OK responses and of all its responses. */
        public static Latency of(Histogram ok, Histogram all) {
            return new Latency(ms(ok, 50), ms(ok, 90), ms(ok, 99), ms(all, 99),
                    ok.getTotalCount() == 0 ? 0 : ok.getMaxValue() / MICROS_PER_MS);
        }

        /** Each figure's middle value over an odd number of runs of the same level. */
        public static Latency median(List<Latency> runs) {
            return new Latency(Numbers.middle(runs, Latency::p50Ms), Numbers.middle(runs, Latency::p90Ms),
                    Numbers.middle(runs, Latency::p99Ms), Numbers.middle(runs, Latency::p99AllMs),
                    Numbers.middle(runs, Latency::maxMs));
        }

        /** A percentile of a µs histogram, in ms; 0 for an empty one. */
        public static double ms(Histogram latency, double percentile) {
            return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / MICROS_PER_MS;
        }
    }

    /**
     * What the target held during the level, from its census; every field is null without one.
     *
     * Memory per request is the {@link Cost}'s, per request in flight: per user it would count a blocking server's
     * queued users, and per request/s in the open model.
     *
     * @param inFlightPeak      peak requests in flight inside the target
     * @param heapRetainedBytes heap in use after the target's latest collection during the hold (no GC is forced);
     *                          null when the collector did not run during it
     */
    public record Footprint(Integer platformThreadsPeak, Integer inFlightPeak, Long rssPeakBytes, Long heapRetainedBytes) {
        public static final Footprint NONE = new Footprint(null, null, null, null);
    }

    /**
     * What the target spent per response during the hold, from two census readings that bracket it (so CPU,
     * context switches and responses all count over the same real interval). Any field is null when unknown.
     *
     * @param cpuMsPerResponse           process CPU time (user + system, all threads) / responses served
     * @param contextSwitchesPerResponse voluntary + involuntary context switches of the live threads / responses served
     * @param rssPerInFlightBytes        (RSS peak - idle RSS) / peak requests in flight
     * @param heapPerInFlightBytes       (retained heap - idle heap) / peak requests in flight
     */
    public record Cost(Double cpuMsPerResponse, Double contextSwitchesPerResponse, Double rssPerInFlightBytes,
                       Double heapPerInFlightBytes) {
    }

    /**
     * The harness during the hold: on one machine the load generator competes with the target for the cores, and the
     * target may wait on a server of its own. {@link #of} is the one rule that says when the harness was the limit.
     *
     * @param machineCpu       share of all the machine's cores busy, 0..1; injectorCpuCores is Gatling's cores' worth
     * @param injectorLagP99Ms open model: p99 of how late the injector sent the requests it had a sender for, after
     *                         their due time, ms; null for the closed model
     * @param harnessBound     true when the level measured the harness as much as the target ({@code boundBy} says why)
     * @param boundBy          what bounded it, e.g. "machine CPU 94 %"; empty when nothing did
     */
    public record Harness(Double machineCpu, Double injectorCpuCores, Double injectorLagP99Ms, boolean harnessBound,
                          List<String> boundBy) {
        /** The machine this busy: the target and the load generator fight for the cores... */
        public static final double MACHINE_BOUND = 0.90;
        /**
         * ...when the load generator and the backend together take at least this share of its cores; a target that
         * keeps the machine busy on its own (CPU work, a spinning wait) is its own limit.
         */
        public static final double HARNESS_SHARE = 0.25;
        /** An open level whose injector sent its requests later than this at p99 did not offer its rate. */
        public static final double LAG_BOUND_MS = 5;
        /** The server the target waits on this busy, in cores: its own limit, not the target's. */
        public static final double BACKEND_BOUND_CORES = 0.80;

        public Harness {
            boundBy = boundBy == null ? List.of() : List.copyOf(boundBy);
        }

        /**
         * The one rule. {@code backendCpuCores}: the CPU of the server the target waits on, cores' worth, null when
         * none or unknown (recorded once, as the level's {@link Backend#cpuCores}); {@code cores}: the machine's, 0
         * when unknown (then a busy machine is the harness's limit whoever kept it busy).
         */
        public static Harness of(Double machineCpu, Double injectorCpuCores, Double injectorLagP99Ms, Double backendCpuCores,
                                 int cores) {
            List<String> bounds = new ArrayList<>();
            double harnessCores = (injectorCpuCores == null ? 0 : injectorCpuCores) + (backendCpuCores == null ? 0 : backendCpuCores);
            if (machineCpu != null && machineCpu >= MACHINE_BOUND && (cores <= 0 || harnessCores >= HARNESS_SHARE * cores)) {
                bounds.add(String.format(Locale.ROOT, "machine CPU %.0f %%", 100 * machineCpu));
            }
            if (injectorLagP99Ms != null && injectorLagP99Ms > LAG_BOUND_MS) {
                bounds.add(String.format(Locale.ROOT, "injector lag p99 %.1f ms", injectorLagP99Ms));
            }
            if (backendCpuCores != null && backendCpuCores >= BACKEND_BOUND_CORES) {
                bounds.add(String.format(Locale.ROOT, "backend CPU %.2f cores", backendCpuCores));
            }
            return new Harness(machineCpu, injectorCpuCores, injectorLagP99Ms, !bounds.isEmpty(), bounds);
        }
    }

    /**
     * Where a response's time went, from the target's census over the hold (the same two readings as the costs).
     *
     * @param meanMs    the client's mean latency of all responses
     * @param handlerMs the mean time a request spent in the target's handler
     * @param queuedMs  the rest, {@code meanMs - handlerMs}: before the handler ran (waiting for a thread of the
     *                  server, in its accept queue) and on the wire
     * @param gcPausedMs the target's stop-the-world collections over the hold, ms in all: every request in flight
     *                   stood still that long (a real wait's client state fills the heap where a sleep's does not)
     * @param waitMs    the wait's own phases, ms per response, by name (connection_ms, query_ms, downstream_ms)
     * @param waitPeaks the wait's gauges at their peak over the hold (pool_active, pool_waiting, ...)
     */
    public record Breakdown(Double meanMs, Double handlerMs, Double queuedMs, Long gcPausedMs, Map<String, Double> waitMs,
                            Map<String, Long> waitPeaks) {
        public Breakdown {
            waitMs = waitMs == null ? Map.of() : new TreeMap<>(waitMs);
            waitPeaks = waitPeaks == null ? Map.of() : new TreeMap<>(waitPeaks);
        }
    }

    /**
     * The server the target waited on, over the hold, so that its limit is never taken for the target's.
     *
     * @param cpuCores  its CPU time over the hold, in cores' worth; null when it cannot be read (a server given by URL)
     * @param peaks     its gauges at their peak (connections, active queries, requests in flight)
     * @param handlerMs how long it took, by its own count, to answer each call it ended during the hold, ms; null when
     *                  it does not say (PostgreSQL, a server given by URL). Beside the target's own time for a call
     *                  ({@link Breakdown#waitMs}), it tells a slow backend from a slow way to it
     */
    public record Backend(Double cpuCores, Map<String, Long> peaks, Double handlerMs) {
        /** The counters a backend's reading may hold, differenced over the hold. */
        public static final String CPU_NS = "cpu_ns";
        public static final String HANDLER_NS = "handler_ns";
        public static final String ENDED = "ended";

        public Backend {
            peaks = peaks == null ? Map.of() : new TreeMap<>(peaks);
        }
    }

    /** True when the harness, not the target, was the limit at this level; false when unknown. */
    public boolean harnessBound() {
        return harness != null && harness.harnessBound();
    }

    public double koPercent() {
        return requests == 0 ? 0 : 100.0 * ko / requests;
    }
}
