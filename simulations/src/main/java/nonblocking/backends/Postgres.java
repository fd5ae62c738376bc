package nonblocking.backends;

import nonblocking.NonblockingException;
import nonblocking.results.LevelResult;
import nonblocking.server.wait.EmbeddedPostgres;
import nonblocking.server.wait.Figures;
import nonblocking.server.wait.WaitFailed;
import nonblocking.server.wait.WaitSpec;
import nonblocking.targets.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The db wait's PostgreSQL: a real server the run starts (embedded, its data in the run's folder, stopped with the
 * run) or one given by {@code -Ddb.url}. Its own view of the load is read at the edges of every hold:
 * {@code pg_stat_activity}'s client backends, those busy in a query ({@code active}), and, for the one the run
 * started, the CPU of its processes from /proc, so that the database's own limit is seen as such.
 */
final class Postgres implements Backend {

    /** Connections beyond the targets' pool: the ladder's own reader, and PostgreSQL's reserved superuser slots. */
    static final int SPARE_CONNECTIONS = 20;
    /** Clock ticks per second of /proc's utime and stime: 100 on Linux. */
    private static final long TICK_NANOS = 10_000_000L;
    private static final String ACTIVITY = "SELECT count(*) FILTER (WHERE state = 'active'), count(*) FROM pg_stat_activity"
            + " WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";

    private final EmbeddedPostgres embedded;
    private final String url;
    private Connection reader;

    private Postgres(EmbeddedPostgres embedded, String url) {
        this.embedded = embedded;
        this.url = url;
    }

    /** Starts one in {@code folder} with room for a pool of {@code pool} connections; one line if it cannot. */
    static Postgres start(Path folder, int pool) {
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.start(folder, 0, pool + SPARE_CONNECTIONS);
            return new Postgres(embedded, embedded.jdbcUrl());
        } catch (IOException e) {
            throw new NonblockingException(e.getMessage(), e);
        }
    }

    /** One that runs already: it must answer a query now, or the run stops before any load. */
    static Postgres given(String url) {
        Postgres postgres = new Postgres(null, url);
        try {
            try (var statement = postgres.connection().createStatement()) {
                statement.execute("SELECT 1");
            }
        } catch (SQLException e) {
            postgres.close();
            throw new NonblockingException("-Ddb.url=" + WaitSpec.withoutSecrets(url) + " does not answer: "
                    + WaitFailed.reason(e));
        }
        return postgres;
    }

    @Override
    public Optional<Duration> startup() {
        return embedded == null ? Optional.empty() : Optional.of(embedded.startup());
    }

    @Override
    public String what() {
        return "PostgreSQL";
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public synchronized Figures reading() {
        Map<String, Long> gauges = new LinkedHashMap<>();
        try (Statement statement = connection().createStatement(); ResultSet row = statement.executeQuery(ACTIVITY)) {
            row.next();
            gauges.put("active", row.getLong(1));
            gauges.put("connections", row.getLong(2));
        } catch (SQLException e) {
            closeReader();   // it is down, or the connection broke: try a new one next time
        }
        Long cpu = embedded == null ? null : cpuNanos(embedded.pid(), embedded.pids());
        return new Figures(cpu == null ? Map.of() : Map.of(LevelResult.Backend.CPU_NS, cpu), gauges);
    }

    /**
     * The CPU time of the server's processes so far, from /proc (null when none could be read, as off Linux): those
     * alive now, and (the postmaster's cutime and cstime) the children it has reaped, so that a connection's process
     * that ends within a hold takes none of its time away.
     */
    private static Long cpuNanos(long postmaster, List<Long> pids) {
        long ticks = 0;
        boolean read = false;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // After the command name in parentheses: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                if (pid == postmaster) {
                    ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                }
                read = true;
            } catch (IOException | RuntimeException e) {
                // a connection's process that ended between the listing and the read
            }
        }
        return read ? ticks * TICK_NANOS : null;
    }

    @Override
    public Optional<String> gone() {
        if (embedded == null) {
            return Optional.empty();
        }
        return ProcessHandle.of(embedded.pid()).filter(ProcessHandle::isAlive).isPresent() ? Optional.empty()
                : Optional.of("its server process " + embedded.pid() + " exited, log " + embedded.log());
    }

    private Connection connection() throws SQLException {
        if (reader == null || reader.isClosed()) {
            // Bounded like the downstream's read: a database that stops answering must not hold the conductor.
            java.util.Properties bounds = new java.util.Properties();
            bounds.setProperty("loginTimeout", "5");
            bounds.setProperty("socketTimeout", "2");
            reader = DriverManager.getConnection(url, bounds);
        }
        return reader;
    }

    private void closeReader() {
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (SQLException e) {
            // already broken
        }
        reader = null;
    }

    @Override
    public synchronized void close() {
        closeReader();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new NonblockingException("PostgreSQL did not stop: " + e.getMessage(), e);
            }
        }
    }
}
