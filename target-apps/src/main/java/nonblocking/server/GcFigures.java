package nonblocking.server;

import com.sun.management.GcInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the garbage collectors already know, read without collecting: the heap left by the last collection and how
 * many collections there have been. So the census can report retained heap during a hold without a System.gc() of
 * its own, which would pause the very server being measured. The heap after a collection is the collector's own
 * "after" figure ({@link GcInfo#getMemoryUsageAfterGc}), summed over the heap pools: what the GC log prints as
 * {@code 120M->48M}. Not the pools' collection usage: on G1 a young collection leaves the Old Gen's collection usage
 * as the last full or mixed one left it, so what young collections promoted since would be missing. A concurrent
 * collector's cycles (G1's "Concurrent GC") are skipped: their "after" figure counts the Eden that the application
 * kept filling meanwhile.
 */
final class GcFigures {
    // The JVM's collectors and pools are fixed at start-up.
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();
    private static final List<com.sun.management.GarbageCollectorMXBean> PAUSING = COLLECTORS.stream()
            .filter(c -> c instanceof com.sun.management.GarbageCollectorMXBean && !c.getName().contains("Concurrent"))
            .map(c -> (com.sun.management.GarbageCollectorMXBean) c)
            .toList();
    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());

    private GcFigures() {
    }

    /** Collections so far, of every collector (a collector that cannot count, -1, is left out). */
    static long collectionCount() {
        return COLLECTORS.stream().mapToLong(collector -> Math.max(0, collector.getCollectionCount())).sum();
    }

    /**
     * Time the application stood still for collections so far, ms: every collector's time but those that count
     * concurrent cycles (ZGC's and Shenandoah's "Cycles"; their "Pauses" beans count the pauses). G1's "Concurrent
     * GC" counts its Remark and Cleanup pauses, so it stays.
     */
    static long pausedMs() {
        return COLLECTORS.stream().filter(collector -> !collector.getName().contains("Cycles"))
                .mapToLong(collector -> Math.max(0, collector.getCollectionTime())).sum();
    }

    /** The heap in use right after the latest pausing collection, young or full; null if none or unknown. */
    static Long heapAfterGcBytes() {
        return PAUSING.stream()
                .map(com.sun.management.GarbageCollectorMXBean::getLastGcInfo)
                .filter(Objects::nonNull)
                .max(Comparator.comparingLong(GcInfo::getEndTime))
                .map(latest -> latest.getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed())
                        .sum())
                .orElse(null);
    }
}
