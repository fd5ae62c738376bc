package nonblocking.server;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes the few endpoints. Declared BLOCKING so that Jetty never runs it on a selector thread: in the blocking
 * model it gets a pool thread, in the virtual model a virtual thread; on the census port, a thread of the census
 * port's own pool. The census port serves the census endpoints only: {@code GET /} there is a 404, so no load can
 * land on it.
 */
final class TargetHandler extends Handler.Abstract {
    private final SlowHello hello;
    /**
     * On every response but the seed request's (that one stays as lean as the load needs): the name of the thread
     * that ran the handler, e.g. "census-41" or "jetty-blocking-37", so a test (or curl -i) can see which pool
     * served it.
     */
    static final String HANDLER_THREAD_NAME_HEADER = "X-Handler-Thread-Name";

    private final ThreadCensus threadCensus;
    private final Connector censusConnector;

    /** @param censusConnector the census port's connector, or null when there is none */
    TargetHandler(SlowHello hello, ThreadCensus threadCensus, Connector censusConnector) {
        super(InvocationType.BLOCKING);
        this.hello = hello;
        this.threadCensus = threadCensus;
        this.censusConnector = censusConnector;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        boolean get = HttpMethod.GET.is(method);
        boolean censusPort = censusConnector != null && request.getConnectionMetaData().getConnector() == censusConnector;
        if (censusPort || !"/".equals(path)) {
            response.getHeaders().put(HANDLER_THREAD_NAME_HEADER, Thread.currentThread().getName());
        }
        switch (path) {
            case "/" -> {
                if (censusPort) {
                    PlainResponses.text(response, callback, 404, "no such path on the census port: " + path
                            + " (it serves /threads, /threads/reset and /health only)");
                    return true;
                }
                if (get) {
                    hello.handle(request, response, callback);
                } else {
                    PlainResponses.methodNotAllowed(response, callback, method, path, "GET");
                }
            }
            case "/health" -> {
                // Only reachable once the connector is open and the handler started: that is "ready".
                if (get) {
                    PlainResponses.text(response, callback, 200, "ok");
                } else {
                    PlainResponses.methodNotAllowed(response, callback, method, path, "GET");
                }
            }
            case "/threads" -> {
                if (get) {
                    boolean gc = "true".equalsIgnoreCase(Request.extractQueryParameters(request).getValue("gc"));
                    sendCensus(response, callback, threadCensus.take(gc));
                } else {
                    PlainResponses.methodNotAllowed(response, callback, method, path, "GET");
                }
            }
            case "/threads/reset" -> {
                if (HttpMethod.POST.is(method)) {
                    sendCensus(response, callback, threadCensus.reset());
                } else {
                    PlainResponses.methodNotAllowed(response, callback, method, path, "POST");
                }
            }
            default -> PlainResponses.text(response, callback, 404, "no such path: " + path);
        }
        return true;
    }

    private void sendCensus(Response response, Callback callback, ThreadCensus.Report report) {
        PlainResponses.send(response, callback, 200, PlainResponses.JSON, threadCensus.toJson(report) + "\n");
    }
}
