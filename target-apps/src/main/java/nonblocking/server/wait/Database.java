package nonblocking.server.wait;

import io.vertx.pgclient.PgConnectOptions;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.Scheduler;
import org.postgresql.Driver;

/**
 * The db wait: {@code SELECT pg_sleep(<pause in s>)} on PostgreSQL, through a pool of {@code db.pool} connections
 * that waits at most {@code db.timeout} ms for one. The thread-holding models go through JDBC and HikariCP
 * ({@link JdbcPool}), the async model through Vert.x's reactive client ({@link ReactivePool}), so that no thread is
 * held while its query runs; a server makes only the pool its model uses. Both are timed here, the same way
 * ({@link PoolFigures}). A query once sent runs to its end when the client leaves, as a real one does.
 */
public final class Database implements Wait {
    static final String POOL = "pool";
    static final String TIMEOUT = "timeout";
    private static final String JDBC_PREFIX = "jdbc:";

    private final Settings settings;
    private final PoolFigures figures;
    /** The thread-holding models' pool; null in the async model. */
    private final JdbcPool jdbc;
    /** The async model's pool; null in the others. */
    private final ReactivePool reactive;

    /**
     * @param url       {@code jdbc:postgresql://host:port/database?user=...&password=...}, for both drivers
     * @param timeoutMs how long a request waits for a connection; the ladder sets it to its request timeout
     */
    record Settings(String url, int pool, int timeoutMs) {
        /** One URL form for both drivers: pgjdbc's and Vert.x's parsers must both read it. */
        Settings {
            if (!readable(url)) {
                throw new IllegalArgumentException(WaitKind.DB.key(WaitKind.URL) + "=" + WaitSpec.withoutSecrets(url)
                        + " must be a JDBC URL, jdbc:postgresql://host:port/database?user=...&password=...");
            }
        }

        /** The URL without its query string, where a password would be: what messages show. */
        String shownUrl() {
            return WaitSpec.withoutSecrets(url);
        }

        /** Vert.x reads the same URL, without the {@code jdbc:} in front. */
        PgConnectOptions vertxOptions() {
            return PgConnectOptions.fromUri(url.substring(JDBC_PREFIX.length()));
        }

        private static boolean readable(String url) {
            if (!url.startsWith(JDBC_PREFIX + "postgresql://") || Driver.parseURL(url, null) == null) {
                return false;
            }
            try {
                PgConnectOptions.fromUri(url.substring(JDBC_PREFIX.length()));
                return true;
            } catch (IllegalArgumentException e) {
                return false; // its message would show the password
            }
        }
    }

    private Database(Settings settings, boolean async) {
        this.settings = settings;
        this.figures = new PoolFigures(settings.pool());
        try {
            this.jdbc = async ? null : JdbcPool.open(settings);
            this.reactive = async ? ReactivePool.open(settings) : null;
        } catch (RuntimeException e) {
            throw new WaitFailed(WaitFailed.BAD_GATEWAY,
                    "cannot reach the database " + settings.shownUrl() + ": " + driverReason(e), e);
        }
    }

    /** Checks {@code db.url}, {@code db.pool} and {@code db.timeout}; nothing connects yet. */
    static WaitKind.Recipe read(WaitSpec spec) {
        Settings settings = new Settings(spec.required(WaitKind.URL), pool(spec),
                // Hikari refuses less than 250 ms.
                spec.number(TIMEOUT, 250, 600_000));
        return async -> new Database(settings, async);
    }

    /** {@code db.pool}, checked: a database the run starts needs this many connections, and a few more. */
    public static int pool(WaitSpec spec) {
        return spec.number(POOL, 1, 1000);
    }

    /** The query that lasts the pause, e.g. {@code SELECT pg_sleep(0.1)}. */
    static String sql(long pauseMs) {
        return "SELECT pg_sleep(" + BigDecimal.valueOf(pauseMs, 3).stripTrailingZeros().toPlainString() + ")";
    }

    @Override
    public boolean await(long pauseMs, Departure departure) {
        if (jdbc == null) {
            throw new IllegalStateException("this db wait was made for the async model");
        }
        long asked = figures.asking();
        Connection connection;
        try {
            connection = jdbc.connection();
        } catch (SQLException e) {
            throw noConnection(figures.notHandedOver(asked), e);
        }
        long started = figures.handedOver(asked);
        boolean answered = false;
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute(sql(pauseMs));
            answered = true;
        } catch (SQLException e) {
            throw queryFailed(e);
        } finally {
            figures.queried(started, answered);
        }
        return false;
    }

    @Override
    public Runnable start(long pauseMs, Scheduler scheduler, Consumer<Throwable> done) {
        if (reactive == null) {
            throw new IllegalStateException("this db wait was made for a thread-holding model");
        }
        long asked = figures.asking();
        reactive.connection().onComplete((connection, failure) -> {
            if (failure != null) {
                done.accept(noConnection(figures.notHandedOver(asked), failure));
                return;
            }
            long started = figures.handedOver(asked);
            // The query's own failure answers the request; without a handler Vert.x prints the connection's to stderr.
            connection.exceptionHandler(error -> { });
            connection.query(sql(pauseMs)).execute().onComplete((rows, queryFailure) -> {
                connection.close(); // back to the pool
                figures.queried(started, queryFailure == null);
                done.accept(queryFailure == null ? null : queryFailed(queryFailure));
            });
        });
        return () -> {
            // A query once sent runs to its end.
        };
    }

    /**
     * No connection came: 503 when the pool had none free within the timeout (the excess of requests waited too
     * long), 502 when the driver names a failure behind it (the database refused or went away).
     */
    private WaitFailed noConnection(long waitedNanos, Throwable failure) {
        if (failure.getCause() == null && waitedNanos >= TimeUnit.MILLISECONDS.toNanos(settings.timeoutMs())) {
            return new WaitFailed(WaitFailed.UNAVAILABLE, "no database connection within " + settings.timeoutMs()
                    + " ms (pool of " + settings.pool() + ")", failure);
        }
        return queryFailed(failure);
    }

    private static WaitFailed queryFailed(Throwable failure) {
        return new WaitFailed(WaitFailed.BAD_GATEWAY, "database: " + driverReason(failure), failure);
    }

    /** The driver's own words: a pool's "not available" wraps them. */
    private static String driverReason(Throwable failure) {
        return WaitFailed.reason(failure.getCause() != null ? failure.getCause() : failure);
    }

    @Override
    public Figures figures() {
        return figures.figures(jdbc != null ? jdbc.open() : reactive.open());
    }

    @Override
    public void close() {
        if (jdbc != null) {
            jdbc.close();
        }
        if (reactive != null) {
            reactive.close();
        }
    }
}
