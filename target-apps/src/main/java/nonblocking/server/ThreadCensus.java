package nonblocking.server;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Answers "how many threads are spun up?" from inside the server: platform threads from ThreadMXBean, the
 * virtual-thread scheduler from its MXBean, requests in flight from the {@link Census}, and memory.
 *
 * <p>The platform-thread counts are the whole JVM's. With a census port ({@code --census-port}) they include its
 * pool: a fixed handful of platform threads (see {@link ServerThreads#newCensusPool}), the same in both models,
 * so the comparison stays fair.
 */
public final class ThreadCensus {

    /** What {@code GET /threads} returns; field names become snake_case in JSON. */
    @JsonPropertyOrder({"model", "platform_threads_live", "platform_threads_peak", "platform_threads_daemon",
            "virtual_scheduler", "in_flight", "in_flight_peak", "served", "heap_used_bytes", "heap_max_bytes",
            "rss_bytes", "uptime_ms", "pause_ms", "threads", "max_virtual_threads"})
    public record Report(
            String model,
            int platformThreadsLive,
            int platformThreadsPeak,
            int platformThreadsDaemon,
            VirtualScheduler virtualScheduler,
            int inFlight,
            int inFlightPeak,
            long served,
            long heapUsedBytes,
            Long heapMaxBytes,
            Long rssBytes,
            long uptimeMs,
            long pauseMs,
            Integer threads,
            Integer maxVirtualThreads) {
    }

    /** Figures of the JDK's virtual-thread scheduler (the ForkJoinPool of carrier threads). */
    @JsonPropertyOrder({"parallelism", "pool_size", "mounted_virtual_thread_count", "queued_virtual_thread_count"})
    public record VirtualScheduler(int parallelism, int poolSize, int mountedVirtualThreadCount,
                                   long queuedVirtualThreadCount) {
    }

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private final ObjectMapper json = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memoryBean = ManagementFactory.getMemoryMXBean();
    private final VirtualSchedulerProbe scheduler = VirtualSchedulerProbe.find();
    private final TargetConfig config;
    private final Census census;
    private final long startedNanos = System.nanoTime();

    public ThreadCensus(TargetConfig config, Census census) {
        this.config = config;
        this.census = census;
    }

    /**
     * Takes the census.
     *
     * @param collectGarbage run System.gc() first, so heap_used_bytes is (close to) retained heap
     */
    public Report take(boolean collectGarbage) {
        if (collectGarbage) {
            System.gc();
        }
        MemoryUsage heap = memoryBean.getHeapMemoryUsage();
        return new Report(
                config.model().label(),
                threadBean.getThreadCount(),
                threadBean.getPeakThreadCount(),
                threadBean.getDaemonThreadCount(),
                scheduler == null ? null : scheduler.read(),
                census.inFlight(),
                census.inFlightPeak(),
                census.served(),
                heap.getUsed(),
                heap.getMax() < 0 ? null : heap.getMax(),
                residentSetBytes(),
                (System.nanoTime() - startedNanos) / 1_000_000,
                config.pauseMs(),
                config.threadsOrNull(),
                config.maxVirtualThreadsOrNull());
    }

    /** Starts a new window: platform and in-flight peaks drop to the current values. */
    public Report reset() {
        threadBean.resetPeakThreadCount();
        census.resetPeak();
        return take(false);
    }

    public String toJson(Report report) {
        try {
            return json.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write census", e);
        }
    }

    /** VmRSS from /proc/self/status (Linux); null elsewhere. */
    static Long residentSetBytes() {
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: the field is documented as nullable.
        }
        return null;
    }
}
