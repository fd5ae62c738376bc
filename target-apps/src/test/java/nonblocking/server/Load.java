package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A bounded burst: n requests at once, each its own connection, waited for with a hard time limit. */
final class Load {
    /** What a burst did. */
    record Burst(List<HttpResponse<String>> responses, Duration elapsed) {
        long elapsedMs() {
            return elapsed.toMillis();
        }
    }

    private Load() {
    }

    static Burst burst(TestHttp http, int requests, String pathAndQuery, Duration limit) throws Exception {
        long start = System.nanoTime();
        List<HttpResponse<String>> responses = all(http.sendAsync(pathAndQuery, requests), limit);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(responses).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("HelloWorld");
        });
        return new Burst(responses, elapsed);
    }

    /** Every answer, whatever its status, waited for at most 30 s. */
    static List<HttpResponse<String>> all(List<CompletableFuture<HttpResponse<String>>> futures) throws Exception {
        return all(futures, Duration.ofSeconds(30));
    }

    private static List<HttpResponse<String>> all(List<CompletableFuture<HttpResponse<String>>> futures,
                                                  Duration limit) throws Exception {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        return futures.stream().map(CompletableFuture::join).toList();
    }
}
