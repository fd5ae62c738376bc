package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The virtual model: every request its own virtual thread, so concurrency is not capped by a pool. */
class VirtualThreadsTest {

    @Test
    void twoThousandConcurrentRequestsFinishInAboutOnePause() throws Exception {
        int requests = 2000;
        long pause = 500;
        TargetConfig config = Configs.of(ThreadModel.VIRTUAL).stopTimeoutMs(2000).build();
        try (TargetServer server = new TargetServer(config).start(); TestHttp http = new TestHttp(server)) {
            try (SocketBurst warmUp = SocketBurst.open(server.port(), requests)) {
                warmUp.send("/?pause=0", Duration.ofSeconds(30)); // JIT, in the same shape as the real burst
            }
            try (SocketBurst burst = SocketBurst.open(server.port(), requests)) {
                // Time the requests, not the kernel handing 2,000 fresh connections to Jetty's acceptor.
                await().atMost(Duration.ofSeconds(20)).until(() -> server.connections() >= requests);
                http.reset();

                SocketBurst.Result result = burst.send("/?pause=" + pause, Duration.ofSeconds(30));

                assertThat(result.replies()).hasSize(requests).allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.body()).isEqualTo("HelloWorld");
                    assertThat(r.header("X-Thread-Model")).isEqualTo("virtual");
                    assertThat(r.header("X-Handler-Thread")).isEqualTo("virtual");
                });
                Census census = http.threads();
                System.out.printf("virtual: %d requests x %d ms pause took %d ms (last Hello after %d ms);"
                                + " in-flight peak %d; platform threads peak %d%n",
                        requests, pause, result.elapsed().toMillis(),
                        result.replies().stream().mapToLong(r -> r.chunks().get(0).arrivedMs()).max().orElse(-1),
                        census.inFlightPeak(), census.platformThreadsPeak());
                // A 200-thread pool would need 10 pauses (5 s); virtual threads need about one.
                assertThat(result.elapsed().toMillis()).isGreaterThanOrEqualTo(pause).isLessThan(2000);
                // Platform threads of this whole JVM (server, client, test runner) stay few.
                assertThat(census.platformThreadsPeak()).isLessThan(50);
                assertThat(census.served()).isGreaterThanOrEqualTo(2L * requests);

                // All 2,000 inside the handler at once. Seeing that needs every request to arrive before the
                // first one's pause ends: a longer pause keeps this assertion about the server, not about how
                // fast a busy machine writes 2,000 requests.
                http.reset();
                SocketBurst.Result held = burst.send("/?pause=" + HOLD_PAUSE_MS, Duration.ofSeconds(30));
                assertThat(held.replies()).hasSize(requests);
                Census heldCensus = http.threads();
                assertThat(heldCensus.inFlightPeak()).isGreaterThanOrEqualTo(requests);
                assertThat(heldCensus.platformThreadsPeak()).isLessThan(50);
                assertThat(held.elapsed().toMillis()).isLessThan(2 * HOLD_PAUSE_MS);
            }
        }
    }

    private static final long HOLD_PAUSE_MS = 2000;

    @Test
    void maxVirtualThreadsCapsConcurrencyThisIsTheCrippleKnob() throws Exception {
        TargetConfig config = Configs.of(ThreadModel.VIRTUAL).maxVirtualThreads(20)
                .stopTimeoutMs(2000).build();
        try (TargetServer server = new TargetServer(config).start(); TestHttp http = new TestHttp(server)) {
            Load.Burst burst = Load.burst(http, 80, "/?pause=200", Duration.ofSeconds(30));

            assertThat(burst.elapsedMs()).as("80 requests, 20 at a time: 4 waves").isGreaterThanOrEqualTo(800);
            Census census = http.threads();
            assertThat(census.inFlightPeak()).isEqualTo(20);
            assertThat(census.maxVirtualThreads()).isEqualTo(20);
            assertThat(census.threads()).isNull();
        }
    }
}
