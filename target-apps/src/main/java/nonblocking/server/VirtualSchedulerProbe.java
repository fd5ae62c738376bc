package nonblocking.server;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.Method;

/**
 * Reads {@code jdk.management.VirtualThreadSchedulerMXBean} (JDK 24+) by name, so the code still compiles for
 * release 21 and simply reports nothing on a JDK that lacks the bean.
 */
final class VirtualSchedulerProbe {
    private final Object bean;
    private final Method parallelism;
    private final Method poolSize;
    private final Method mounted;
    private final Method queued;

    private VirtualSchedulerProbe(Object bean, Class<?> type) throws NoSuchMethodException {
        this.bean = bean;
        this.parallelism = type.getMethod("getParallelism");
        this.poolSize = type.getMethod("getPoolSize");
        this.mounted = type.getMethod("getMountedVirtualThreadCount");
        this.queued = type.getMethod("getQueuedVirtualThreadCount");
    }

    /** The probe, or null where this JDK has no such bean. */
    static VirtualSchedulerProbe find() {
        try {
            Class<? extends PlatformManagedObject> type = Class.forName("jdk.management.VirtualThreadSchedulerMXBean")
                    .asSubclass(PlatformManagedObject.class);
            PlatformManagedObject bean = ManagementFactory.getPlatformMXBean(type);
            return bean == null ? null : new VirtualSchedulerProbe(bean, type);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Current figures, or null if the bean stopped answering. */
    Census.VirtualScheduler read() {
        try {
            return new Census.VirtualScheduler(
                    ((Number) parallelism.invoke(bean)).intValue(),
                    ((Number) poolSize.invoke(bean)).intValue(),
                    ((Number) mounted.invoke(bean)).intValue(),
                    ((Number) queued.invoke(bean)).longValue());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
