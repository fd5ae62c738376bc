package nonblocking.targets;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The census goes to the census base URL when there is one, everything else to the load's base URL. */
class TargetClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A tiny server that answers every path with 200 and a census naming itself, and logs what it was asked. */
    private static HttpServer server(String model, List<String> seen) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = ("{\"model\":\"" + model + "\",\"platform_threads_peak\":7}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI base(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    void censusGoesToTheCensusPortLoadAndHealthToTheMainPort() throws Exception {
        List<String> main = new CopyOnWriteArrayList<>();
        List<String> census = new CopyOnWriteArrayList<>();
        HttpServer mainServer = server("main", main);
        HttpServer censusServer = server("census-port", census);
        try (TargetClient client = new TargetClient(base(mainServer), base(censusServer))) {
            assertThat(client.censusBase()).isEqualTo(base(censusServer));
            client.probe("blocking", TargetClient.loadUri(client.base(), 10, 0), nonblocking.ladder.TargetSpec.Request.of(true), TIMEOUT);
            assertThat(client.healthy()).isTrue();
            assertThat(client.census(true, false, TIMEOUT)).hasValueSatisfying(c -> assertThat(c.model()).isEqualTo("census-port"));
            assertThat(client.census(false, true, TIMEOUT)).isPresent();
            assertThat(client.resetPeaks(TIMEOUT)).isPresent();

            assertThat(main).containsExactly("GET /?pause=10", "GET /health");
            assertThat(census).containsExactly("GET /threads?gc=true&costs=false", "GET /threads?gc=false&costs=true",
                    "POST /threads/reset?costs=true");
        } finally {
            mainServer.stop(0);
            censusServer.stop(0);
        }
    }

    @Test
    void withoutACensusPortTheCensusGoesToTheMainUrl() throws Exception {
        List<String> main = new CopyOnWriteArrayList<>();
        HttpServer mainServer = server("main", main);
        try (TargetClient client = new TargetClient(base(mainServer), null)) {
            assertThat(client.censusBase()).isEqualTo(client.base());
            assertThat(client.census(false, false, TIMEOUT)).hasValueSatisfying(c -> assertThat(c.model()).isEqualTo("main"));
            assertThat(client.resetPeaks(TIMEOUT)).isPresent();
            assertThat(main).containsExactly("GET /threads?gc=false&costs=false", "POST /threads/reset?costs=true");
        } finally {
            mainServer.stop(0);
        }
    }
}
