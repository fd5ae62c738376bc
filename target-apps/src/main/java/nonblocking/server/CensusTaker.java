package nonblocking.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.function.IntSupplier;
import nonblocking.server.wait.Wait;

/**
 * Answers "how many threads are spun up?" from inside the server. The platform-thread counts are the whole JVM's:
 * with a census port they include its pool, a fixed handful of platform threads (see
 * {@link ServerThreads#newCensusPool}), the same in every model, so the comparison stays fair.
 */
public final class CensusTaker {
    private static final String JDK = System.getProperty("java.version");
    private static final long PID = ProcessHandle.current().pid();

    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memoryBean = ManagementFactory.getMemoryMXBean();
    private final VirtualSchedulerProbe scheduler = VirtualSchedulerProbe.find();
    private final TargetConfig config;
    private final Requests requests;
    private final Wait wait;
    private final IntSupplier connections;
    private final long startedNanos = System.nanoTime();

    public CensusTaker(TargetConfig config, Requests requests, Wait wait, IntSupplier connections) {
        this.config = config;
        this.requests = requests;
        this.wait = wait;
        this.connections = connections;
    }

    /** {@code collectGarbage}: System.gc() first; {@code costs}: also the context switches. */
    public record Options(boolean collectGarbage, boolean costs) {
    }

    public Census take(Options options) {
        if (options.collectGarbage()) {
            System.gc();
        }
        MemoryUsage heap = memoryBean.getHeapMemoryUsage();
        return new Census(
                config.model().label(),
                JDK,
                PID,
                threadBean.getThreadCount(),
                threadBean.getPeakThreadCount(),
                threadBean.getDaemonThreadCount(),
                scheduler == null ? null : scheduler.read(),
                requests.inFlight(),
                requests.inFlightPeak(),
                requests.servedCount(),
                requests.abandonedCount(),
                ProcessCosts.cpuTimeNanos(),
                options.costs() ? ProcessCosts.contextSwitches() : null,
                heap.getUsed(),
                heap.getMax() < 0 ? null : heap.getMax(),
                ProcessCosts.residentSetBytes(),
                (System.nanoTime() - startedNanos) / 1_000_000,
                config.pauseMs(),
                config.model().pooled() ? config.threads() : null,
                config.model().capped() ? config.maxVirtualThreads() : null,
                GcFigures.heapAfterGcBytes(),
                GcFigures.collectionCount(),
                GcFigures.pausedMs(),
                requests.failedCount(),
                requests.handlerNanos(),
                connections.getAsInt(),
                config.waitSpec().kind().label(),
                wait.figures(),
                requests.lastFailure());
    }

    /** Starts a new window: platform and in-flight peaks drop to the current values; returns the census after. */
    public Census reset(Options options) {
        threadBean.resetPeakThreadCount();
        requests.resetPeak();
        return take(options);
    }
}
