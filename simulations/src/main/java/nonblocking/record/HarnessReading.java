package nonblocking.record;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the machine and the load generator were doing at one moment: the machine's CPU ticks since boot from
 * /proc/stat (all cores; busy is all but idle and iowait; null off Linux) and this JVM's own CPU time (Gatling's; -1
 * when unknown). Two readings bracket a level's hold; intervals use the real time between their nanoTimes.
 *
 * @param cores the machine's cores as this JVM sees them; 0 when unknown (records written before it was kept)
 */
public record HarnessReading(long nanoTime, Long busyTicks, Long totalTicks, long injectorCpuNs, int cores) {

    public static HarnessReading now() {
        long injector = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        int cores = Runtime.getRuntime().availableProcessors();
        try (var lines = Files.lines(Path.of("/proc/stat"))) {
            String[] f = lines.filter(line -> line.startsWith("cpu ")).findFirst().orElseThrow().trim().split("\\s+");
            // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
            long total = Arrays.stream(f, 1, Math.min(9, f.length)).mapToLong(Long::parseLong).sum();
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new HarnessReading(System.nanoTime(), total - idle, total, injector, cores);
        } catch (IOException | RuntimeException e) {
            return new HarnessReading(System.nanoTime(), null, null, injector, cores);   // not Linux: machine CPU unknown
        }
    }

    /** Share of all cores busy between {@code earlier} and this reading, 0..1; null when unknown. */
    public Double machineCpuSince(HarnessReading earlier) {
        return busyTicks == null || earlier.busyTicks == null || totalTicks - earlier.totalTicks <= 0 ? null
                : (double) (busyTicks - earlier.busyTicks) / (totalTicks - earlier.totalTicks);
    }

    /** Cores' worth of CPU the load generator used between {@code earlier} and this reading; null when unknown. */
    public Double injectorCoresSince(HarnessReading earlier) {
        return injectorCpuNs < 0 || earlier.injectorCpuNs < 0 || nanoTime <= earlier.nanoTime ? null
                : (double) (injectorCpuNs - earlier.injectorCpuNs) / (nanoTime - earlier.nanoTime);
    }
}
