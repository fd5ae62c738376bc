package nonblocking.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Small complete responses: errors carry a one-line reason instead of Jetty's HTML error page. */
final class PlainResponses {
    static final String TEXT = "text/plain";
    static final String JSON = "application/json";

    private PlainResponses() {
    }

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        Content.Sink.write(response, true, body, callback);
    }

    static void text(Response response, Callback callback, int status, String line) {
        send(response, callback, status, TEXT, line + "\n");
    }

    static void methodNotAllowed(Response response, Callback callback, String method, String path, String allow) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        text(response, callback, 405, "method " + method + " not allowed on " + path + " (allowed: " + allow + ")");
    }
}
