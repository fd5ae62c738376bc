package nonblocking.target;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Routes the few endpoints. Declared BLOCKING so that Jetty never runs it on a selector thread: in the blocking
 * model it gets a pool thread, in the virtual model a virtual thread.
 */
final class TargetHandler extends Handler.Abstract {
    private final SlowHello hello;
    private final ThreadCensus threadCensus;

    TargetHandler(SlowHello hello, ThreadCensus threadCensus) {
        super(InvocationType.BLOCKING);
        this.hello = hello;
        this.threadCensus = threadCensus;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        boolean get = HttpMethod.GET.is(method);
        switch (path) {
            case "/" -> {
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
