package nonblocking.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** A real HTTP/1.1 client for tests. One connection per concurrent request, so it can hold thousands. */
final class TestHttp implements AutoCloseable {
    private final URI base;
    /** Where the census and its controls are: the census port, when the server has one. */
    private final URI census;
    // Virtual threads for the client's own callbacks: its default cached pool would add platform threads to
    // the very JVM whose platform threads the tests count.
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    TestHttp(TargetServer server) {
        this(server.uri(), server.censusUri().orElse(server.uri()));
    }

    /** Against another base URL, e.g. the census port's. */
    TestHttp(URI base) {
        this(base, base);
    }

    private TestHttp(URI base, URI census) {
        this.base = base;
        this.census = census;
    }

    HttpClient client() {
        return client;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return client.send(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code requests} GETs at once, each on its own connection; the caller waits for (or abandons) them. */
    List<CompletableFuture<HttpResponse<String>>> sendAsync(String pathAndQuery, int requests) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>(requests);
        for (int i = 0; i < requests; i++) {
            futures.add(client.sendAsync(request(pathAndQuery).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        return futures;
    }

    HttpResponse<String> send(String method, String pathAndQuery) throws IOException, InterruptedException {
        return client.send(request(pathAndQuery).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /threads} on the census port, read as the ladder reads it. */
    Census threads() throws IOException, InterruptedException {
        return threads("");
    }

    Census threads(String query) throws IOException, InterruptedException {
        return Census.parse(onCensusPort("GET", "/threads" + (query.isEmpty() ? "" : "?" + query)).body());
    }

    Census reset() throws IOException, InterruptedException {
        return Census.parse(onCensusPort("POST", "/threads/reset").body());
    }

    /** A request to the census port (the census and its controls), on this client. */
    HttpResponse<String> onCensusPort(String method, String pathAndQuery) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(census.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** For Awaitility: the census, or an unchecked exception. */
    Census census() {
        try {
            return threads();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
