package nonblocking.server.wait;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The db wait's pool for the async model: Vert.x's reactive PostgreSQL client, {@code db.pool} connections, a request
 * waiting at most {@code db.timeout} ms for one. No thread is held while a query runs: its answer arrives on the event
 * loop.
 */
final class ReactivePool implements AutoCloseable {
    /**
     * Event-loop threads are platform threads, which the census counts: a fixed number, not one per core (Vert.x's
     * default is two per core), so that the async model's count is the same on every machine. One is enough: the
     * queries wait in PostgreSQL, and the loop only reads their short answers, as the server's one selector does.
     */
    static final int EVENT_LOOPS = 1;
    /** How long the start check may take at least, whatever the connection timeout. */
    private static final int CHECK_TIMEOUT_MS = 5_000;
    /** On top of a timeout of Vert.x's own, before this side gives up waiting. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final Pool pool;
    private final int size;
    private final int timeoutMs;

    private ReactivePool(Vertx vertx, Pool pool, int size, int timeoutMs) {
        this.vertx = vertx;
        this.pool = pool;
        this.size = size;
        this.timeoutMs = timeoutMs;
    }

    /** Starts the pool, checks that the database answers (if not, nothing stays open), then opens its connections. */
    static ReactivePool open(Database.Settings settings) {
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(EVENT_LOOPS)
                // Vert.x would otherwise make a file cache folder; it serves no files here.
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(settings.pool())
                        .setConnectionTimeout(settings.timeoutMs()).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .with(new NetClientOptions().setConnectTimeout(settings.timeoutMs()))
                .connectingTo(settings.vertxOptions())
                .using(vertx)
                .build();
        ReactivePool reactive = new ReactivePool(vertx, pool, settings.pool(), settings.timeoutMs());
        try {
            reactive.check(settings);
        } catch (RuntimeException e) {
            reactive.close();
            throw e;
        }
        reactive.fill();
        return reactive;
    }

    /**
     * {@code SELECT 1} on a connection of its own, outside the pool: the pool's wait for a connection (which may be
     * a few hundred ms) would also bound the first connect of a cold JVM, over a second here.
     */
    private void check(Database.Settings settings) {
        await(PgConnection.connect(vertx, settings.vertxOptions())
                .compose(connection -> connection.query("SELECT 1").execute().eventually(connection::close)),
                Math.max(timeoutMs, CHECK_TIMEOUT_MS));
    }

    /**
     * Opens every connection at once, then hands them all back: a full pool from the start, as Hikari's fixed pool
     * is, so that no request pays for a connect in either. Best effort: one not opened in time opens on demand.
     */
    private void fill() {
        List<Future<SqlConnection>> connections = IntStream.range(0, size).mapToObj(i -> pool.getConnection()).toList();
        try {
            await(Future.join(connections).andThen(opened -> connections.stream().filter(Future::succeeded)
                    .forEach(connection -> connection.result().close())), timeoutMs);
        } catch (RuntimeException e) {
            // Some did not open within the timeout: they will when a request asks.
        }
    }

    /** A connection within the timeout; the future fails with the driver's reason, or Vert.x's "Timeout". */
    Future<SqlConnection> connection() {
        return pool.getConnection();
    }

    /** Connections open now, active or idle. */
    int open() {
        return pool.size();
    }

    /** The pool's connections, then Vert.x's threads. */
    @Override
    public void close() {
        closeQuietly(pool::close);
        closeQuietly(vertx::close);
    }

    private void closeQuietly(Supplier<Future<Void>> closing) {
        try {
            await(closing.get(), timeoutMs);
        } catch (RuntimeException e) {
            // Stopping anyway: nothing more to do with what fails to close.
        }
    }

    /** Blocks until {@code future} ends, at most {@code timeoutMs} and some; its failure is thrown, wrapped. */
    private static void await(Future<?> future, long timeoutMs) {
        try {
            future.toCompletionStage().toCompletableFuture().get(timeoutMs + SLACK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        } catch (TimeoutException e) {
            throw new CompletionException(new TimeoutException("no answer within " + timeoutMs + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }
}
