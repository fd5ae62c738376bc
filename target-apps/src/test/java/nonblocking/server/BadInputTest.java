package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wrong paths, methods and pauses get a clear status and a one-line reason; Jetty's limits still apply. */
class BadInputTest {
    private static TargetServer server;
    private static TestHttp http;

    @BeforeAll
    static void start() throws Exception {
        server = new TargetServer(Configs.of(ThreadModel.VIRTUAL).stopTimeoutMs(2000).build()).start();
        http = new TestHttp(server);
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        server.stop();
    }

    @Test
    void unknownPathIs404() throws Exception {
        HttpResponse<String> response = http.get("/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("no such path (this port serves / and /health;").endsWith(": /nope\n");
    }

    @ParameterizedTest
    @CsvSource({"POST,/,GET,main", "PUT,/,GET,main", "DELETE,/health,GET,main", "PUT,/threads,GET,census",
            "POST,/threads,GET,census", "GET,/threads/reset,POST,census", "GET,/threads/stall,POST,census"})
    void wrongMethodIs405(String method, String path, String allowed, String port) throws Exception {
        HttpResponse<String> response = port.equals("main") ? http.send(method, path) : http.onCensusPort(method, path);
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue(allowed);
        assertThat(response.body()).contains(method).endsWith("\n").hasLineCount(1);
    }

    @ParameterizedTest
    @CsvSource({"abc,whole number", "1.5,whole number", "'',whole number", "-1,between 0 and 60000",
            "60001,between 0 and 60000", "99999999999999999999,whole number"})
    void badPauseIs400WithAReason(String pause, String reason) throws Exception {
        HttpResponse<String> response = http.get("/?pause=" + pause);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(reason).endsWith("\n").hasLineCount(1);
    }

    @ParameterizedTest
    @CsvSource({"x,whole number of microseconds", "-5,between 0 and 1000000 us", "1000001,between 0 and 1000000 us"})
    void badWorkIs400WithAReason(String work, String reason) throws Exception {
        HttpResponse<String> response = http.get("/?pause=0&work=" + work);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("work must be").contains(reason).endsWith("\n").hasLineCount(1);
    }

    @Test
    void workAtTheLimitsIsAccepted() throws Exception {
        assertThat(http.get("/?pause=0&work=0").statusCode()).isEqualTo(200);
        assertThat(SeedQuery.work(null)).isZero();
        assertThat(SeedQuery.work("1000000")).isEqualTo(1_000_000);
    }

    @Test
    void pauseAtTheLimitsIsAccepted() throws Exception {
        assertThat(http.get("/?pause=0").statusCode()).isEqualTo(200);
        // 60000 itself is valid: check the parser rather than wait a minute.
        assertThat(SeedQuery.pause("60000", 1000)).isEqualTo(60_000);
    }

    @Test
    void oversizedHeaderIs431AndTheServerGoesOn() throws Exception {
        String huge = "x".repeat(16 * 1024);
        RawHttp.Reply reply = RawHttp.exchange(server.port(),
                "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Huge: " + huge + "\r\nConnection: close\r\n\r\n");
        assertThat(reply.status()).isEqualTo(431);

        assertThat(http.get("/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/?pause=0").body()).isEqualTo("HelloWorld");
    }

    @Test
    void healthIsOk() throws Exception {
        HttpResponse<String> response = http.get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }
}
