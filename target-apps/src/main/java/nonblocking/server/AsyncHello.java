package nonblocking.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import nonblocking.server.wait.Wait;
import nonblocking.server.wait.WaitFailed;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The seed request with callbacks, for the async model: the same bytes as {@link ThreadedHello}, but no thread is
 * held during the wait. The handler starts the wait's non-blocking form and returns at once (after "Hello", for the
 * pause); when the wait is done, its callback writes "World", and that last write completes the handler's callback.
 * So any number of waiting requests cost a timer entry, or a client's or driver's callback, each, not a thread. A
 * client that leaves ({@link ClientWatch}) cuts the wait short where it can and fails the callback at once. Every step
 * is non-blocking, hence {@code NON_BLOCKING}. (The census endpoints are blocking, so Jetty still runs handlers on a
 * pool thread rather than on the selector; this one gives it back at once.)
 */
final class AsyncHello extends Hello {
    AsyncHello(TargetConfig config, Requests requests, Work work, Stall stall, Wait wait) {
        super(InvocationType.NON_BLOCKING, config, requests, work, stall, wait);
    }

    @Override
    void serve(Request request, Response response, SeedQuery query, Exchange exchange) {
        AtomicReference<Runnable> cancel = new AtomicReference<>();
        // A client that leaves ends the exchange at once: the wait is cut short and the callback failed.
        ClientWatch watch = ClientWatch.start(request, why -> {
            exchange.abandoned(why);
            cancel(cancel.get());
        });
        if (exchange.ended()) {
            return; // it waited in the queue while its client left: not run at all
        }
        // CPU work, if asked for, runs here like in the other models: on the thread that runs the handler.
        work.burn(query.workMicros());
        Scheduler scheduler = request.getComponents().getScheduler();
        Runnable start = () -> {
            cancel.set(wait.start(query.pauseMs(), scheduler, failure -> done(response, exchange, watch, scheduler, failure)));
            if (exchange.ended()) {
                cancel(cancel.get()); // the client left while the wait was being started
            }
        };
        if (wait.helloFirst()) {
            // The first write commits the headers and sends "Hello" as its own chunk; the wait starts once it is out.
            response.write(false, Hello.hello(), nonBlocking(start, exchange));
        } else {
            start.run();
        }
    }

    /** On the wait's thread: a failure is answered as such; otherwise "World" once a freeze, if any, is over. */
    private void done(Response response, Exchange exchange, ClientWatch watch, Scheduler scheduler, Throwable failure) {
        if (failure != null) {
            watch.stop();
            WaitFailed failed = failure instanceof WaitFailed f ? f
                    : new WaitFailed(WaitFailed.BAD_GATEWAY, WaitFailed.reason(failure), failure);
            exchange.failed(response, failed.status(), failed.getMessage());
            return;
        }
        long frozen = stall.remaining();
        if (frozen > 0) {
            scheduler.schedule(() -> writeWorld(response, exchange, watch), frozen, TimeUnit.MILLISECONDS);
        } else {
            writeWorld(response, exchange, watch);
        }
    }

    /** The last chunk (after "Hello", when it did not go first), which ends the exchange. */
    private void writeWorld(Response response, Exchange exchange, ClientWatch watch) {
        watch.stop();
        if (exchange.ended()) {
            return;
        }
        Runnable world = () -> response.write(true, Hello.world(), nonBlocking(exchange::served, exchange));
        if (wait.helloFirst()) {
            world.run();
        } else {
            response.write(false, Hello.hello(), nonBlocking(world, exchange));
        }
    }

    private static void cancel(Runnable cancel) {
        if (cancel != null) {
            cancel.run();
        }
    }

    /** A write callback that only hands work on (to the wait, or to the handler's callback). */
    private static Callback nonBlocking(Runnable onWritten, Exchange exchange) {
        return Callback.from(InvocationType.NON_BLOCKING, onWritten, exchange::abandoned);
    }
}
