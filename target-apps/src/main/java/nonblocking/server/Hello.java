package nonblocking.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;

/**
 * What every model answers to the seed request, byte for byte: 200 text/plain with no Content-Length (so Jetty
 * chunks it, one chunk per write), "Hello" flushed at once, the pause, "World".
 */
final class Hello {
    static final String MODEL_HEADER = "X-Thread-Model";
    /** Which kind of thread ran the handler: lets a test (or a curious human) check the wiring. */
    static final String HANDLER_THREAD_HEADER = "X-Handler-Thread";

    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WORLD = "World".getBytes(StandardCharsets.US_ASCII);

    private Hello() {
    }

    /** Status and headers, before the first write commits them. */
    static void prepare(Response response, ThreadModel model) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PlainResponses.TEXT);
        response.getHeaders().put(MODEL_HEADER, model.label());
        response.getHeaders().put(HANDLER_THREAD_HEADER, Thread.currentThread().isVirtual() ? "virtual" : "platform");
    }

    static ByteBuffer hello() {
        return ByteBuffer.wrap(HELLO);
    }

    static ByteBuffer world() {
        return ByteBuffer.wrap(WORLD);
    }
}
