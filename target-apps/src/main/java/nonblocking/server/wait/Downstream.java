package nonblocking.server.wait;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The http wait, ebarlas/project-loom-comparison's experiment: {@code calls} sequential {@code GET <url>?pause=<pause /
 * calls>} to a downstream server (this same app, async model, sleep wait, which answers "HelloWorld" after that pause),
 * then "World". One shared JDK client per server. A thread-holding model blocks in {@code send} (a virtual thread
 * parks; a platform thread stays held); the async model chains {@code sendAsync} calls and holds no thread. Either way
 * a call runs to its end when the client leaves, as a real call to another service does.
 */
final class Downstream implements Wait {
    static final String CALLS = "calls";
    /** On top of a call's own pause: a downstream server that does not answer fails the request, never hangs it. */
    static final Duration CALL_SLACK = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long close() lets calls still in flight end before it gives up on them. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final int calls;
    /**
     * Runs the client's own work and callbacks. Its default executor is a cached pool of platform threads that grows
     * with the load: that would add to the census's platform-thread count in every model, differently under each.
     * Virtual threads are not counted and need no pool size; the same executor serves every model.
     */
    private final ExecutorService callbacks = Executors.newVirtualThreadPerTaskExecutor();
    /** HTTP/1.1, keep-alive: the default HTTP/2 fails under load with "too many concurrent streams". */
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .executor(callbacks)
            .build();

    private final LongAdder callNanos = new LongAdder();
    private final LongAdder callsMade = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicLong inFlight = new AtomicLong();

    private Downstream(URI url, int calls) {
        this.url = url;
        this.calls = calls;
    }

    /** Checks {@code downstream.url} and {@code downstream.calls}; the same wait for every model. */
    static WaitKind.Recipe read(WaitSpec spec) {
        URI url = baseUrl(spec);
        int calls = spec.number(CALLS, 1, 100);
        return async -> new Downstream(url, calls);
    }

    /** An absolute http(s) URL without query or fragment: each call adds its own {@code ?pause=}. */
    private static URI baseUrl(WaitSpec spec) {
        String raw = spec.required(WaitKind.URL);
        try {
            URI url = new URI(raw);
            if (url.getScheme() != null && Set.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))
                    && url.getHost() != null && url.getRawQuery() == null && url.getRawFragment() == null) {
                return url.getRawPath().isEmpty() ? url.resolve("/") : url;
            }
        } catch (URISyntaxException e) {
            // the message below says what it must be
        }
        throw new IllegalArgumentException(spec.kind().key(WaitKind.URL) + "=" + raw
                + " must be an http:// or https:// base URL without a query, e.g. http://127.0.0.1:9000/");
    }

    @Override
    public boolean await(long pauseMs, Departure departure) throws InterruptedException {
        HttpRequest request = request(pauseMs);
        for (int i = 0; i < calls; i++) {
            long started = calling();
            boolean answered = false;
            try {
                check(client.send(request, BodyHandlers.ofString()));
                answered = true;
            } catch (IOException e) {
                throw failed(e);
            } finally {
                called(started, answered);
            }
        }
        return false;
    }

    @Override
    public Runnable start(long pauseMs, Scheduler scheduler, Consumer<Throwable> done) {
        HttpRequest request = request(pauseMs);
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < calls; i++) {
            chain = chain.thenCompose(previous -> call(request));
        }
        chain.whenComplete((ok, failure) -> done.accept(failure == null ? null : failed(failure)));
        return () -> {
            // A call once sent runs to its end, as a real call to another service does.
        };
    }

    private CompletableFuture<Void> call(HttpRequest request) {
        long started = calling();
        return client.sendAsync(request, BodyHandlers.ofString())
                .thenAccept(this::check)
                .whenComplete((ok, failure) -> called(started, failure == null));
    }

    /** One call's request: the pause shared out between the calls. */
    private HttpRequest request(long pauseMs) {
        long callPauseMs = pauseMs / calls;
        return HttpRequest.newBuilder(URI.create(url + "?pause=" + callPauseMs))
                .timeout(CALL_SLACK.plusMillis(callPauseMs))
                .GET()
                .build();
    }

    private long calling() {
        inFlight.incrementAndGet();
        return System.nanoTime();
    }

    private void called(long started, boolean answered) {
        callNanos.add(System.nanoTime() - started);
        inFlight.decrementAndGet();
        callsMade.increment();
        if (!answered) {
            failures.increment();
        }
    }

    /** A 2xx answer is the downstream's "HelloWorld"; any other is its failure, passed on. */
    private void check(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body().lines().findFirst().orElse("").strip();
            throw new WaitFailed(WaitFailed.BAD_GATEWAY,
                    "downstream " + url + ": status " + response.statusCode() + (body.isEmpty() ? "" : " " + body), null);
        }
    }

    /** What a request is answered with when a call failed: 502 naming the downstream URL, one line. */
    private WaitFailed failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof WaitFailed waitFailed ? waitFailed
                : new WaitFailed(WaitFailed.BAD_GATEWAY, "downstream " + url + ": " + reason(cause), cause);
    }

    /** The JDK client's ConnectException carries no message (nor does what it wraps): say what it means. */
    private static String reason(Throwable failure) {
        return failure instanceof ConnectException && failure.getMessage() == null ? "cannot connect"
                : WaitFailed.reason(failure);
    }

    @Override
    public Figures figures() {
        return new Figures(
                Map.of("downstream_ns", callNanos.sum(), "downstream_calls", callsMade.sum(),
                        "downstream_failures", failures.sum()),
                Map.of("downstream_in_flight", inFlight.get()));
    }

    /** Closes the client's connections now: they must not outlive the server (which waited for its requests). */
    @Override
    public void close() {
        client.shutdownNow();
        try {
            client.awaitTermination(CLOSE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        callbacks.shutdownNow();
    }
}
