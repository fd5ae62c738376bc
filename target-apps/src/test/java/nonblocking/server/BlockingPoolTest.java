package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The blocking model serves exactly --threads requests at once; the rest wait in Jetty's queue. */
class BlockingPoolTest {
    private static final long PAUSE_MS = 250;

    @Test
    void fourThreadsServeSixteenRequestsInFourWaves() throws Exception {
        TargetConfig config = Configs.of(ThreadModel.BLOCKING).threads(4).stopTimeoutMs(2000).build();
        try (TargetServer server = new TargetServer(config).start(); TestHttp http = new TestHttp(server)) {
            http.get("/?pause=0"); // warm up
            http.reset();

            Load.Burst burst = Load.burst(http, 16, "/?pause=" + PAUSE_MS, Duration.ofSeconds(30));

            assertThat(burst.responses()).allSatisfy(r ->
                    assertThat(r.headers().firstValue("X-Handler-Thread")).hasValue("platform"));
            System.out.printf("blocking: 16 requests x %d ms on 4 threads took %d ms%n", PAUSE_MS, burst.elapsedMs());
            // 16 requests / 4 threads = 4 waves: never faster; 1-2 pauses would mean the cap does not hold.
            assertThat(burst.elapsedMs()).isGreaterThanOrEqualTo(4 * PAUSE_MS);
            assertThat(burst.elapsedMs()).as("about 4 waves, not serial").isLessThan(12 * PAUSE_MS);
            Census census = http.threads();
            assertThat(census.inFlightPeak()).isEqualTo(4);
            assertThat(census.threads()).isEqualTo(4);
            assertThat(census.maxVirtualThreads()).isNull();
        }
    }

    @Test
    void acceptorsAndSelectorsDoNotEatIntoTheRequestThreads() throws Exception {
        // 30 requests on 10 threads: exactly 10 handlers at once, not 10 minus the acceptor and selector.
        TargetConfig config = Configs.of(ThreadModel.BLOCKING).threads(10).stopTimeoutMs(2000).build();
        try (TargetServer server = new TargetServer(config).start(); TestHttp http = new TestHttp(server)) {
            assertThat(server.poolSettings()).startsWith("qtp(threads=10,");

            Load.burst(http, 30, "/?pause=200", Duration.ofSeconds(30));

            assertThat(http.threads().inFlightPeak()).isEqualTo(10);
        }
    }
}
