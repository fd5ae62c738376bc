package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server does not work for clients that have left: a paused request whose client closes or resets its connection
 * ends at once, and a queued one is not run. Waits are conditions with generous timeouts, far below the 60 s pause
 * a server that did not notice would hold.
 */
class ClientLeavesTest {
    private static final String LONG = "GET /?pause=60000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** How a client leaves. */
    enum Leaving {
        /** FIN: an orderly close. */
        CLOSE,
        /** RST: SO_LINGER 0, as a killed load generator's kernel may send. */
        RESET;

        void leave(Socket socket) throws IOException {
            if (this == RESET) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        }
    }

    static Stream<Arguments> modelsAndLeavings() {
        return Stream.of(ThreadModel.values())
                .flatMap(model -> Stream.of(Leaving.values()).map(leaving -> Arguments.of(model, leaving)));
    }

    @ParameterizedTest
    @MethodSource("modelsAndLeavings")
    void aPausedRequestWhoseClientLeavesEndsAtOnce(ThreadModel model, Leaving leaving) throws Exception {
        try (TargetServer server = Configs.of(model).stopTimeoutMs(500).start(); TestHttp http = new TestHttp(server)) {
            Socket socket = RawHttp.connect(server.port());
            RawHttp.write(socket, LONG);
            awaitHello(socket.getInputStream());
            assertThat(http.threads().inFlight()).isEqualTo(1);

            leaving.leave(socket);

            await().atMost(WAIT).until(() -> http.census().inFlight() == 0);
            Census census = http.threads();
            assertThat(census.abandoned()).isEqualTo(1);
            assertThat(census.served()).isZero();
        }
    }

    /**
     * Two threads, both paused for clients that then leave, and ten requests queued behind them whose clients leave
     * too: the pool must be free again long before the 60 s pause would end. The watch runs on the selector, so the
     * saturated pool does not stop it noticing.
     */
    @ParameterizedTest
    @EnumSource(Leaving.class)
    void aSaturatedBlockingPoolRecoversWhenItsClientsLeave(Leaving leaving) throws Exception {
        try (TargetServer server = Configs.of(ThreadModel.BLOCKING).threads(2).censusPort(0).stopTimeoutMs(500).start();
             TestHttp census = new TestHttp(server.censusUri().orElseThrow());
             TestHttp http = new TestHttp(server)) {
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                clients.add(RawHttp.connect(server.port()));
                RawHttp.write(clients.get(i), LONG);
            }
            await().atMost(WAIT).until(() -> census.census().inFlight() == 2);
            for (int i = 0; i < 10; i++) {
                Socket queued = RawHttp.connect(server.port());
                RawHttp.write(queued, LONG);
                clients.add(queued);
            }
            assertThat(census.threads().inFlight()).as("the queued ones wait for a thread").isEqualTo(2);

            for (Socket client : clients) {
                leaving.leave(client);
            }

            HttpResponse<String> fresh = http.client().send(http.request("/?pause=0").timeout(WAIT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(fresh.body()).isEqualTo("HelloWorld");
            await().atMost(WAIT).until(() -> census.census().inFlight() == 0);
            Census after = census.threads();
            // The two paused ones at least; a queued one counts too when its request was read before the close.
            assertThat(after.abandoned()).isBetween(2L, 12L);
            assertThat(after.served()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void aRequestPipelinedDuringThePauseIsAnsweredAfterIt(ThreadModel model) throws Exception {
        try (TargetServer server = Configs.of(model).stopTimeoutMs(500).start(); TestHttp http = new TestHttp(server);
             Socket socket = RawHttp.connect(server.port())) {
            long sent = System.nanoTime();
            RawHttp.write(socket, "GET /?pause=500 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            await().atMost(WAIT).until(() -> http.census().inFlight() == 1);
            // The next request arrives while the first one pauses: the watch reads its first byte and gives it back.
            RawHttp.write(socket, "GET /?pause=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

            assertThat(RawHttp.read(socket, sent).body()).isEqualTo("HelloWorld");
            assertThat(RawHttp.read(socket, sent).body()).isEqualTo("HelloWorld");
            assertThat(http.threads().abandoned()).isZero();
        }
    }

    /** Jetty reports an idle timeout during the pause to the request, not to the watch's fill interest. */
    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void aPauseLongerThanTheIdleTimeoutStillCompletes(ThreadModel model) throws Exception {
        try (TargetServer server = Configs.of(model).idleTimeoutMs(300).stopTimeoutMs(500).start()) {
            RawHttp.Reply reply = RawHttp.exchange(server.port(), "GET /?pause=1200 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(reply.body()).isEqualTo("HelloWorld");
        }
    }

    @Test
    void aClosedClientIsNotAnsweredButOthersAre() throws Exception {
        // The watch must not mistake an idle keep-alive connection for a departed client of another request.
        try (TargetServer server = Configs.of(ThreadModel.VIRTUAL).stopTimeoutMs(500).start();
             TestHttp http = new TestHttp(server)) {
            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/?pause=10").body()).isEqualTo("HelloWorld");
            }
            assertThat(http.threads().abandoned()).isZero();
            assertThat(http.threads().served()).isEqualTo(3);
        }
    }

    /**
     * Reads the status line, headers and the "Hello" chunk: the request is in its pause now. (Jetty sends a chunk's
     * closing CRLF with the next chunk.)
     */
    private static void awaitHello(InputStream in) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().contains("\r\n5\r\nHello")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before Hello: " + seen);
            }
            seen.append(new String(new byte[] {(byte) b}, StandardCharsets.ISO_8859_1));
        }
    }
}
