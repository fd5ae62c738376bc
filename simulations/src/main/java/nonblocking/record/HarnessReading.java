package nonblocking.record;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the machine and the load generator were doing at one moment: the machine's CPU ticks from {@code /proc/stat}
 * (all cores; null off Linux) and this JVM's own CPU time (Gatling's). Two readings bracket a level's hold.
 *
 * @param nanoTime      {@link System#nanoTime()} of the reading: intervals use the real time between two readings
 * @param busyTicks     machine CPU ticks spent on anything but idle and iowait since boot; null when unknown
 * @param totalTicks    all machine CPU ticks since boot; null when unknown
 * @param injectorCpuNs CPU time of this JVM (every thread), ns; -1 when unknown
 */
public record HarnessReading(long nanoTime, Long busyTicks, Long totalTicks, long injectorCpuNs) {

    private static final Path PROC_STAT = Path.of("/proc/stat");

    public static HarnessReading now() {
        long injector = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        Long busy = null;
        Long total = null;
        try (var lines = Files.lines(PROC_STAT)) {
            String cpu = lines.filter(line -> line.startsWith("cpu ")).findFirst().orElse(null);
            if (cpu != null) {
                String[] f = cpu.trim().split("\\s+");
                // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
                long sum = Arrays.stream(f, 1, Math.min(9, f.length)).mapToLong(Long::parseLong).sum();
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                total = sum;
                busy = sum - idle;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: machine CPU stays unknown.
        }
        return new HarnessReading(System.nanoTime(), busy, total, injector);
    }

    /** Share of all cores busy between {@code earlier} and this reading, 0..1; null when unknown. */
    public Double machineCpuSince(HarnessReading earlier) {
        if (busyTicks == null || earlier.busyTicks == null || totalTicks - earlier.totalTicks <= 0) {
            return null;
        }
        return (double) (busyTicks - earlier.busyTicks) / (totalTicks - earlier.totalTicks);
    }

    /** Cores' worth of CPU the load generator used between {@code earlier} and this reading; null when unknown. */
    public Double injectorCoresSince(HarnessReading earlier) {
        if (injectorCpuNs < 0 || earlier.injectorCpuNs < 0 || nanoTime <= earlier.nanoTime) {
            return null;
        }
        return (double) (injectorCpuNs - earlier.injectorCpuNs) / (nanoTime - earlier.nanoTime);
    }
}
