package nonblocking.server;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The one place for HTTP and connector settings. Every thread model uses exactly these, so any difference in
 * the results comes from the threads alone; the census port's connector uses them too.
 */
final class JettyTuning {
    /**
     * Listen backlog. Java's default of 50 is far too small for thousands of clients connecting at once: the kernel
     * would drop SYNs and clients retry a second later, skewing latency. The kernel caps it at net.core.somaxconn
     * (4096 on current Linux).
     */
    static final int ACCEPT_QUEUE_SIZE = 4096;

    private JettyTuning() {
    }

    /**
     * Jetty's protections stay at their defaults (8 KiB request headers -> 431 beyond). With Jetty's default header
     * cache (1024) each connection's parser builds an ArrayTrie ({@code char[]}, ~45 KB measured, ~100 KB of
     * allocation) on its first request and keeps it while the connection lives: at 10,000 connections that was
     * 450 MB of a 512 MB heap (class histogram), and with 2,000 connections opened at once the burst shows up as
     * long young-GC pauses. So the cache is off by default; {@code --header-cache-size 1024} restores Jetty's.
     */
    static HttpConfiguration httpConfiguration(TargetConfig config) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setHeaderCacheSize(config.headerCacheSize());
        return http;
    }

    /** For the main port or the census port; {@link Routes} routes by the connector's name. */
    static void tune(ServerConnector connector, String name, TargetConfig config, String host, int port) {
        connector.setName(name);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(config.idleTimeoutMs());
        connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
    }
}
