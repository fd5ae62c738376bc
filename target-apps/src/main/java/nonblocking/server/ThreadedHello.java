package nonblocking.server;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The seed request on a thread of its own, for the blocking and virtual models: blocking writes, and the pause holds
 * the thread, a platform thread in the blocking model but only a parked virtual one in the virtual model, which is
 * the difference being measured. Declared BLOCKING, so Jetty never runs it on a selector.
 *
 * <p>The pause ends early when the client leaves ({@link ClientWatch}): a request whose client has gone is not
 * worth a thread, least of all in a saturated pool where other requests wait for one.
 */
final class ThreadedHello extends Hello {
    ThreadedHello(TargetConfig config, Requests requests, Work work, Stall stall) {
        super(InvocationType.BLOCKING, config, requests, work, stall);
    }

    @Override
    void serve(Request request, Response response, SeedQuery query, Exchange exchange) {
        Departure departure = new Departure();
        ClientWatch watch = ClientWatch.start(request, departure::leave);
        try {
            if (departure.happened()) {
                // It waited in the queue while its client left: not run at all.
                exchange.abandoned(departure.reason());
                return;
            }
            work.burn(query.workMicros());
            // Blocking writes: the first one commits the headers and sends "Hello" as its own chunk right away.
            Content.Sink.write(response, false, Hello.hello());
            if (departure.pause(stall.pause(query.pauseMs()))) {
                watch.stop();
                exchange.abandoned(departure.reason());
                return;
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
    }
}
