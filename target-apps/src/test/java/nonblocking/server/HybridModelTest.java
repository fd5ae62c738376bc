package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hybrid model, the seed's middle step: each request's wait runs on a virtual thread of its own, but the pool's
 * platform thread that runs the handler waits for it, so a waiting request still holds a platform thread.
 */
class HybridModelTest {
    private static final long PAUSE_MS = 500;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void eachWaitingRequestHoldsAPlatformThreadWhileItsWaitRunsOnAVirtualThread() throws Exception {
        try (TargetServer server = Configs.of(ThreadModel.HYBRID).threads(2).stopTimeoutMs(2000).start();
             TestHttp http = new TestHttp(server)) {
            http.get("/?pause=0"); // warm up
            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> four = http.sendAsync("/?pause=" + PAUSE_MS, 4);

            // While two run: two pool threads wait for their waits, which run on two virtual threads.
            await().atMost(WAIT).until(() -> platformThreadsIn("waitFor") == 2);
            await().atMost(WAIT).until(() -> virtualThreadsNamed("wait-vt") == 2);
            List<HttpResponse<String>> answers = Load.all(four);
            long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

            assertThat(answers).allSatisfy(r -> {
                assertThat(r.body()).isEqualTo("HelloWorld");
                assertThat(r.headers().firstValue("X-Handler-Thread")).hasValue("platform");
            });
            System.out.printf("hybrid: 4 requests x %d ms on 2 threads took %d ms%n", PAUSE_MS, elapsedMs);
            assertThat(elapsedMs).as("two waves: the virtual threads free no pool thread").isGreaterThanOrEqualTo(2 * PAUSE_MS);
            assertThat(http.threads().inFlightPeak()).isEqualTo(2);
        }
    }

    /** Platform threads (the only ones getAllStackTraces sees) inside ThreadedHello's method {@code method}. */
    private static long platformThreadsIn(String method) {
        return Thread.getAllStackTraces().values().stream().filter(stack -> Arrays.stream(stack).anyMatch(frame ->
                frame.getClassName().equals(ThreadedHello.class.getName()) && frame.getMethodName().equals(method)))
                .count();
    }

    /** Virtual threads of this name now: only the JDK's thread dump lists virtual threads. */
    private long virtualThreadsNamed(String name) throws Exception {
        Path dump = dir.resolve("threads-" + DUMPS.incrementAndGet() + ".json");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        JsonNode containers = new ObjectMapper().readTree(dump.toFile()).path("threadDump").path("threadContainers");
        return StreamSupport.stream(containers.spliterator(), false)
                .flatMap(container -> StreamSupport.stream(container.path("threads").spliterator(), false))
                .filter(thread -> thread.path("name").asText().equals(name))
                // Its stack starts in VirtualThread.run (JDK 25 also says "virtual": true).
                .filter(thread -> thread.path("stack").toString().contains("java.lang.VirtualThread.run"))
                .count();
    }

    private static final AtomicInteger DUMPS = new AtomicInteger();
}
