package nonblocking.targets;

import nonblocking.NonblockingException;
import nonblocking.ladder.TargetSpec;
import nonblocking.server.Census;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Side-channel requests to a target, outside Gatling: the reachability probe, {@code /health} and the census.
 * One JDK HttpClient per target; the census must not depend on the load generator it observes.
 *
 * <p>The probe and {@code /health} go to the load's base URL. The census ({@code /threads}, {@code /threads/reset})
 * goes to the census base URL: the target's census port when it has one (a managed target does), where a
 * saturated blocking pool cannot hold it up; otherwise (a foreign target) the load's base URL too.
 */
public final class TargetClient implements AutoCloseable {

    private final URI base;
    private final URI censusBase;
    private final HttpClient http;

    /** @param censusBase the census port's base URL, or null to ask {@code base} for the census too */
    public TargetClient(URI base, URI censusBase) {
        this.base = base;
        this.censusBase = censusBase != null ? censusBase : base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    public URI base() {
        return base;
    }

    /** Where the census is asked for: the census port's base URL, or {@link #base()}. */
    public URI censusBase() {
        return censusBase;
    }

    /** The URL a user requests: {@code <base>?pause=<ms>}, and {@code &work=<µs>} when there is work. */
    public static URI loadUri(URI base, long pauseMs, long workMicros) {
        return base.resolve("?pause=" + pauseMs + (workMicros > 0 ? "&work=" + workMicros : ""));
    }

    /** One request like the load's (with a short pause, for the seed): throws a one-line {@link NonblockingException} unless 2xx. */
    public void probe(String name, URI uri, TargetSpec.Request request, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).method(request.method(),
                request.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<String> response = send(builder.build());
            if (response.statusCode() / 100 != 2) {
                throw new NonblockingException(name + " target " + base + " answered " + request.method() + " "
                        + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                        + " with status " + response.statusCode() + ", expected 2xx");
            }
        } catch (IOException e) {
            throw new NonblockingException(name + " target " + base + " is unreachable: " + describe(e));
        }
    }

    /** True once {@code GET /health} answers 200. */
    public boolean healthy() {
        try {
            return send(HttpRequest.newBuilder(base.resolve("health")).timeout(Duration.ofSeconds(2)).GET().build())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code GET /threads?gc=…&costs=…} on the census base; empty when the target has none, is saturated (without a
     * census port), or answers something else.
     */
    public Optional<Census> census(boolean gc, boolean costs, Duration timeout) {
        return censusRequest(HttpRequest.newBuilder(censusBase.resolve("threads?gc=" + gc + "&costs=" + costs))
                .timeout(timeout).GET().build());
    }

    /** {@code POST /threads/reset?costs=true}: a new window for the peaks, and the costs so far (context switches too). */
    public Optional<Census> resetPeaks(Duration timeout) {
        return censusRequest(HttpRequest.newBuilder(censusBase.resolve("threads/reset?costs=true"))
                .timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Asks our own target to freeze its answers for {@code ms} ({@code POST /threads/stall}); false if it did not. */
    public boolean stall(long ms, Duration timeout) {
        try {
            return send(HttpRequest.newBuilder(censusBase.resolve("threads/stall?ms=" + ms)).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode() == 200;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Optional<Census> censusRequest(HttpRequest request) {
        try {
            HttpResponse<String> response = send(request);
            return response.statusCode() == 200 ? Optional.of(Census.parse(response.body())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    static String describe(IOException e) {
        return switch (e) {
            case HttpConnectTimeoutException timeout -> "connect timed out";
            case HttpTimeoutException timeout -> "no answer within the timeout";
            case ConnectException refused -> "connection refused";
            default -> e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""));
        };
    }
}
