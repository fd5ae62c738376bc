package nonblocking.server;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import nonblocking.server.wait.Departure;
import nonblocking.server.wait.Wait;
import nonblocking.server.wait.WaitFailed;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * The seed request on a thread of its own, for the blocking, virtual and hybrid models: blocking writes, and the wait
 * holds the thread, a platform thread in the blocking model but only a parked virtual one in the virtual model, which
 * is the difference being measured. The hybrid model ({@link #offloaded}) runs the wait on a virtual thread of its own
 * and has the pool's thread wait for it: the app is cooperative, the server is not. Declared BLOCKING, so Jetty never
 * runs it on a selector.
 *
 * <p>A pause ends early when the client leaves ({@link ClientWatch}): a request whose client has gone is not worth a
 * thread, least of all in a saturated pool where other requests wait for one.
 */
final class ThreadedHello extends Hello {
    /** True for the hybrid model: the wait on a virtual thread, the handler's thread waiting for it. */
    private final boolean offload;

    ThreadedHello(TargetConfig config, Requests requests, Work work, Stall stall, Wait wait) {
        this(config, requests, work, stall, wait, false);
    }

    private ThreadedHello(TargetConfig config, Requests requests, Work work, Stall stall, Wait wait, boolean offload) {
        super(InvocationType.BLOCKING, config, requests, work, stall, wait);
        this.offload = offload;
    }

    static ThreadedHello offloaded(TargetConfig config, Requests requests, Work work, Stall stall, Wait wait) {
        return new ThreadedHello(config, requests, work, stall, wait, true);
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
            if (wait.helloFirst()) {
                // Blocking writes: the first one commits the headers and sends "Hello" as its own chunk right away.
                Content.Sink.write(response, false, Hello.hello());
            }
            if (waitFor(query.pauseMs(), departure) || departure.pause(stall.remaining())) {
                watch.stop();
                exchange.abandoned(departure.reason());
                return;
            }
            watch.stop();
            if (!wait.helloFirst()) {
                Content.Sink.write(response, false, Hello.hello());
            }
            Content.Sink.write(response, true, Hello.world());
            exchange.served();
        } catch (WaitFailed failed) {
            watch.stop();
            exchange.failed(response, failed.status(), failed.getMessage());
        } catch (Throwable failure) {
            // The client went away during a write; or the server is stopping (interrupt).
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            watch.stop();
            exchange.abandoned(failure);
        }
    }

    /** The wait, on this thread or (hybrid) on a virtual thread this one waits for; true when the client left. */
    private boolean waitFor(long pauseMs, Departure departure) throws InterruptedException {
        if (!offload) {
            return wait.await(pauseMs, departure);
        }
        FutureTask<Boolean> task = new FutureTask<>(() -> wait.await(pauseMs, departure));
        Thread.ofVirtual().name("wait-vt").start(task);
        try {
            return task.get();
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException unchecked ? unchecked
                    : new WaitFailed(WaitFailed.BAD_GATEWAY, WaitFailed.reason(e.getCause()), e.getCause());
        }
    }
}
