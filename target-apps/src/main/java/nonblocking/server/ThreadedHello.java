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
 *
 * <p>The pause ends early when the client leaves ({@link ClientWatch}): a request whose client has gone is not
 * worth a thread, least of all in a saturated pool where other requests wait for one.
 */
final class ThreadedHello extends Handler.Abstract {
    private final TargetConfig config;
    private final Requests requests;
    private final Work work;
    private final Stall stall;

    ThreadedHello(TargetConfig config, Requests requests, Work work, Stall stall) {
        super(InvocationType.BLOCKING);
        this.config = config;
        this.requests = requests;
        this.work = work;
        this.stall = stall;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        SeedQuery query = SeedQuery.orBadRequest(request, response, callback, config.pauseMs());
        if (query == null) {
            return true;
        }
        Hello.prepare(response, config.model());
        Exchange exchange = new Exchange(requests, callback);
        Departure departure = new Departure();
        ClientWatch watch = ClientWatch.start(request, departure::leave);
        try {
            if (departure.happened()) {
                // It waited in the queue while its client left: not run at all.
                exchange.abandoned(departure.reason());
                return true;
            }
            work.burn(query.workMicros());
            // Blocking writes: the first one commits the headers and sends "Hello" as its own chunk right away.
            Content.Sink.write(response, false, Hello.hello());
            if (departure.pause(stall.pause(query.pauseMs()))) {
                watch.stop();
                exchange.abandoned(departure.reason());
                return true;
            }
            watch.stop();
            Content.Sink.write(response, true, Hello.world());
            exchange.served();
        } catch (Throwable failure) {
            // The client went away during a write; or the server is stopping (interrupt).
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            watch.stop();
            exchange.abandoned(failure);
        }
        return true;
    }
}
