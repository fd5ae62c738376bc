package nonblocking.server;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** One Jetty server for one thread model: started by {@code main} and, in-process, by the tests. */
public final class TargetServer implements AutoCloseable {
    private final TargetConfig config;
    private final Server server;
    private final ServerConnector connector;
    /** The census port's connector, on its own thread pool; null when there is no census port. */
    private final ServerConnector censusConnector;
    private final Requests requests = new Requests();
    private final Work work = Work.calibrated();
    private final String poolSettings;

    public TargetServer(TargetConfig config) {
        this.config = config;
        QueuedThreadPool pool = ServerThreads.newPool(config);
        server = new Server(pool);
        // One HTTP configuration for both ports: the census port is tuned exactly like the main one.
        HttpConfiguration http = JettyTuning.httpConfiguration(config);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setName(Routes.MAIN_CONNECTOR);
        JettyTuning.tune(connector, config, config.port());
        poolSettings = ServerThreads.size(pool, connector, config);
        server.addConnector(connector);
        censusConnector = config.censusPort() == null ? null : newCensusConnector(server, config, http);
        if (censusConnector != null) {
            server.addConnector(censusConnector);
        }

        CensusTaker censusTaker = new CensusTaker(config, requests);
        // GracefulHandler lets a stop wait (up to the stop timeout) for requests in flight.
        Stall stall = new Stall();
        server.setHandler(new GracefulHandler(Routes.of(config.model().hello(config, requests, work, stall), censusTaker,
                stall)));
        server.setStopTimeout(config.stopTimeoutMs());
    }

    /**
     * The census port: a second connector whose executor is its own small pool (see
     * {@link ServerThreads#newCensusPool}), not the server's, so that its requests neither queue behind a saturated
     * blocking pool nor run on virtual threads. Scheduler and buffer pool are the server's. Same tuning as the main
     * port; {@link Routes} serves only the census endpoints on it.
     */
    private static ServerConnector newCensusConnector(Server server, TargetConfig config, HttpConfiguration http) {
        ServerConnector census = new ServerConnector(server, ServerThreads.newCensusPool(), null, null,
                ServerThreads.CENSUS_ACCEPTORS, ServerThreads.CENSUS_SELECTORS,
                new HttpConnectionFactory(http));
        census.setName(Routes.CENSUS_CONNECTOR);
        JettyTuning.tune(census, config, config.censusPort());
        return census;
    }

    /**
     * Binds the port(s), then starts.
     *
     * @throws TargetException if a port is taken (or otherwise cannot be bound); nothing stays open then
     */
    public TargetServer start() throws Exception {
        try {
            // Bind before starting, so that a failure names the port it concerns.
            bind(connector, config.port(), "");
            if (censusConnector != null) {
                bind(censusConnector, config.censusPort(), "census port ");
            }
        } catch (TargetException e) {
            closeQuietly(connector);
            closeQuietly(censusConnector);
            throw e;
        }
        server.start();
        return this;
    }

    private void bind(ServerConnector c, int port, String what) {
        try {
            c.open();
        } catch (IOException e) {
            throw new TargetException(cannotListen(what + config.host() + ":" + port, e), e);
        }
    }

    private static void closeQuietly(ServerConnector c) {
        if (c != null) {
            c.close();
        }
    }

    /** "cannot listen on 127.0.0.1:8080: Address already in use", naming the port and the operating system's reason. */
    private static String cannotListen(String where, IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return "cannot listen on " + where + ": " + t.getMessage();
            }
        }
        return "cannot listen on " + where + ": " + e.getMessage();
    }

    /** Stops gracefully: stop accepting, let requests in flight finish within the stop timeout. */
    public void stop() throws Exception {
        server.stop();
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    /** Also stop from a JVM shutdown hook (SIGTERM, or {@code System.exit}). */
    public void stopAtShutdown() {
        server.setStopAtShutdown(true);
    }

    public void join() throws InterruptedException {
        server.join();
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8082/}. */
    public URI uri() {
        return uri(port());
    }

    /** The census port's base URL, e.g. {@code http://127.0.0.1:40123/}; empty without a census port. */
    public Optional<URI> censusUri() {
        return censusConnector == null ? Optional.empty() : Optional.of(uri(censusConnector.getLocalPort()));
    }

    private URI uri(int localPort) {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + localPort + "/");
    }

    /**
     * Connections currently open on the main connector, as Jetty has registered them. A saturated blocking pool
     * delays that too (Jetty creates each endpoint on a pool thread), so new connections count only once a
     * thread frees.
     */
    public int connections() {
        return connector.getConnectedEndPoints().size();
    }

    public TargetConfig config() {
        return config;
    }

    public Requests requests() {
        return requests;
    }

    public String poolSettings() {
        return poolSettings;
    }

    /** How the ready line starts: what a launcher waits for. */
    public static final String READY_PREFIX = "nonblocking target ready:";

    /**
     * The one line a launcher waits for; it parses {@code url=} and, when present, {@code census=}. It ends with
     * the CPU-work calibration, e.g. {@code work=412iter/us}.
     */
    public String readyLine() {
        return READY_PREFIX + " model=" + config.model().label()
                + " url=" + uri()
                + censusUri().map(u -> " census=" + u).orElse("")
                + " pool=" + poolSettings
                + " pause=" + config.pauseMs() + "ms"
                + " jdk=" + System.getProperty("java.version")
                + " pid=" + ProcessHandle.current().pid()
                + " work=" + work.label();
    }
}
