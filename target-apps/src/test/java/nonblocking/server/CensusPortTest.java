package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The census port (--census-port): its requests run on its own small pool, never on the server's pool nor on
 * virtual threads, so the census answers while a blocking pool is saturated; and it serves nothing else.
 */
class CensusPortTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Configs config(ThreadModel model) {
        return Configs.of(model).censusPort(0).stopTimeoutMs(500);
    }

    @Test
    void censusAnswersWhileTheBlockingPoolIsSaturated() throws Exception {
        // 2 threads, 6 requests that each hold a thread for 30 s: 2 in the handler, 4 waiting for the pool.
        // Stop timeout 0: no graceful wait for the 30 s handlers at the end (Jetty would throw a TimeoutException).
        TargetConfig config = config(ThreadModel.BLOCKING).threads(2).stopTimeoutMs(0).build();
        try (TargetServer server = new TargetServer(config).start();
             TestHttp load = new TestHttp(server);
             TestHttp census = new TestHttp(server.censusUri().orElseThrow())) {
            // HttpClient.close() would wait for the held requests: abort them instead, whatever happens.
            try {
                saturateAndAskBothPorts(server, load, census);
            } finally {
                load.client().shutdownNow();
            }
        }
    }

    private static void saturateAndAskBothPorts(TargetServer server, TestHttp load, TestHttp census) throws Exception {
        // First fill both threads, then queue 4 more. (Not "wait for 6 connections": with the pool full, Jetty
        // does not even register a new connection, since it creates the endpoint on a pool thread too.)
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        held.addAll(load.sendAsync("/?pause=30000", 2));
        await().atMost(WAIT).until(() -> census.census().inFlight() == 2);
        held.addAll(load.sendAsync("/?pause=30000", 4));

        // The main port queues behind the 30 s requests, even its /health: no answer within 2 s...
        assertThatThrownBy(() -> load.client().send(load.request("/health").timeout(Duration.ofSeconds(2))
                .GET().build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        // ...while the census port answers at once (well within the pause), from its own pool.
        HttpResponse<String> response = census.client().send(census.request("/threads")
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue(PlainResponses.HANDLER_THREAD_NAME_HEADER))
                .hasValueSatisfying(name -> assertThat(name).startsWith(ServerThreads.CENSUS_POOL_NAME + "-"));
        Census body = Census.parse(response.body());
        assertThat(body.inFlight()).isEqualTo(2);
        assertThat(body.threads()).isEqualTo(2);

        HttpResponse<String> reset = census.send("POST", "/threads/reset");
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(Census.parse(reset.body()).inFlightPeak()).isEqualTo(2);
        assertThat(census.get("/health").statusCode()).isEqualTo(200);
        assertThat(held).noneMatch(CompletableFuture::isDone);
    }

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void servesOnlyTheCensusEndpointsAndOnItsOwnPlatformThreads(ThreadModel model) throws Exception {
        try (TargetServer server = config(model).start();
             TestHttp main = new TestHttp(server);
             TestHttp census = new TestHttp(server.censusUri().orElseThrow())) {
            assertThat(server.censusUri().orElseThrow()).isNotEqualTo(server.uri());

            // No load can land on the census port.
            for (String path : List.of("/", "/?pause=0")) {
                HttpResponse<String> response = census.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(404);
                assertThat(response.body()).contains("census port");
            }
            assertThat(census.get("/nothing").statusCode()).isEqualTo(404);
            assertThat(census.threads().served()).isZero();

            for (HttpResponse<String> response : List.of(census.get("/threads?gc=true"), census.get("/health"),
                    census.send("POST", "/threads/reset"))) {
                assertThat(response.statusCode()).isEqualTo(200);
                // Not the server's pool ("jetty-<model>-N"), not a virtual thread: the census pool.
                assertThat(response.headers().firstValue(PlainResponses.HANDLER_THREAD_NAME_HEADER))
                        .hasValueSatisfying(name -> assertThat(name).startsWith(ServerThreads.CENSUS_POOL_NAME + "-"));
            }
            assertThat(census.threads().model()).isEqualTo(model.label());
            assertThat(census.send("GET", "/threads/reset").statusCode()).isEqualTo(405);

            // The main port serves the load, on the model's own threads, and /health; no census, no control.
            HttpResponse<String> hello = main.get("/?pause=0");
            assertThat(hello.body()).isEqualTo("HelloWorld");
            assertThat(hello.headers().firstValue(Hello.HANDLER_THREAD_HEADER))
                    .hasValue(model == ThreadModel.VIRTUAL ? "virtual" : "platform");
            assertThat(main.get("/health").statusCode()).isEqualTo(200);
            for (String[] control : List.of(new String[]{"GET", "/threads"}, new String[]{"POST", "/threads/reset"},
                    new String[]{"POST", "/threads/stall?ms=60000"})) {
                HttpResponse<String> response = main.send(control[0], control[1]);
                assertThat(response.statusCode()).as(control[1]).isEqualTo(404);
                assertThat(response.body()).contains("census port");
            }
            assertThat(census.threads().served()).isEqualTo(1);

            // A fixed handful of platform threads, the same in every model (counted by ThreadMXBean like any other).
            int fixed = ServerThreads.CENSUS_ACCEPTORS + ServerThreads.CENSUS_SELECTORS + ServerThreads.CENSUS_WORKERS;
            await().atMost(WAIT).until(() -> censusThreads() == fixed);
        }
    }

    @Test
    void withoutACensusPortThereIsNoneAndTheReadyLineSaysNothing() throws Exception {
        try (TargetServer server = Configs.of(ThreadModel.VIRTUAL).censusPort(null).stopTimeoutMs(500).start()) {
            assertThat(server.censusUri()).isEmpty();
            assertThat(server.readyLine()).doesNotContain("census=");
        }
    }

    @Test
    void readyLineNamesTheCensusPortRightAfterTheUrl() throws Exception {
        try (TargetServer server = config(ThreadModel.BLOCKING).start()) {
            URI census = server.censusUri().orElseThrow();
            assertThat(census.getPort()).isPositive().isNotEqualTo(server.port());
            assertThat(server.readyLine()).contains(" url=" + server.uri() + " census=" + census + " pool=qtp(");
        }
    }

    private static long censusThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(ServerThreads.CENSUS_POOL_NAME + "-"))
                .count();
    }
}
