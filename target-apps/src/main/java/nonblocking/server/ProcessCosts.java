package nonblocking.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What the process costs the machine: CPU time, context switches, resident memory. Null where unknown. */
final class ProcessCosts {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    private static final Path PROC_TASKS = Path.of("/proc/self/task");

    private ProcessCosts() {
    }

    /** CPU time of all the process's threads so far (com.sun.management), or null where unsupported. */
    static Long cpuTimeNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long nanos = os.getProcessCpuTime();
            return nanos < 0 ? null : nanos;
        }
        return null;
    }

    /**
     * Voluntary plus involuntary context switches, summed over every live thread's /proc/self/task/N/status (Linux);
     * null without /proc. Threads that have exited are not counted: the sum can drop when threads end. One file per
     * thread: with thousands of platform threads this costs milliseconds, so the census reads it only on request.
     */
    static Long contextSwitches() {
        try (Stream<Path> tasks = Files.list(PROC_TASKS)) {
            return tasks.mapToLong(task -> switchesOf(task.resolve("status"))).sum();
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or /proc not mounted: the field is documented as nullable
        }
    }

    private static long switchesOf(Path status) {
        try {
            return Files.readAllLines(status).stream()
                    .filter(line -> line.startsWith("voluntary_ctxt_switches:")
                            || line.startsWith("nonvoluntary_ctxt_switches:"))
                    .mapToLong(ProcessCosts::value)
                    .sum();
        } catch (IOException e) {
            return 0; // the thread ended between listing and reading
        }
    }

    /** VmRSS from /proc/self/status (Linux); null elsewhere. */
    static Long residentSetBytes() {
        try {
            return Files.readAllLines(PROC_STATUS).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .findFirst()
                    .map(line -> value(line) * 1024)
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or /proc not mounted: the field is documented as nullable
        }
    }

    /** The number in a /proc status line, e.g. 1234 in "VmRSS:  1234 kB". */
    private static long value(String line) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").trim());
    }
}
