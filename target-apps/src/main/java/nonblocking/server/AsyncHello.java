package nonblocking.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The seed request with callbacks, for the async model: the same bytes as {@link ThreadedHello}, but no thread is
 * held during the pause. The handler writes "Hello" without blocking and returns at once; when that write completes,
 * Jetty's scheduler is asked to write "World" after the pause, and that last write completes the handler's callback.
 * So any number of paused requests cost a timer entry each, not a thread. A client that leaves ({@link ClientWatch})
 * cancels the timer and fails the callback at once. Every step is non-blocking, hence {@code NON_BLOCKING}. (The
 * census endpoints are blocking, so Jetty still runs handlers on a pool thread rather than on the selector; this one
 * gives it back at once.)
 */
final class AsyncHello extends Hello {
    AsyncHello(TargetConfig config, Requests requests, Work work, Stall stall) {
        super(InvocationType.NON_BLOCKING, config, requests, work, stall);
    }

    @Override
    void serve(Request request, Response response, SeedQuery query, Exchange exchange) {
        AtomicReference<Scheduler.Task> timer = new AtomicReference<>();
        // A client that leaves ends the exchange at once: the timer is cancelled and the callback failed.
        ClientWatch watch = ClientWatch.start(request, why -> {
            exchange.abandoned(why);
            cancel(timer.get());
        });
        if (exchange.ended()) {
            return; // it waited in the queue while its client left: not run at all
        }
        // CPU work, if asked for, runs here like in the other models: on the thread that runs the handler.
        work.burn(query.workMicros());
        Scheduler scheduler = request.getComponents().getScheduler();
        // The first write commits the headers and sends "Hello" as its own chunk; the pause starts once it is out.
        response.write(false, Hello.hello(), nonBlocking(() -> {
            timer.set(scheduler.schedule(() -> writeWorld(response, exchange, watch), stall.pause(query.pauseMs()),
                    TimeUnit.MILLISECONDS));
            if (exchange.ended()) {
                cancel(timer.get()); // the client left while the timer was being set
            }
        }, exchange));
    }

    /** On the scheduler's thread: the last chunk, which ends the exchange. */
    private static void writeWorld(Response response, Exchange exchange, ClientWatch watch) {
        watch.stop();
        if (!exchange.ended()) {
            response.write(true, Hello.world(), nonBlocking(exchange::served, exchange));
        }
    }

    private static void cancel(Scheduler.Task task) {
        if (task != null) {
            task.cancel();
        }
    }

    /** A write callback that only hands work on (to the scheduler, or to the handler's callback). */
    private static Callback nonBlocking(Runnable onWritten, Exchange exchange) {
        return Callback.from(InvocationType.NON_BLOCKING, onWritten, exchange::abandoned);
    }
}
