package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed: "Hello" at once, the pause, then "World", as two chunks, the same in every model. */
class ChunkedHelloTest {
    private static final long PAUSE_MS = 1000;

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void helloArrivesAtOnceAndWorldAfterThePause(ThreadModel model) throws Exception {
        TargetConfig config = Configs.of(model).pauseMs(PAUSE_MS).stopTimeoutMs(2000).build();
        try (TargetServer server = new TargetServer(config).start()) {
            // No "Connection: close": with it Jetty may delimit the body by closing instead of chunking.
            String request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            RawHttp.exchange(server.port(), request.replace("GET /", "GET /?pause=0")); // warm up

            RawHttp.Reply reply = RawHttp.exchange(server.port(), request);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("Content-Type")).isEqualTo("text/plain");
            assertThat(reply.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(reply.header("Content-Length")).isNull();
            assertThat(reply.header("X-Thread-Model")).isEqualTo(model.label());
            assertThat(reply.chunks()).extracting(RawHttp.Chunk::data).containsExactly("Hello", "World");

            long hello = reply.chunks().get(0).arrivedMs();
            long world = reply.chunks().get(1).arrivedMs();
            assertThat(world).as("whole body not before the pause").isGreaterThanOrEqualTo(PAUSE_MS);
            assertThat(hello).as("Hello arrives well before the pause ends").isLessThan(PAUSE_MS / 2);
            assertThat(world - hello).as("World waits for the pause").isGreaterThan(PAUSE_MS / 2);
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void perRequestPauseOverridesTheDefault(ThreadModel model) throws Exception {
        // Server default 60 s: only the override can make this test finish.
        TargetConfig config = Configs.of(model).pauseMs(60_000).stopTimeoutMs(2000).build();
        try (TargetServer server = new TargetServer(config).start()) {
            RawHttp.Reply reply = RawHttp.exchange(server.port(),
                    "GET /?pause=50 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(reply.body()).isEqualTo("HelloWorld");
            assertThat(reply.chunks().get(1).arrivedMs()).isGreaterThanOrEqualTo(50).isLessThan(30_000);
        }
    }

    @Test
    void everyModelAnswersWithTheSameStatusHeadersAndChunks() throws Exception {
        Map<ThreadModel, RawHttp.Reply> replies = new EnumMap<>(ThreadModel.class);
        for (ThreadModel model : ThreadModel.values()) {
            try (TargetServer server = Configs.of(model).stopTimeoutMs(2000).start()) {
                replies.put(model, RawHttp.exchange(server.port(), "GET /?pause=20 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
            }
        }
        RawHttp.Reply blocking = replies.get(ThreadModel.BLOCKING);
        for (RawHttp.Reply reply : replies.values()) {
            assertThat(reply.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            // All headers but the ones that differ by nature: the date, and the two that name model and thread.
            assertThat(comparable(reply.headers())).isEqualTo(comparable(blocking.headers()));
            assertThat(reply.chunks()).extracting(RawHttp.Chunk::data).containsExactly("Hello", "World");
        }
        assertThat(comparable(blocking.headers())).containsOnlyKeys("content-type", "transfer-encoding");
    }

    private static Map<String, String> comparable(Map<String, String> headers) {
        Map<String, String> rest = new TreeMap<>(headers);
        rest.keySet().removeAll(List.of("date", "x-thread-model", "x-handler-thread"));
        return rest;
    }
}
