package nonblocking.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import nonblocking.server.wait.Wait;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What every model answers to the seed request, byte for byte: 200 text/plain with no Content-Length (so Jetty
 * chunks it, one chunk per write), "Hello", the {@link Wait}, "World". Before a wait that cannot fail (the pause)
 * "Hello" is flushed at once, as in the blog; after any other, so that a failure can still be answered as such. What
 * differs between the models is only who holds the wait: the subclasses.
 */
abstract class Hello extends Handler.Abstract {
    static final String MODEL_HEADER = "X-Thread-Model";
    /** Which kind of thread ran the handler: lets a test (or a curious human) check the wiring. */
    static final String HANDLER_THREAD_HEADER = "X-Handler-Thread";

    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WORLD = "World".getBytes(StandardCharsets.US_ASCII);

    private final TargetConfig config;
    private final Requests requests;
    final Work work;
    final Stall stall;
    final Wait wait;

    Hello(InvocationType type, TargetConfig config, Requests requests, Work work, Stall stall, Wait wait) {
        super(type);
        this.config = config;
        this.requests = requests;
        this.work = work;
        this.stall = stall;
        this.wait = wait;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        SeedQuery query = SeedQuery.orBadRequest(request, response, callback, config.pauseMs());
        if (query != null) {
            // Status and headers, before the first write commits them.
            response.setStatus(200);
            HttpFields.Mutable headers = response.getHeaders();
            headers.put(HttpHeader.CONTENT_TYPE, PlainResponses.TEXT);
            headers.put(MODEL_HEADER, config.model().label());
            headers.put(HANDLER_THREAD_HEADER, Thread.currentThread().isVirtual() ? "virtual" : "platform");
            serve(request, response, query, new Exchange(requests, callback));
        }
        return true;
    }

    /** Writes "Hello", waits, writes "World"; ends {@code exchange} whatever happens. */
    abstract void serve(Request request, Response response, SeedQuery query, Exchange exchange);

    static ByteBuffer hello() {
        return ByteBuffer.wrap(HELLO);
    }

    static ByteBuffer world() {
        return ByteBuffer.wrap(WORLD);
    }
}
