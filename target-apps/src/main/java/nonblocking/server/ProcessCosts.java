package nonblocking.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
     * Voluntary plus involuntary context switches, summed over every live thread's /proc/self/task/N/status (Linux).
     * Threads that have exited are not counted: the sum can drop when threads end. One file per thread: with
     * thousands of platform threads this costs milliseconds, so the census reads it only on request.
     *
     * @return the sum, or null without /proc
     */
    static Long contextSwitches() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(PROC_TASKS)) {
            for (Path task : tasks) {
                sum += switchesOf(task.resolve("status"));
            }
        } catch (IOException | RuntimeException e) {
            return null; // not Linux, or /proc not mounted: the field is documented as nullable
        }
        return sum;
    }

    private static long switchesOf(Path status) {
        long sum = 0;
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                    sum += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException e) {
            return 0; // the thread ended between listing and reading
        }
        return sum;
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
