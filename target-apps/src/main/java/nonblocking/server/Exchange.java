package nonblocking.server;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One seed request from entering the handler to its end: completes the handler's callback exactly once, however
 * many parties race to end it (the last write, a departing client, a stopping server), and counts it in
 * {@link Requests} as served, abandoned or failed.
 */
final class Exchange {
    private final Requests requests;
    private final Callback callback;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final long startNanos = System.nanoTime();

    /** The request is now in flight. */
    Exchange(Requests requests, Callback callback) {
        this.requests = requests;
        this.callback = callback;
        requests.enter();
    }

    void served() {
        if (ended.compareAndSet(false, true)) {
            requests.served(System.nanoTime() - startNanos);
            callback.succeeded();
        }
    }

    /** The response cannot be finished: the client left, or the server is stopping. */
    void abandoned(Throwable cause) {
        if (ended.compareAndSet(false, true)) {
            requests.abandoned(System.nanoTime() - startNanos);
            callback.failed(cause);
        }
    }

    /** What the request waited on failed: answered with that status and the one-line reason, if still possible. */
    void failed(Response response, int status, String reason) {
        if (ended.compareAndSet(false, true)) {
            requests.failed(System.nanoTime() - startNanos, status + " " + reason);
            PlainResponses.text(response, callback, status, reason);
        }
    }

    boolean ended() {
        return ended.get();
    }
}
