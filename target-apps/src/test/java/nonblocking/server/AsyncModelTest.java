package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The async model: callbacks and a timer, so thousands of paused requests need no more threads than one. */
class AsyncModelTest {
    private static final int REQUESTS = 2000;
    private static final long PAUSE_MS = 2000;

    @Test
    void twoThousandPausedRequestsOnAHandfulOfPlatformThreads() throws Exception {
        try (TargetServer server = Configs.of(ThreadModel.ASYNC).stopTimeoutMs(2000).start();
             TestHttp http = new TestHttp(server)) {
            assertThat(server.poolSettings()).startsWith("async(qtp-max=" + (2 + ServerThreads.SPARE_THREADS) + ",");
            try (SocketBurst burst = SocketBurst.open(server.port(), REQUESTS)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> server.connections() >= REQUESTS);
                http.reset();

                // Long enough a pause that all 2,000 are inside the handler at once, however slowly they are written.
                SocketBurst.Result result = burst.send("/?pause=" + PAUSE_MS, Duration.ofSeconds(60));

                assertThat(result.replies()).hasSize(REQUESTS).allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.chunks()).extracting(RawHttp.Chunk::data).containsExactly("Hello", "World");
                    assertThat(r.header("X-Thread-Model")).isEqualTo("async");
                });
                Census census = http.threads();
                System.out.printf("async: %d requests x %d ms took %d ms; in-flight peak %d; platform threads peak %d"
                                + " (live before %d)%n", REQUESTS, PAUSE_MS, result.elapsed().toMillis(),
                        census.inFlightPeak(), census.platformThreadsPeak(), census.platformThreadsLive());
                assertThat(census.inFlightPeak()).isEqualTo(REQUESTS);
                // The whole JVM (server, this test's client, JUnit): a blocking pool would need 2,000 threads.
                assertThat(census.platformThreadsPeak()).isLessThan(50);
                assertThat(census.served()).isEqualTo(REQUESTS);
                await().atMost(Duration.ofSeconds(10)).until(() -> http.census().inFlight() == 0);
            }
        }
    }
}
