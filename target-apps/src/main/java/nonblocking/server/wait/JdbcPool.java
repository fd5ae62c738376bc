package nonblocking.server.wait;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The db wait's pool for the thread-holding models: pgjdbc through HikariCP, fixed at {@code db.pool} connections
 * (minimum idle = maximum, so that no request pays for a connect), a request waiting at most {@code db.timeout} ms
 * for one.
 */
final class JdbcPool implements AutoCloseable {
    private final HikariDataSource source;

    private JdbcPool(HikariDataSource source) {
        this.source = source;
    }

    /** Starts the pool and checks that the database answers; a RuntimeException if not, and nothing left open. */
    static JdbcPool open(Database.Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("db-jdbc");
        config.setJdbcUrl(settings.url());
        config.setMaximumPoolSize(settings.pool());
        config.setMinimumIdle(settings.pool());
        config.setConnectionTimeout(settings.timeoutMs());
        // Its check of an idle connection's health, before handing it over, within a request's wait too.
        config.setValidationTimeout(Math.min(settings.timeoutMs(), 5_000));
        // The first connection is made here, once: a database that refuses fails the start at once.
        config.setInitializationFailTimeout(1);
        HikariDataSource source = new HikariDataSource(config);
        JdbcPool pool = new JdbcPool(source);
        try (Connection connection = pool.connection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return pool;
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A connection within the timeout, or an SQLException (Hikari's, wrapping the driver's reason if any). */
    Connection connection() throws SQLException {
        return source.getConnection();
    }

    /** Connections open now, active or idle. */
    int open() {
        return source.getHikariPoolMXBean().getTotalConnections();
    }

    @Override
    public void close() {
        source.close();
    }
}
