package nonblocking.server;

import java.util.List;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.PathMappingsHandler;

/**
 * The endpoints, routed by Jetty's own handlers: a {@link ContextHandler} per connector (its virtual host
 * {@code @name} matches the connector of that name), and in each a {@link PathMappingsHandler}. The main port
 * serves the app, {@code /} (the seed request), and {@code /health}, nothing else: whoever can reach the app cannot
 * freeze it or clear its figures. The census port serves {@code /threads}, {@code /threads/reset},
 * {@code /threads/stall} and {@code /health}, and no load can land on it. Anything else is a one-line 404; a wrong
 * method a one-line 405 with Allow.
 */
final class Routes {
    static final String MAIN_CONNECTOR = "main";
    static final String CENSUS_CONNECTOR = "census";

    private Routes() {
    }

    static Handler of(Handler hello, CensusTaker taker, Stall stall) {
        PathMappingsHandler main = new PathMappingsHandler();
        // Servlet path spec "" is the context root exactly, "/" the default: everything no other mapping takes.
        main.addMapping(new ServletPathSpec(""), AllowedMethod.get(hello));
        main.addMapping(new ServletPathSpec("/health"), AllowedMethod.get(TextEndpoint.health()));
        main.addMapping(new ServletPathSpec("/"), TextEndpoint.notFound("no such path (this port serves / and /health;"
                + " the census and its controls are on the census port, --census-port): "));

        PathMappingsHandler census = new PathMappingsHandler();
        census.addMapping(new ServletPathSpec("/health"), AllowedMethod.get(TextEndpoint.health()));
        census.addMapping(new ServletPathSpec("/threads"), AllowedMethod.get(new CensusEndpoint(taker::take)));
        census.addMapping(new ServletPathSpec("/threads/reset"), AllowedMethod.post(new CensusEndpoint(taker::reset)));
        census.addMapping(new ServletPathSpec("/threads/stall"), AllowedMethod.post(new StallEndpoint(stall)));
        census.addMapping(new ServletPathSpec("/"), TextEndpoint.notFound(
                "no such path on the census port (it serves /threads, /threads/reset, /threads/stall and /health only): "));

        return new ContextHandlerCollection(onConnector(CENSUS_CONNECTOR, census), onConnector(MAIN_CONNECTOR, main));
    }

    private static ContextHandler onConnector(String connectorName, Handler handler) {
        ContextHandler context = new ContextHandler(handler, "/");
        context.setVirtualHosts(List.of("@" + connectorName));
        return context;
    }
}
