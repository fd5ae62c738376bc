package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code POST /threads/stall?ms=<n>} freezes the answers, in every model: a request that arrives during the freeze
 * is answered no sooner than its end, then the server answers at its own pace again. Only lower bounds are
 * asserted: the freeze makes them certain, while an upper bound would be a timing guess.
 */
class StallTest {

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void aRequestDuringTheFreezeIsAnsweredWhenItEnds(ThreadModel model) throws Exception {
        try (TargetServer server = Configs.of(model).stopTimeoutMs(3000).start(); TestHttp http = new TestHttp(server)) {
            assertThat(http.get("/?pause=10").body()).isEqualTo("HelloWorld");
            HttpResponse<String> frozen = http.onCensusPort("POST", "/threads/stall?ms=1500");
            assertThat(frozen.statusCode()).isEqualTo(200);
            assertThat(frozen.body()).startsWith("stalled until ");
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<String>> during = CompletableFuture.supplyAsync(() -> {
                try {
                    return http.get("/?pause=10");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(during.get(10, TimeUnit.SECONDS).body()).isEqualTo("HelloWorld");
            assertThat((System.nanoTime() - start) / 1e6).as("answered after the freeze").isGreaterThanOrEqualTo(1400);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ThreadModel.class, names = "VIRTUAL")
    void aBadFreezeIsAOneLine400(ThreadModel model) throws Exception {
        try (TargetServer server = Configs.of(model).stopTimeoutMs(1000).start(); TestHttp http = new TestHttp(server)) {
            for (String bad : new String[]{"", "ms=0", "ms=abc", "ms=60001"}) {
                HttpResponse<String> answer = http.onCensusPort("POST", "/threads/stall?" + bad);
                assertThat(answer.statusCode()).as(bad).isEqualTo(400);
                assertThat(answer.body().strip().lines()).hasSize(1);
            }
            assertThat(http.onCensusPort("GET", "/threads/stall?ms=10").statusCode()).isEqualTo(405);
        }
    }
}
