package nonblocking.server;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The seed request on a thread of its own, for the blocking and virtual models: blocking writes, and the pause
 * holds the thread. That holds a platform thread in the blocking model and only parks a virtual thread in the
 * virtual model, which is the difference being measured. Declared BLOCKING, so Jetty runs it on a pool thread or
 * a virtual thread, never on a selector.
 */
final class ThreadedHello extends Handler.Abstract {
    private final TargetConfig config;
    private final Requests requests;
    private final Work work;

    ThreadedHello(TargetConfig config, Requests requests, Work work) {
        super(InvocationType.BLOCKING);
        this.config = config;
        this.requests = requests;
        this.work = work;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        SeedQuery query;
        try {
            query = SeedQuery.of(request, config.pauseMs());
        } catch (SeedQuery.BadQuery e) {
            PlainResponses.text(response, callback, 400, e.getMessage());
            return true;
        }
        Hello.prepare(response, config.model());
        Exchange exchange = new Exchange(requests, callback);
        try {
            work.burn(query.workMicros());
            // Blocking writes: the first one commits the headers and sends "Hello" as its own chunk right away.
            Content.Sink.write(response, false, Hello.hello());
            Thread.sleep(query.pauseMs());
            Content.Sink.write(response, true, Hello.world());
        } catch (Throwable failure) {
            // Typically the client went away; or the server is stopping (interrupt).
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            exchange.abandoned(failure);
            return true;
        }
        exchange.served();
        return true;
    }
}
