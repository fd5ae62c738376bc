package nonblocking.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Small complete responses: errors carry a one-line reason instead of Jetty's HTML error page. Each names the
 * thread that wrote it, so a test (or {@code curl -i}) can see which pool served it; the seed response does not
 * (it stays as lean as the load needs).
 */
final class PlainResponses {
    static final String TEXT = "text/plain";
    static final String JSON = "application/json";
    /** The name of the thread that ran the handler, e.g. "census-41" or "jetty-blocking-37". */
    static final String HANDLER_THREAD_NAME_HEADER = "X-Handler-Thread-Name";

    private PlainResponses() {
    }

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HANDLER_THREAD_NAME_HEADER, Thread.currentThread().getName());
        Content.Sink.write(response, true, body, callback);
    }

    static void text(Response response, Callback callback, int status, String line) {
        send(response, callback, status, TEXT, line + "\n");
    }
}
