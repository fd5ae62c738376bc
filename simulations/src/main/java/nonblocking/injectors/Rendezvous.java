package nonblocking.injectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import nonblocking.NonblockingException;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Where N injectors agree on one start time T0 before each target's ladder. Injector 0 {@link #serve}s it; every
 * injector (0 too) {@link #join}s it once it is ready to send load: when all N have joined, T0 is set a
 * {@link #LEAD} ahead and told to each, so that all of them start the target's timeline at the same instant. Each
 * also reads injector 0's clock right after, so that the merge can tell how far apart their starts really were.
 *
 * <p>{@code GET /start?target=<name>&index=<i>&count=<N>} answers {@code t0=<epoch ms>} once all N are in (or 504
 * after the timeout, saying how many were); {@code GET /clock} answers injector 0's {@code clock=<epoch ms>}.
 */
public final class Rendezvous implements AutoCloseable {

    /** Between the last join and T0: long enough for every answer to arrive and Gatling to inject the users. */
    public static final Duration LEAD = Duration.ofSeconds(2);
    private static final Duration RETRY = Duration.ofMillis(250);

    private final HttpServer server;
    private final ExecutorService executor;
    private final int count;
    private final Duration timeout;
    private final Map<String, Round> rounds = new ConcurrentHashMap<>();

    /**
     * What an injector learned at the rendezvous: T0, when it learned it (on its own clock), and injector 0's clock
     * minus its own, ms (within half the round trip).
     */
    public record Start(long t0Ms, long joinedMs, double offsetMs) {
    }

    /** One target's round: who has joined, and T0 once all have. */
    private record Round(Set<Integer> joined, CompletableFuture<Long> t0) {
    }

    private Rendezvous(HttpServer server, ExecutorService executor, int count, Duration timeout) {
        this.server = server;
        this.executor = executor;
        this.count = count;
        this.timeout = timeout;
    }

    /**
     * Injector 0's side: listens on the coordinator's port (on loopback when its host is, else on every interface).
     * A port in use is one line.
     */
    public static Rendezvous serve(String coordinator, int count, Duration timeout) {
        URI at = uri(coordinator);
        try {
            InetAddress host = InetAddress.getByName(at.getHost());
            InetSocketAddress bind = host.isLoopbackAddress() ? new InetSocketAddress(host, at.getPort())
                    : new InetSocketAddress(at.getPort());
            HttpServer server = HttpServer.create(bind, 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            Rendezvous rendezvous = new Rendezvous(server, executor, count, timeout);
            server.createContext("/start", rendezvous::start);
            server.createContext("/clock", exchange -> answer(exchange, 200, "clock=" + System.currentTimeMillis()));
            server.start();
            return rendezvous;
        } catch (BindException e) {
            throw new NonblockingException("the rendezvous port " + at.getPort() + " is in use: free it or set another"
                    + " port in -Dcoordinator (" + coordinator + ")");
        } catch (IOException e) {
            throw new NonblockingException("cannot serve the rendezvous on " + coordinator + ": " + e.getMessage(), e);
        }
    }

    private void start(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String target = query.get("target");
        int index;
        int theirCount;
        try {
            index = Integer.parseInt(query.getOrDefault("index", ""));
            theirCount = Integer.parseInt(query.getOrDefault("count", ""));
        } catch (NumberFormatException e) {
            answer(exchange, 400, "give target, index and count");
            return;
        }
        if (target == null || theirCount != count || index < 0 || index >= count) {
            answer(exchange, 409, "injector " + index + " of " + theirCount + " does not belong to this run of "
                    + count + " injectors");
            return;
        }
        Round round = rounds.computeIfAbsent(target,
                t -> new Round(ConcurrentHashMap.newKeySet(), new CompletableFuture<>()));
        round.joined().add(index);
        if (round.joined().size() == count) {
            round.t0().complete(System.currentTimeMillis() + LEAD.toMillis());
        }
        try {
            answer(exchange, 200, "t0=" + round.t0().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            answer(exchange, 504, "only " + round.joined().size() + " of " + count + " injectors were ready for "
                    + target + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer(exchange, 503, "the rendezvous is stopping");
        } catch (java.util.concurrent.ExecutionException e) {
            answer(exchange, 500, e.getMessage());
        }
    }

    /**
     * Every injector's side: waits until all N have joined for this target (retrying while injector 0 is not up
     * yet), then reads injector 0's clock. Fails in one line after {@code timeout}.
     */
    public static Start join(String coordinator, String target, int index, int count, Duration timeout) {
        URI base = uri(coordinator);
        long deadline = System.nanoTime() + timeout.toNanos();
        URI start = base.resolve("/start?target=" + target + "&index=" + index + "&count=" + count);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            String why = "no answer";
            while (System.nanoTime() < deadline) {
                Duration left = Duration.ofNanos(deadline - System.nanoTime()).plusSeconds(2);
                try {
                    HttpResponse<String> t0 = http.send(HttpRequest.newBuilder(start).timeout(left).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (t0.statusCode() != 200) {
                        throw new NonblockingException("injector " + index + ": the rendezvous at " + coordinator
                                + " refused " + target + ": " + t0.body().trim());
                    }
                    long joined = System.currentTimeMillis();
                    return new Start(value(t0.body(), "t0"), joined, offset(http, base.resolve("/clock")));
                } catch (IOException e) {
                    why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    Thread.sleep(RETRY.toMillis());   // injector 0 may not listen yet
                }
            }
            throw new NonblockingException("injector " + index + ": cannot reach injector 0's rendezvous at "
                    + coordinator + " within " + timeout.toSeconds() + " s (" + why + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NonblockingException("injector " + index + ": interrupted at the rendezvous for " + target);
        }
    }

    /** Injector 0's clock minus ours, from one round trip: its reading against the trip's midpoint. */
    private static double offset(HttpClient http, URI clock) throws IOException, InterruptedException {
        long sent = System.nanoTime();
        long sentMs = System.currentTimeMillis();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(clock).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        double trip = (System.nanoTime() - sent) / 1e6;
        return value(answer.body(), "clock") - (sentMs + trip / 2);
    }

    private static long value(String body, String key) {
        String text = body.trim();
        if (!text.startsWith(key + "=")) {
            throw new NonblockingException("the rendezvous answered '" + text + "', not " + key + "=<epoch ms>");
        }
        return Long.parseLong(text.substring(key.length() + 1));
    }

    private static URI uri(String coordinator) {
        try {
            URI uri = URI.create("http://" + coordinator + "/");
            if (uri.getHost() == null || uri.getPort() < 1) {
                throw new IllegalArgumentException("no host:port");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new NonblockingException("-Dcoordinator=" + coordinator + " must be host:port");
        }
    }

    private static Map<String, String> query(String raw) {
        return raw == null ? Map.of() : Arrays.stream(raw.split("&")).map(pair -> pair.split("=", 2))
                .filter(pair -> pair.length == 2 && !pair[0].isEmpty())
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8),
                        (first, last) -> last));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
