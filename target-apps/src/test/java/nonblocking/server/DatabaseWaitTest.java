package nonblocking.server;

import static nonblocking.server.Waits.counter;
import static nonblocking.server.Waits.gauge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nonblocking.server.wait.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The db wait on a real PostgreSQL (one per class: it takes a second or more to start), in every model: JDBC and
 * HikariCP for the thread-holding models, Vert.x for the async one. Both drivers are exercised wherever they behave
 * differently (the virtual model stands for the JDBC ones).
 */
class DatabaseWaitTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long PAUSE_MS = 300;

    @TempDir
    static Path dir;
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start(dir.resolve("pg"), 0, 100);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void everyModelAnswersAfterTheQueryAndCountsItsPhases(ThreadModel model) throws Exception {
        try (TargetServer server = Configs.of(model).wait(Waits.db(postgres.jdbcUrl(), 2, 5000)).start();
             TestHttp http = new TestHttp(server)) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.get("/?pause=" + PAUSE_MS);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("HelloWorld");
            assertThat(elapsedMs).as("the query lasted the pause").isGreaterThanOrEqualTo(PAUSE_MS);
            Census census = http.threads();
            assertThat(census.waitKind()).isEqualTo("db");
            assertThat(census.waitFigures().counters())
                    .containsOnlyKeys("connection_ns", "query_ns", "queries", "failures")
                    .containsEntry("queries", 1L).containsEntry("failures", 0L);
            assertThat(counter(census, "query_ns")).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(PAUSE_MS));
            assertThat(counter(census, "connection_ns")).isPositive();
            assertThat(census.waitFigures().gauges())
                    .containsOnlyKeys("pool_active", "pool_idle", "pool_waiting", "pool_size")
                    .containsEntry("pool_size", 2L).containsEntry("pool_active", 0L).containsEntry("pool_waiting", 0L);
            // Both pools are full from the start (Hikari fills up in the background).
            await().atMost(WAIT).until(() -> gauge(http.census(), "pool_idle") == 2);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"VIRTUAL", "ASYNC"})
    void aPoolOfTwoMakesTheExcessOfSixRequestsWaitForAConnection(ThreadModel model) throws Exception {
        try (TargetServer server = Configs.of(model).wait(Waits.db(postgres.jdbcUrl(), 2, 5000)).start();
             TestHttp http = new TestHttp(server)) {
            List<CompletableFuture<HttpResponse<String>>> six = http.sendAsync("/?pause=" + PAUSE_MS, 6);

            await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> gauge(http.census(), "pool_waiting") > 0);
            assertThat(http.threads().waitFigures().gauges().get("pool_active")).isLessThanOrEqualTo(2);
            assertThat(Load.all(six)).extracting(HttpResponse::body).containsOnly("HelloWorld").hasSize(6);
            Census census = http.threads();
            // Three waves: two requests waited a query for a connection, two waited two queries.
            assertThat(counter(census, "connection_ns")).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(4 * PAUSE_MS) * 8 / 10);
            assertThat(counter(census, "queries")).isEqualTo(6);
            assertThat(gauge(census, "pool_waiting")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"VIRTUAL", "ASYNC"})
    void aConnectionTimeoutShorterThanTheWaitGives503s(ThreadModel model) throws Exception {
        try (TargetServer server = Configs.of(model).wait(Waits.db(postgres.jdbcUrl(), 1, 250)).start();
             TestHttp http = new TestHttp(server)) {
            List<HttpResponse<String>> answers = Load.all(http.sendAsync("/?pause=600", 3));

            assertThat(answers).filteredOn(r -> r.statusCode() == 200).hasSize(1);
            assertThat(answers).filteredOn(r -> r.statusCode() == 503).hasSize(2)
                    .allSatisfy(r -> assertThat(r.body()).isEqualTo("no database connection within 250 ms (pool of 1)\n"));
            Census census = http.threads();
            assertThat(census.failed()).isEqualTo(2);
            assertThat(counter(census, "failures")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"VIRTUAL", "ASYNC"})
    void postgresStoppedMidRunGives502WithTheDriversReasonAndTheServerGoesOn(ThreadModel model) throws Exception {
        try (EmbeddedPostgres doomed = EmbeddedPostgres.start(dir.resolve("doomed-" + model.label()), 0, 20);
             TargetServer server = Configs.of(model).wait(Waits.db(doomed.jdbcUrl(), 2, 1000)).start();
             TestHttp http = new TestHttp(server)) {
            List<CompletableFuture<HttpResponse<String>>> running = http.sendAsync("/?pause=5000", 2);
            await().atMost(WAIT).until(() -> gauge(http.census(), "pool_active") == 2);

            doomed.close();

            assertThat(Load.all(running)).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(502);
                assertThat(r.body()).startsWith("database: ").hasLineCount(1);
            });
            HttpResponse<String> after = http.get("/?pause=10");
            assertThat(after.statusCode()).isEqualTo(502);
            assertThat(after.body()).startsWith("database: ").hasLineCount(1);
            System.out.printf("%s, PostgreSQL stopped: %s then %s", model, Load.all(running).getFirst().body(),
                    after.body());
            assertThat(http.get("/health").statusCode()).as("the server goes on").isEqualTo(200);
            assertThat(counter(http.threads(), "failures")).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"BLOCKING", "ASYNC"})
    void anUnreachableDatabaseIsOneLineAndExitOneWithNothingLeftRunning(ThreadModel model) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/postgres";

        TargetAppCommandTest.Run run = TargetAppCommandTest.run("--port", "0", "--model", model.label(),
                "--wait", "db", "--wait-option", "db.url=" + url + "?user=postgres&password=secret");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("nonblocking target: cannot reach the database " + url + ": ")
                .contains("refused").doesNotContain("secret").hasLineCount(1);
        assertThat(run.out()).isEmpty();
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .noneMatch(name -> name.startsWith("db-jdbc") || name.startsWith("vert.x")));
    }
}
