package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import nonblocking.server.wait.Figures;
import nonblocking.server.wait.WaitSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GET /threads and POST /threads/reset report what the test actually did. */
class CensusTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void fieldsAreTheDocumentedOnesInOrder(ThreadModel model) throws Exception {
        TargetConfig config = Configs.of(model).pauseMs(1234).stopTimeoutMs(2000).build();
        try (TargetServer server = new TargetServer(config).start(); TestHttp http = new TestHttp(server)) {
            HttpResponse<String> response = http.onCensusPort("GET", "/threads?gc=true");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");

            JsonNode json = new ObjectMapper().readTree(response.body());
            List<String> names = new ArrayList<>();
            json.fieldNames().forEachRemaining(names::add);
            // The contract with the load ladder and the README: these names, in this order.
            assertThat(names).containsExactly("model", "jdk", "pid", "platform_threads_live", "platform_threads_peak",
                    "platform_threads_daemon", "virtual_scheduler", "in_flight", "in_flight_peak", "served",
                    "abandoned", "cpu_time_ns", "context_switches", "heap_used_bytes", "heap_max_bytes", "rss_bytes",
                    "uptime_ms", "pause_ms", "threads", "max_virtual_threads", "heap_after_gc_bytes", "gc_count",
                    "gc_pause_ms", "failed", "handler_ns", "connections", "wait_kind", "wait_figures", "last_failure");

            Census census = Census.parse(response.body());
            assertThat(census.model()).isEqualTo(model.label());
            assertThat(census.jdk()).isEqualTo(System.getProperty("java.version"));
            assertThat(census.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(census.pauseMs()).isEqualTo(1234);
            assertThat(census.platformThreadsLive()).isPositive();
            assertThat(census.platformThreadsPeak()).isGreaterThanOrEqualTo(census.platformThreadsLive());
            assertThat(census.heapUsedBytes()).isPositive();
            assertThat(census.heapMaxBytes()).isPositive();
            assertThat(census.uptimeMs()).isNotNegative();
            assertThat(census.cpuTimeNs()).as("HotSpot reports process CPU time").isPositive();
            assertThat(census.contextSwitches()).as("only with ?costs=true").isNull();
            if (System.getProperty("os.name").startsWith("Linux")) {
                assertThat(census.rssBytes()).isGreaterThan(census.heapUsedBytes() / 2);
            }
            JsonNode scheduler = json.get("virtual_scheduler");
            if (Runtime.version().feature() >= 24) {
                Iterator<String> fields = scheduler.fieldNames();
                List<String> schedulerNames = new ArrayList<>();
                fields.forEachRemaining(schedulerNames::add);
                assertThat(schedulerNames).containsExactly("parallelism", "pool_size",
                        "mounted_virtual_thread_count", "queued_virtual_thread_count");
                assertThat(census.virtualScheduler().parallelism()).isPositive();
            } else {
                assertThat(census.virtualScheduler()).isNull();
            }
            assertThat(census.threads()).isEqualTo(model.pooled() ? TargetConfig.DEFAULT_THREADS : null);
            assertThat(census.maxVirtualThreads()).as("unbounded, or not virtual").isNull();
            // ?gc=true has collected just now: there is an after-GC figure, and it is within the heap.
            assertThat(census.gcCount()).isPositive();
            assertThat(census.heapAfterGcBytes()).isPositive().isLessThanOrEqualTo(census.heapMaxBytes());
        }
    }

    /** Retained heap without forcing a GC: the census reads what the last collection left, and counts collections. */
    @Test
    void heapAfterGcIsTheLastCollectionsAndGcCountCountsThem() throws Exception {
        try (TargetServer server = Configs.of(ThreadModel.VIRTUAL).stopTimeoutMs(2000).start();
             TestHttp http = new TestHttp(server)) {
            Census plain = http.threads();
            Census collected = http.threads("gc=true");
            assertThat(collected.gcCount()).as("the System.gc() of ?gc=true").isGreaterThan(plain.gcCount());
            assertThat(collected.gcPauseMs()).as("a full collection stops the world").isGreaterThanOrEqualTo(plain.gcPauseMs());
            assertThat(collected.heapAfterGcBytes()).isNotNull().isPositive()
                    .isLessThanOrEqualTo(collected.heapMaxBytes());

            // Later readings still know it, without a GC of their own.
            Census after = http.threads();
            assertThat(after.gcCount()).isGreaterThanOrEqualTo(collected.gcCount());
            assertThat(after.heapAfterGcBytes()).isNotNull().isPositive();
        }
    }

    /**
     * What young collections promote counts too: after a full GC, 32 MiB are kept alive and garbage is allocated
     * until collections that no one asked for have run; the heap after the latest of them holds the 32 MiB (on G1
     * the Old Gen's collection usage alone would still say what the full GC left).
     */
    @Test
    void heapAfterGcFollowsYoungCollectionsThatNoOneForced() {
        CensusTaker taker = new CensusTaker(Configs.of(ThreadModel.VIRTUAL).build(), new Requests(),
                WaitSpec.SLEEP.make(false), () -> 0);
        Census before = taker.take(new CensusTaker.Options(true, false));
        byte[][] kept = new byte[32][];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = new byte[1 << 20];
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        Census after = taker.take(new CensusTaker.Options(false, false));
        // Several collections, so that the kept arrays have left the young generation, or been counted in it.
        while (after.gcCount() < before.gcCount() + 5 && System.nanoTime() < deadline) {
            for (int i = 0; i < 1000; i++) {
                garbage = new byte[64 * 1024];
            }
            after = taker.take(new CensusTaker.Options(false, false));
        }
        assertThat(after.gcCount()).as("young collections within 30 s").isGreaterThanOrEqualTo(before.gcCount() + 5);
        // At least what is kept alive: 32 MB. Not "before + 32 MB": the forced GC's figure also held what other code
        // of this JVM let go since (a CI run once saw 6 MB less than that sum).
        assertThat(after.heapAfterGcBytes()).isGreaterThanOrEqualTo(32L * (1 << 20))
                .as("it moved with the young collections, no GC forced").isNotEqualTo(before.heapAfterGcBytes());
        assertThat(kept[kept.length - 1]).hasSize(1 << 20);   // still alive here
    }

