package nonblocking.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Optional;
import nonblocking.server.wait.Figures;

/**
 * What {@code GET /threads} answers: the target's own count of its threads, requests and memory. The server writes
 * it with {@link #toJson()}, the ladder reads it with {@link #parse(String)}: one type on both sides. Its fields are
 * written in the order declared here (Jackson writes a record's properties in its constructor's order).
 *
 * @param model                 blocking, virtual or async
 * @param jdk                   {@code java.version} of the target JVM
 * @param platformThreadsLive   live platform threads of the whole JVM (ThreadMXBean; virtual threads not included)
 * @param platformThreadsPeak   their peak since start or the last reset
 * @param virtualScheduler      the JDK's virtual-thread scheduler (JDK 24+; null before)
 * @param inFlight              seed requests between entering the handler and completing
 * @param inFlightPeak          their peak since start or the last reset
 * @param served                seed requests answered in full
 * @param abandoned             seed requests whose client left before the response completed (also those never run)
 * @param cpuTimeNs             CPU time of the whole process, all threads (null where unsupported)
 * @param contextSwitches       voluntary + involuntary context switches of the live threads (exited ones not counted),
 *                              only with {@code ?costs=true} (one file per thread), null otherwise or without /proc
 * @param heapUsedBytes         heap in use (after a GC with {@code ?gc=true}: retained heap)
 * @param heapMaxBytes          the heap's maximum (null if undefined)
 * @param rssBytes              resident memory, VmRSS (Linux; null elsewhere)
 * @param uptimeMs              since the server was built
 * @param pauseMs               the server's default pause
 * @param threads               blocking: the pool's request threads; null for other models
 * @param maxVirtualThreads     virtual: the cap on concurrent handlers; null when unbounded or not virtual
 * @param heapAfterGcBytes      heap in use right after the latest young or full collection, as the collector reports
 *                              it (the GC log's figure after the arrow): retained heap without a System.gc() pausing
 *                              a measured hold. Null before the first collection or where the JVM does not say
 * @param gcCount               collections so far, of every collector: if it did not move between two readings,
 *                              neither did {@code heapAfterGcBytes} (the GC log on stdout tells which they were)
 * @param gcPauseMs             stop-the-world collection time so far, ms: between two readings, how long every request
 *                              in flight stood still for the collector
 * @param failed                seed requests answered with an error because what they waited on failed (502, 503)
 * @param handlerNs             time every ended seed request spent in the handler, summed, ns: with the client's own
 *                              latency it tells how long requests waited for a thread before it
 * @param connections           connections open on the main port now
 * @param waitKind              what requests wait on: sleep, http or db
 * @param waitFigures           the wait's own figures: time per phase (counters) and pool sizes (gauges)
 * @param lastFailure           why the latest failed request failed, e.g. "502 database: FATAL: terminating connection
 *                              due to administrator command"; null while none has
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Census(
        String model,
        String jdk,
        long pid,
        int platformThreadsLive,
        int platformThreadsPeak,
        int platformThreadsDaemon,
        VirtualScheduler virtualScheduler,
        int inFlight,
        int inFlightPeak,
        long served,
        long abandoned,
        Long cpuTimeNs,
        Long contextSwitches,
        long heapUsedBytes,
        Long heapMaxBytes,
        Long rssBytes,
        long uptimeMs,
        long pauseMs,
        Integer threads,
        Integer maxVirtualThreads,
        Long heapAfterGcBytes,
        long gcCount,
        long gcPauseMs,
        long failed,
        long handlerNs,
        int connections,
        String waitKind,
        Figures waitFigures,
        String lastFailure) {

    /** Figures of the JDK's virtual-thread scheduler (the ForkJoinPool of carrier threads). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record VirtualScheduler(int parallelism, int poolSize, int mountedVirtualThreadCount,
                                   long queuedVirtualThreadCount) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a census (unknown fields ignored, missing nullable ones null), or a one-line TargetException. */
    public static Census parse(String json) {
        try {
            return Optional.ofNullable(JSON.readValue(json, Census.class))
                    .orElseThrow(() -> new TargetException("census is empty", null));
        } catch (JsonProcessingException e) {
            throw new TargetException("census is not readable JSON: " + oneLine(e.getOriginalMessage()), e);
        }
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write census: " + oneLine(e.getOriginalMessage()), e);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
