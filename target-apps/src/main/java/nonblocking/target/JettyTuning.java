package nonblocking.target;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The one place for HTTP and connector settings. Both thread models use exactly these, so any difference in
 * the results comes from the threads alone.
 */
final class JettyTuning {
    /**
     * Listen backlog. Java's default is 50, far too small for thousands of clients connecting at once: the
     * kernel would drop SYNs and clients would retry a second later, skewing latency. The kernel caps this at
     * net.core.somaxconn (4096 on current Linux).
     */
    static final int ACCEPT_QUEUE_SIZE = 4096;

    private JettyTuning() {
    }

    /**
     * Shared by both models. Jetty's protections stay at their defaults (8 KiB request headers -> 431 beyond).
     *
     * <p>Memory note for later: at 10,000 connections Jetty's defaults held ~100 KB of heap per connection,
     * mostly the per-connection header cache ({@code char[]}, see {@link HttpConfiguration#setHeaderCacheSize}).
     * Tune it here, once, if connection count rather than threads becomes the limit.
     */
    static HttpConfiguration httpConfiguration() {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        return http;
    }

    static void tune(ServerConnector connector, TargetConfig config) {
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeoutMs());
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
    }
}
