package nonblocking.server.wait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (14, zonky's binaries from Maven Central) on this machine, for the db wait's tests and the ladder.
 * Each start is a fresh database: {@code initdb} into {@code <folder>/data}, then {@code pg_ctl start} on 127.0.0.1
 * (and ::1), user {@code postgres}, no password (trust), its log in {@code <folder>/postgres.log}. PostgreSQL refuses
 * to run as root; run as root, zonky itself starts {@code initdb} and {@code pg_ctl} through {@code unshare -U}, a
 * user namespace in which the process is not root (it checks first that {@code unshare -U id -u} says so). As any
 * other user they run as they are.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    /** How long a start may take: initdb, then the server's own start. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** After {@code pg_ctl stop} (which waits itself), how long the postmaster may take to be gone. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final String USER = "postgres";
    /** Its first line is the postmaster's pid. */
    private static final String PID_FILE = "postmaster.pid";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
    private final ProcessHandle postmaster;
    private final Duration startup;
    private final Path data;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, ProcessHandle postmaster,
                             Duration startup, Path data) {
        this.postgres = postgres;
        this.postmaster = postmaster;
        this.startup = startup;
        this.data = data;
    }

    /**
     * Starts one and returns once it answers queries.
     *
     * @param folder         its own folder, made if needed: {@code data/} (emptied first) and {@code postgres.log}
     * @param port           0 for any free port
     * @param maxConnections PostgreSQL's {@code max_connections}: above the pools that will connect to it
     * @throws IOException one line, with the last line of its log
     */
    public static EmbeddedPostgres start(Path folder, int port, int maxConnections) throws IOException {
        Path data = folder.resolve("data");
        Path log = folder.resolve("postgres.log");
        // What a killed run left behind: initdb wants an empty folder.
        deleteTree(data);
        Files.createDirectories(folder);
        long started = System.nanoTime();
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;
        try {
            postgres = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .setPort(port)
                    .setServerConfig("max_connections", Integer.toString(maxConnections))
                    // To a file rather than zonky's default pipe, which it reads on a thread of this JVM for as long
                    // as the server runs: a platform thread the census would count.
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setPGStartupWait(START_TIMEOUT)
                    // The first copy of the binaries on the class path: the packaged jar's manifest lists its lib/
                    // beside the same jar from the Maven repository, and zonky's own resolver refuses duplicates.
                    .setPgBinaryResolver((system, hardware) -> EmbeddedPostgres.class.getResourceAsStream(
                            "/postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz"))
                    .start();
        } catch (IOException | RuntimeException e) {
            // One that started but did not answer in time is not left running.
            if (Files.exists(data.resolve(PID_FILE))) {
                postmaster(data).destroy();
            }
            throw new IOException("PostgreSQL did not start in " + folder + ": " + lastLine(log)
                    .orElse(WaitFailed.reason(e)), e);
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - started);
        return new EmbeddedPostgres(postgres, postmaster(data), startup, data);
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    /** The server's first process, as its {@code postmaster.pid} names it (pg_ctl has let go of it). */
    private static ProcessHandle postmaster(Path data) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(data.resolve(PID_FILE)).getFirst().strip());
        return ProcessHandle.of(pid).orElseThrow(() -> new IOException("PostgreSQL's postmaster " + pid + " is gone"));
    }

    private static Optional<String> lastLine(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> !line.isBlank()).reduce((first, second) -> second).map(String::strip);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/postgres?user=postgres}: the db wait's {@code db.url}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?user=" + USER;
    }

    public int port() {
        return postgres.getPort();
    }

    /** The postmaster's pid: its {@code /proc/<pid>/stat} also counts (cutime, cstime) the backends it has reaped. */
    public long pid() {
        return postmaster.pid();
    }

    /** The postmaster's and its live children's pids (a backend per connection, and its helpers), postmaster first. */
    public List<Long> pids() {
        return processes().stream().map(ProcessHandle::pid).toList();
    }

    private List<ProcessHandle> processes() {
        return Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
    }

    /** Its server log, beside its data. */
    public Path log() {
        return data.resolveSibling("postgres.log");
    }

    /** How long {@link #start} took. */
    public Duration startup() {
        return startup;
    }

    /** Stops it ({@code pg_ctl stop -m fast}), removes its data and waits until no process of it is left. */
    @Override
    public void close() throws IOException {
        List<ProcessHandle> processes = processes();
        if (!postmaster.isAlive()) {
            // Killed: pg_ctl has nothing to stop (zonky would log its failure); what is left goes.
            processes.forEach(ProcessHandle::destroyForcibly);
            deleteTree(data);
            return;
        }
        postgres.close();
        try {
            postmaster.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            processes.forEach(ProcessHandle::destroyForcibly);
            throw new IOException("PostgreSQL " + pid() + " did not stop within " + STOP_TIMEOUT.toSeconds()
                    + " s: killed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            processes.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
