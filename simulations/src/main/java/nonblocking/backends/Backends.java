package nonblocking.backends;

import nonblocking.NonblockingException;
import nonblocking.server.wait.Database;
import nonblocking.server.wait.Figures;
import nonblocking.server.wait.WaitKind;
import nonblocking.server.wait.WaitSpec;
import nonblocking.targets.Backend;
import nonblocking.targets.FreePorts;
import nonblocking.targets.TargetClient;
import nonblocking.targets.TargetCommand;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The server a run's wait needs, started or checked before any load: the http wait's downstream server and the db
 * wait's PostgreSQL, the run's own when none is given ({@code -Ddownstream.url}, {@code -Ddb.url}). A wait that
 * waits on no server (the pause) needs none.
 */
public final class Backends {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private Backends() {
    }

    /**
     * The backend of this wait, up and answering; empty for a wait without one. One line when it cannot be had, or
     * when an option is bad: every option is checked before anything starts.
     */
    public static Optional<Backend> open(WaitSpec wait, Path runDir, String heap, String classpath) {
        if (!wait.kind().defaults().containsKey(WaitKind.URL)) {
            check(wait);
            return Optional.empty();
        }
        String given = wait.settings().get(WaitKind.URL);
        boolean http = wait.kind() == WaitKind.HTTP;
        if (!http && wait.kind() != WaitKind.DB) {
            throw new NonblockingException("the " + wait.kind().label() + " wait needs -D"
                    + wait.kind().key(WaitKind.URL) + ": the run cannot start such a server itself");
        }
        check(given != null ? wait : wait.with(wait.kind().key(WaitKind.URL),
                http ? "http://127.0.0.1/" : "jdbc:postgresql://127.0.0.1/postgres"));
        return Optional.of(given != null ? (http ? checked(given) : Postgres.given(given))
                : http ? started(runDir, heap, classpath) : Postgres.start(runDir.resolve("postgres"), Database.pool(wait)));
    }

    /** The options as the targets will read them (a server the run starts at the address it will have). */
    private static void check(WaitSpec wait) {
        try {
            wait.check();
        } catch (IllegalArgumentException e) {
            throw new NonblockingException("-D" + e.getMessage());
        }
    }

    /** The spec the targets are started with: the server's address among its options. */
    public static WaitSpec given(WaitSpec wait, Optional<Backend> backend) {
        return backend.map(b -> wait.with(wait.kind().key(WaitKind.URL), b.url())).orElse(wait);
    }

    private static Backend started(Path runDir, String heap, String classpath) {
        List<Integer> ports = FreePorts.take(TargetCommand.HOST, 2);
        return DownstreamServer.start(heap, classpath, ports.get(0), ports.get(1), runDir.resolve("downstream.log"),
                START_TIMEOUT);
    }

    /** A downstream server given by URL must answer (whatever the status) before any load goes out. */
    private static Backend checked(String url) {
        try (TargetClient client = new TargetClient(URI.create(url), null)) {
            client.status(Duration.ofSeconds(5));
        } catch (IOException e) {
            throw new NonblockingException("-Ddownstream.url=" + url + " does not answer: " + TargetClient.describe(e));
        } catch (IllegalArgumentException e) {
            throw new NonblockingException("-Ddownstream.url=" + url + " is not an HTTP URL: " + e.getMessage());
        }
        return new GivenServer("the downstream server", url);
    }

    /** A server given by URL that the run can only reach, not read. */
    private record GivenServer(String what, String url) implements Backend {
        @Override
        public Figures reading() {
            return Figures.NONE;
        }

        @Override
        public Optional<String> gone() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }
}