    @SuppressWarnings("unused")
    private static volatile byte[] garbage;

    @Test
    void costsAddContextSwitchesAlsoWithGcAndOnReset() throws Exception {
        assumeThat(Path.of("/proc/self/task")).as("Linux /proc").isDirectory();
        try (TargetServer server = Configs.of(ThreadModel.VIRTUAL).stopTimeoutMs(2000).start();
             TestHttp http = new TestHttp(server)) {
            Census first = http.threads("costs=true");
            // This JVM's threads have switched at least once each by now.
            assertThat(first.contextSwitches()).isGreaterThanOrEqualTo(first.platformThreadsLive());
            assertThat(http.threads("gc=true&costs=true").contextSwitches()).isGreaterThan(0L);
            assertThat(http.threads("gc=true").contextSwitches()).isNull();
            assertThat(Census.parse(http.onCensusPort("POST", "/threads/reset?costs=true").body()).contextSwitches())
                    .isGreaterThan(0L);
            assertThat(http.reset().contextSwitches()).isNull();
        }
    }

    @Test
    void aCappedVirtualServerReportsItsCap() throws Exception {
        try (TargetServer server = Configs.of(ThreadModel.VIRTUAL).maxVirtualThreads(300).stopTimeoutMs(2000).start();
             TestHttp http = new TestHttp(server)) {
            assertThat(http.threads().maxVirtualThreads()).isEqualTo(300);
            assertThat(http.threads().threads()).isNull();
        }
    }

    @Test
    void parseReadsWhatToJsonWritesAndIgnoresUnknownFields() {
        Census census = new Census("virtual", "25", 42, 20, 25, 10, new Census.VirtualScheduler(2, 2, 1, 0L),
                3, 5, 100, 7, 1_000_000L, null, 1024, 2048L, null, 99, 1000, null, 300, 512L, 3, 17, 2, 123_456_789L, 40,
                "db", new Figures(Map.of("query_ns", 5_000L), Map.of("pool_active", 3L)), "502 database: gone");
        assertThat(Census.parse(census.toJson())).isEqualTo(census);

        Census smaller = Census.parse("{\"model\":\"other\",\"platform_threads_live\":7,\"future_field\":[1]}");
        assertThat(smaller.model()).isEqualTo("other");
        assertThat(smaller.platformThreadsLive()).isEqualTo(7);
        assertThat(smaller.rssBytes()).isNull();
        assertThat(smaller.heapAfterGcBytes()).as("an older target's census").isNull();
        assertThat(smaller.gcCount()).isZero();
    }

    @Test
    void badJsonIsOneLineError() {
        for (String bad : List.of("{\"model\":", "not json", "", "[1,2]")) {
            assertThatThrownBy(() -> Census.parse(bad)).as(bad)
                    .isInstanceOf(TargetException.class)
                    .hasMessageStartingWith("census is")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void countsServedAndInFlightAndResetsPeaks(ThreadModel model) throws Exception {
        TargetConfig config = Configs.of(model).stopTimeoutMs(2000).build();
        try (TargetServer server = new TargetServer(config).start(); TestHttp http = new TestHttp(server)) {
            assertThat(http.threads().served()).isZero();

            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/?pause=0").statusCode()).isEqualTo(200);
            }
            // Bad requests and other endpoints are not "served" seed requests.
            http.get("/?pause=-1");
            http.get("/health");
            await().atMost(WAIT).until(() -> http.census().served() == 3);

            // Hold 5 requests in the pause and look at them.
            List<CompletableFuture<HttpResponse<String>>> held = http.sendAsync("/?pause=3000", 5);
            await().atMost(WAIT).until(() -> http.census().inFlight() == 5);
            assertThat(http.threads().inFlightPeak()).isEqualTo(5);

            CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).get();
            await().atMost(WAIT).until(() -> http.census().inFlight() == 0);
            Census before = http.threads();
            assertThat(before.inFlightPeak()).isEqualTo(5);
            assertThat(before.served()).isEqualTo(8);
            assertThat(before.abandoned()).as("every client waited for its answer").isZero();

            Census reset = http.reset();
            assertThat(reset.inFlight()).isZero();
            assertThat(reset.inFlightPeak()).isZero();
            assertThat(reset.served()).as("reset keeps the total").isEqualTo(8);
            assertThat(reset.platformThreadsPeak())
                    .isLessThanOrEqualTo(before.platformThreadsPeak());
            assertThat(reset.platformThreadsPeak())
                    .isGreaterThanOrEqualTo(reset.platformThreadsLive());
        }
    }
}
