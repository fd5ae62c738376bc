package nonblocking.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The seed request: "Hello", flushed at once, then a pause standing for a slow downstream call, then "World".
 * No Content-Length, so Jetty sends the body chunked: one chunk per write.
 *
 * <p>The pause is a plain blocking {@code Thread.sleep} on purpose: it holds a platform thread in the blocking
 * model and only parks a virtual thread in the virtual model, which is the difference being measured.
 */
final class SlowHello {
    static final String MODEL_HEADER = "X-Thread-Model";
    /** Which kind of thread actually ran the handler: lets a test (or a curious human) check the wiring. */
    static final String HANDLER_THREAD_HEADER = "X-Handler-Thread";

    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WORLD = "World".getBytes(StandardCharsets.US_ASCII);

    private final TargetConfig config;
    private final Census census;

    SlowHello(TargetConfig config, Census census) {
        this.config = config;
        this.census = census;
    }

    void handle(Request request, Response response, Callback callback) {
        long pause;
        try {
            pause = PauseParameter.parse(Request.extractQueryParameters(request).getValue("pause"), config.pauseMs());
        } catch (PauseParameter.BadPause e) {
            PlainResponses.text(response, callback, 400, e.getMessage());
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PlainResponses.TEXT);
        response.getHeaders().put(MODEL_HEADER, config.model().label());
        response.getHeaders().put(HANDLER_THREAD_HEADER, Thread.currentThread().isVirtual() ? "virtual" : "platform");

        census.enter();
        boolean completed = false;
        try {
            // Blocking writes: the first one commits the headers and sends "Hello" as its own chunk right away.
            Content.Sink.write(response, false, ByteBuffer.wrap(HELLO));
            Thread.sleep(pause);
            Content.Sink.write(response, true, ByteBuffer.wrap(WORLD));
            completed = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
            return;
        } catch (Throwable failure) {
            // Typically the client went away during the pause.
            callback.failed(failure);
            return;
        } finally {
            census.exit(completed);
        }
        callback.succeeded();
    }
}
