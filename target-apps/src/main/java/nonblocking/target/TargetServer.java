package nonblocking.target;

import java.net.URI;
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
    private final Census census = new Census();
    private final String poolSettings;

    public TargetServer(TargetConfig config) {
        this.config = config;
        QueuedThreadPool pool = ServerThreads.newPool(config);
        server = new Server(pool);
        connector = new ServerConnector(server, new HttpConnectionFactory(JettyTuning.httpConfiguration()));
        JettyTuning.tune(connector, config);
        poolSettings = ServerThreads.size(pool, connector, config);
        server.addConnector(connector);

        ThreadCensus threadCensus = new ThreadCensus(config, census);
        // GracefulHandler lets a stop wait (up to the stop timeout) for requests in flight.
        server.setHandler(new GracefulHandler(new TargetHandler(new SlowHello(config, census), threadCensus)));
        server.setStopTimeout(config.stopTimeoutMs());
    }

    /** Starts and binds; throws if the port is taken. */
    public TargetServer start() throws Exception {
        server.start();
        return this;
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
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /** Connections currently open on the connector. */
    public int connections() {
        return connector.getConnectedEndPoints().size();
    }

    public TargetConfig config() {
        return config;
    }

    public Census census() {
        return census;
    }

    public String poolSettings() {
        return poolSettings;
    }

    /** The one line a launcher waits for; it parses {@code url=}. */
    public String readyLine() {
        return "nonblocking target ready: model=" + config.model().label()
                + " url=" + uri()
                + " pool=" + poolSettings
                + " pause=" + config.pauseMs() + "ms"
                + " jdk=" + System.getProperty("java.version")
                + " pid=" + ProcessHandle.current().pid();
    }
}
