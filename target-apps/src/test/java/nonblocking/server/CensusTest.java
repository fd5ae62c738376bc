package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GET /threads and POST /threads/reset report what the test actually did. */
class CensusTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void fieldsAreTheDocumentedOnesInOrder(ThreadModel model) throws Exception {
        TargetConfig config = TargetConfig.defaults(model).withPauseMs(1234).withStopTimeoutMs(2000);
        try (TargetServer server = new TargetServer(config).start(); TestHttp http = new TestHttp(server)) {
            HttpResponse<String> response = http.get("/threads?gc=true");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");

            JsonNode census = http.threads();
            List<String> names = new ArrayList<>();
            census.fieldNames().forEachRemaining(names::add);
            // The contract with the load ladder and the README: these names, in this order.
            assertThat(names).containsExactly("model", "platform_threads_live", "platform_threads_peak",
                    "platform_threads_daemon", "virtual_scheduler", "in_flight", "in_flight_peak", "served",
                    "heap_used_bytes", "heap_max_bytes", "rss_bytes", "uptime_ms", "pause_ms", "threads",
                    "max_virtual_threads");

            assertThat(census.get("model").asText()).isEqualTo(model.label());
            assertThat(census.get("pause_ms").asLong()).isEqualTo(1234);
            assertThat(census.get("platform_threads_live").asInt()).isPositive();
            assertThat(census.get("platform_threads_peak").asInt())
                    .isGreaterThanOrEqualTo(census.get("platform_threads_live").asInt());
            assertThat(census.get("heap_used_bytes").asLong()).isPositive();
            assertThat(census.get("heap_max_bytes").asLong()).isPositive();
            assertThat(census.get("uptime_ms").asLong()).isNotNegative();
            if (System.getProperty("os.name").startsWith("Linux")) {
                assertThat(census.get("rss_bytes").asLong()).isGreaterThan(census.get("heap_used_bytes").asLong() / 2);
            }
            JsonNode scheduler = census.get("virtual_scheduler");
            if (Runtime.version().feature() >= 24) {
                Iterator<String> fields = scheduler.fieldNames();
                List<String> schedulerNames = new ArrayList<>();
                fields.forEachRemaining(schedulerNames::add);
                assertThat(schedulerNames).containsExactly("parallelism", "pool_size",
                        "mounted_virtual_thread_count", "queued_virtual_thread_count");
                assertThat(scheduler.get("parallelism").asInt()).isPositive();
            } else {
                assertThat(scheduler.isNull()).isTrue();
            }
            if (model == ThreadModel.BLOCKING) {
                assertThat(census.get("threads").asInt()).isEqualTo(TargetConfig.DEFAULT_THREADS);
                assertThat(census.get("max_virtual_threads").isNull()).isTrue();
            } else {
                assertThat(census.get("threads").isNull()).isTrue();
                assertThat(census.get("max_virtual_threads").asInt()).isEqualTo(TargetConfig.UNBOUNDED);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void countsServedAndInFlightAndResetsPeaks(ThreadModel model) throws Exception {
        TargetConfig config = TargetConfig.defaults(model).withStopTimeoutMs(2000);
        try (TargetServer server = new TargetServer(config).start(); TestHttp http = new TestHttp(server)) {
            assertThat(http.threads().get("served").asLong()).isZero();

            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/?pause=0").statusCode()).isEqualTo(200);
            }
            // Bad requests and other endpoints are not "served" seed requests.
            http.get("/?pause=-1");
            http.get("/health");
            await().atMost(WAIT).until(() -> http.census().get("served").asLong() == 3);

            // Hold 5 requests in the pause and look at them.
            List<CompletableFuture<HttpResponse<String>>> held = http.sendAsync("/?pause=3000", 5);
            await().atMost(WAIT).until(() -> http.census().get("in_flight").asInt() == 5);
            assertThat(http.threads().get("in_flight_peak").asInt()).isEqualTo(5);

            CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get();
            await().atMost(WAIT).until(() -> http.census().get("in_flight").asInt() == 0);
            JsonNode before = http.threads();
            assertThat(before.get("in_flight_peak").asInt()).isEqualTo(5);
            assertThat(before.get("served").asLong()).isEqualTo(8);

            JsonNode reset = http.reset();
            assertThat(reset.get("in_flight").asInt()).isZero();
            assertThat(reset.get("in_flight_peak").asInt()).isZero();
            assertThat(reset.get("served").asLong()).as("reset keeps the total").isEqualTo(8);
            assertThat(reset.get("platform_threads_peak").asInt())
                    .isLessThanOrEqualTo(before.get("platform_threads_peak").asInt());
            assertThat(reset.get("platform_threads_peak").asInt())
                    .isGreaterThanOrEqualTo(reset.get("platform_threads_live").asInt());
        }
    }
}
