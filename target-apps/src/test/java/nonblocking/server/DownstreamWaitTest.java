package nonblocking.server;

import static nonblocking.server.Waits.counter;
import static nonblocking.server.Waits.gauge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The http wait against a real downstream server (this app, async model, sleep wait, as the experiment has it), in
 * every model: the calls are sequential, counted on both sides, failures are 502s naming the downstream server, and
 * a stopped target leaves no connection open on it.
 */
class DownstreamWaitTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long PAUSE_MS = 300;
    private static final int CALLS = 3;

    private static TargetServer downstream;
    private static TestHttp downstreamHttp;

    @BeforeAll
    static void startDownstream() throws Exception {
        downstream = Configs.of(ThreadModel.ASYNC).stopTimeoutMs(1000).start();
        downstreamHttp = new TestHttp(downstream);
    }

    @AfterAll
    static void stopDownstream() throws Exception {
        downstreamHttp.close();
        downstream.close();
    }

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void everyModelWaitsForItsSequentialCallsAndLeavesNoConnectionBehind(ThreadModel model) throws Exception {
        long servedBefore = downstreamHttp.threads().served();
        try (TargetServer server = Configs.of(model).wait(Waits.http(downstream, CALLS)).start();
             TestHttp http = new TestHttp(server)) {
            long start = System.nanoTime();
            List<HttpResponse<String>> answers = Load.all(http.sendAsync("/?pause=" + PAUSE_MS, 2));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(answers).extracting(HttpResponse::body).containsExactly("HelloWorld", "HelloWorld");
            // Three calls of 100 ms one after the other, not at once.
            assertThat(elapsedMs).isGreaterThanOrEqualTo(PAUSE_MS);
            await().atMost(WAIT).until(() -> downstreamHttp.census().served() - servedBefore == 2 * CALLS);
            Census census = http.threads();
            assertThat(census.waitKind()).isEqualTo("http");
            assertThat(census.waitFigures().counters())
                    .containsOnlyKeys("downstream_ns", "downstream_calls", "downstream_failures")
                    .containsEntry("downstream_calls", 2L * CALLS).containsEntry("downstream_failures", 0L);
            assertThat(counter(census, "downstream_ns")).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2 * PAUSE_MS));
            assertThat(census.waitFigures().gauges()).containsExactlyEntriesOf(Map.of("downstream_in_flight", 0L));
            assertThat(downstreamHttp.threads().connections()).as("kept alive while the target runs").isPositive();
        }
        await().atMost(WAIT).until(() -> downstreamHttp.census().connections() == 0);
    }

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void aStoppedDownstreamServerGives502sNamingItAndTheServerGoesOn(ThreadModel model) throws Exception {
        // No graceful stop: it would wait for the idle keep-alive connections of the target's client.
        TargetServer doomed = Configs.of(ThreadModel.ASYNC).stopTimeoutMs(0).start();
        String doomedUrl = doomed.uri().toString();
        try (TargetServer server = Configs.of(model).wait(Waits.http(doomed, CALLS)).start();
             TestHttp http = new TestHttp(server)) {
            assertThat(http.get("/?pause=30").body()).isEqualTo("HelloWorld");

            doomed.close();

            HttpResponse<String> failed = http.get("/?pause=30");
            assertThat(failed.statusCode()).isEqualTo(502);
            assertThat(failed.body()).isEqualTo("downstream " + doomedUrl + ": cannot connect\n");
            assertThat(http.get("/health").statusCode()).as("the server goes on").isEqualTo(200);
            Census census = http.threads();
            assertThat(census.failed()).isEqualTo(1);
            assertThat(counter(census, "downstream_failures")).isEqualTo(1);
            assertThat(gauge(census, "downstream_in_flight")).isZero();
        } finally {
            doomed.close();
        }
    }
}
