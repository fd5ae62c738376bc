package nonblocking.server;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import nonblocking.server.wait.Wait;
import nonblocking.server.wait.WaitFailed;
import org.eclipse.jetty.server.Handler;
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
    /** On its own thread pool; null when there is no census port. */
    private final ServerConnector censusConnector;
    private final Requests requests = new Requests();
    private final Work work = Work.calibrated();
    private final Wait wait;
    private final String poolSettings;

    public TargetServer(TargetConfig config) {
        this.config = config;
        QueuedThreadPool pool = ServerThreads.newPool(config);
        server = new Server(pool);
        // One HTTP configuration for both ports: the census port is tuned exactly like the main one.
        HttpConfiguration http = JettyTuning.httpConfiguration(config);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        JettyTuning.tune(connector, Routes.MAIN_CONNECTOR, config, config.host(), config.port());
        poolSettings = ServerThreads.size(pool, connector, config);
        server.addConnector(connector);
        censusConnector = config.censusPort() == null ? null : addCensusConnector(server, config, http);

        Stall stall = new Stall();
        wait = makeWait(config);
        Handler hello = config.model().hello(config, requests, work, stall, wait);
        // GracefulHandler lets a stop wait (up to the stop timeout) for requests in flight.
        server.setHandler(new GracefulHandler(Routes.of(hello, new CensusTaker(config, requests, wait, this::connections),
                stall)));
        server.setStopTimeout(config.stopTimeoutMs());
    }

    /**
     * The wait, for the model's form of it (the async model is the one that holds no thread per request). A wait whose
     * server or database does not answer is a one-line TargetException: the server does not start.
     */
    private static Wait makeWait(TargetConfig config) {
        try {
            return config.waitSpec().make(config.model() == ThreadModel.ASYNC);
        } catch (WaitFailed e) {
            throw new TargetException(e.getMessage(), e);
        }
    }

    /**
     * The census port: a second connector on its own small pool ({@link ServerThreads#newCensusPool}), so that its
     * requests neither queue behind a saturated blocking pool nor run on virtual threads. Scheduler and buffer pool
     * are the server's; {@link Routes} serves only the census endpoints on it.
     */
    private static ServerConnector addCensusConnector(Server server, TargetConfig config, HttpConfiguration http) {
        ServerConnector census = new ServerConnector(server, ServerThreads.newCensusPool(), null, null,
                ServerThreads.CENSUS_ACCEPTORS, ServerThreads.CENSUS_SELECTORS, new HttpConnectionFactory(http));
        JettyTuning.tune(census, Routes.CENSUS_CONNECTOR, config, config.censusHost(), config.censusPort());
        server.addConnector(census);
        return census;
    }

    /** Binds the port(s), then starts; a port that cannot be bound is a TargetException, and nothing stays open. */
    public TargetServer start() throws Exception {
        try {
            // Bind before starting, so that a failure names the port it concerns.
            bind(connector, config.host(), config.port(), "");
            if (censusConnector != null) {
                bind(censusConnector, config.censusHost(), config.censusPort(), "census port ");
            }
        } catch (TargetException e) {
            Stream.of(connector, censusConnector).filter(Objects::nonNull).forEach(ServerConnector::close);
            throw e;
        }
        server.start();
        return this;
    }

    private void bind(ServerConnector c, String host, int port, String what) {
        try {
            c.open();
        } catch (IOException e) {
            // "cannot listen on 127.0.0.1:8080: Address already in use": the port and the operating system's reason.
            Throwable reason = Stream.<Throwable>iterate(e, Objects::nonNull, Throwable::getCause)
                    .filter(BindException.class::isInstance).findFirst().orElse(e);
            throw new TargetException("cannot listen on " + what + host + ":" + port + ": "
                    + reason.getMessage(), e);
        }
    }

    /** Stops gracefully: stop accepting, let requests in flight finish within the stop timeout; then the wait's clients. */
    public void stop() throws Exception {
        try {
            server.stop();
        } finally {
            wait.close();
        }
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
        return uri(config.host(), port());
    }

    /** The census port's base URL, e.g. {@code http://127.0.0.1:40123/}; empty without a census port. */
    public Optional<URI> censusUri() {
        return censusConnector == null ? Optional.empty()
                : Optional.of(uri(config.censusHost(), censusConnector.getLocalPort()));
    }

    private static URI uri(String host, int localPort) {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + localPort + "/");
    }

    /**
     * Connections open on the main connector, as Jetty has registered them: a saturated blocking pool delays that
     * too (Jetty creates each endpoint on a pool thread), so new connections count only once a thread frees.
     */
    public int connections() {
        return connector.getConnectedEndPoints().size();
    }

    public String poolSettings() {
        return poolSettings;
    }

    /** How the ready line starts: what a launcher waits for. */
    public static final String READY_PREFIX = "nonblocking target ready:";

    /** The line a launcher waits for: it parses {@code url=} and {@code census=}; {@code work=} ends it. */
    public String readyLine() {
        return READY_PREFIX + " model=" + config.model().label()
                + " url=" + uri()
                + censusUri().map(u -> " census=" + u).orElse("")
                + " pool=" + poolSettings
                + " pause=" + config.pauseMs() + "ms"
                + " wait=" + config.waitSpec().kind().label()
                + " jdk=" + System.getProperty("java.version")
                + " pid=" + ProcessHandle.current().pid()
                + " work=" + work.label();
    }
}
