package nonblocking.server;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Thousands of requests really at once. Connections are opened first (as a load generator such as wrk does),
 * then every request is written in one quick loop and each response read on its own virtual thread. An HTTP
 * client library opens connections lazily, and that setup alone can outlast a short pause.
 */
final class SocketBurst implements AutoCloseable {
    record Result(List<RawHttp.Reply> replies, Duration elapsed) {
    }

    private final List<Socket> sockets;

    private SocketBurst(List<Socket> sockets) {
        this.sockets = sockets;
    }

    /** Opens the connections; the caller may wait until the server has accepted them all. */
    static SocketBurst open(int port, int connections) throws IOException {
        List<Socket> sockets = new ArrayList<>(connections);
        SocketBurst burst = new SocketBurst(sockets);
        try {
            for (int i = 0; i < connections; i++) {
                sockets.add(RawHttp.connect(port));
            }
        } catch (IOException e) {
            burst.close();
            throw e;
        }
        return burst;
    }

    /** One request on every connection at once; waits for all replies, at most {@code limit}. */
    Result send(String pathAndQuery, Duration limit) throws Exception {
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            long start = System.nanoTime();
            List<Future<RawHttp.Reply>> replies = new ArrayList<>(sockets.size());
            for (Socket socket : sockets) {
                RawHttp.write(socket, request);
                replies.add(readers.submit(() -> RawHttp.read(socket, start)));
            }
            long deadline = start + limit.toNanos();
            List<RawHttp.Reply> done = new ArrayList<>(sockets.size());
            for (Future<RawHttp.Reply> reply : replies) {
                done.add(reply.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return new Result(done, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public void close() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
