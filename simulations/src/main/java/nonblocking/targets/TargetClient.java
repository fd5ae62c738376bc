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
import java.util.function.Function;

/**
 * Side-channel requests to a target, outside Gatling: one JDK HttpClient per target, as the census must not depend
 * on the load generator it observes. The probe and {@code /health} go to the load's base URL; the census goes to the
 * target's census port when it has one (a managed target does), where a saturated blocking pool cannot hold it up,
 * else (a foreign target) to the load's base URL too.
 */
public final class TargetClient implements AutoCloseable {

    private final URI base;
    private final URI censusBase;
    private final HttpClient http;

    /** @param censusBase the census port's base URL, or null to ask {@code base} for the census too */
    public TargetClient(URI base, URI censusBase) {
        this.base = base;
        this.censusBase = censusBase != null ? censusBase : base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    public URI base() {
        return base;
    }

    public URI censusBase() {
        return censusBase;
    }

    public static URI loadUri(URI base, long pauseMs, long workMicros) {
        return base.resolve("?pause=" + pauseMs + (workMicros > 0 ? "&work=" + workMicros : ""));
    }

    /** One request like the load's (with a short pause, for the seed): a one-line {@link NonblockingException} unless 2xx. */
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

    /** The status {@code GET} of the base URL answers with, whatever it is; an IOException when none answers. */
    public int status(Duration timeout) throws IOException {
        return send(HttpRequest.newBuilder(base).timeout(timeout).GET().build()).statusCode();
    }

    public boolean healthy() {
        return ask(HttpRequest.newBuilder(base.resolve("health")).timeout(Duration.ofSeconds(2)).GET().build(),
                Function.identity()).isPresent();
    }

    /** {@code GET /threads?gc=…&costs=…}; empty when the target has none, is saturated or answers otherwise. */
    public Optional<Census> census(boolean gc, boolean costs, Duration timeout) {
        return ask(HttpRequest.newBuilder(censusBase.resolve("threads?gc=" + gc + "&costs=" + costs))
                .timeout(timeout).GET().build(), Census::parse);
    }

    /** {@code POST /threads/reset?costs=true}: a new window for the peaks, and the costs so far (context switches too). */
    public Optional<Census> resetPeaks(Duration timeout) {
        return ask(HttpRequest.newBuilder(censusBase.resolve("threads/reset?costs=true"))
                .timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()).build(), Census::parse);
    }

    /** Asks our own target to freeze its answers for {@code ms} ({@code POST /threads/stall}); false if it did not. */
    public boolean stall(long ms, Duration timeout) {
        return ask(HttpRequest.newBuilder(censusBase.resolve("threads/stall?ms=" + ms)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), Function.identity()).isPresent();
    }

    /** The body of a 200 answer, as {@code read} reads it; empty for any other answer, none, or one it cannot read. */
    private <T> Optional<T> ask(HttpRequest request, Function<String, T> read) {
        try {
            HttpResponse<String> response = send(request);
            return response.statusCode() == 200 ? Optional.of(read.apply(response.body())) : Optional.empty();
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

    /** An I/O failure of an HTTP call, in a few words. */
    public static String describe(IOException e) {
        return switch (e) {
            case HttpConnectTimeoutException timeout -> "connect timed out";
            case HttpTimeoutException timeout -> "no answer within the timeout";
            case ConnectException refused -> "connection refused";
            default -> e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse(""));
        };
    }
}
