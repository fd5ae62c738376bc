package nonblocking.targets;

import nonblocking.NonblockingException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Ports for managed targets, chosen before the run so that every URL is known before any load (the targets start one
 * after the other, while the load is running). They lie below the kernel's ephemeral range, which the load's own
 * client sockets draw from, so that thousands of open connections cannot take a port a later target still needs.
 */
public final class FreePorts {

    private static final Path EPHEMERAL = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Below this, ports tend to belong to well-known services. */
    private static final int LOWEST = 10_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;

    private FreePorts() {
    }

    /** {@code count} distinct ports that were free on {@code host} just now. */
    public static List<Integer> take(String host, int count) {
        int[] range = ephemeralRange();
        int high = (range == null ? DEFAULT_EPHEMERAL_START : range[0]) - 1;
        int span = high - LOWEST + 1;
        if (span < count) {
            throw new NonblockingException("no room below the ephemeral port range (" + EPHEMERAL + " starts at "
                    + (high + 1) + ") for " + count + " target ports");
        }
        int start = ThreadLocalRandom.current().nextInt(span);
        List<Integer> ports = IntStream.range(0, span).map(i -> LOWEST + (start + i) % span)
                .filter(port -> free(host, port)).limit(count).boxed().toList();
        if (ports.size() < count) {
            throw new NonblockingException("only " + ports.size() + " of " + count + " ports free on " + host
                    + " between " + LOWEST + " and " + high);
        }
        return ports;
    }

    static boolean free(String host, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The kernel's ephemeral range, first and last port; null where it cannot be read. Connections from one source
     * address to one server can use at most its size.
     */
    public static int[] ephemeralRange() {
        try {
            // readAllLines, not readString: procfs reports a size of 0, and readString then stops short
            String[] range = Files.readAllLines(EPHEMERAL).getFirst().trim().split("\\s+");
            return new int[]{Integer.parseInt(range[0]), Integer.parseInt(range[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
