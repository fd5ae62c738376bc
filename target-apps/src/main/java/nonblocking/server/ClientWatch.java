package nonblocking.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Notices that a request's client has left while the request is being handled, so that the server stops working for
 * it: no pause held for nobody, no thread kept from the requests queued behind.
 *
 * <p>Jetty 12.1 does not notice by itself over HTTP/1.1: once a request's headers are parsed it stops reading the
 * connection until the response completes, so a client that closes (FIN) or resets (RST) goes unnoticed until a
 * write fails, after the whole pause ({@code Request.addFailureListener} is not called either; checked with 12.1.14).
 * So this watch reads: {@link #start} probes the connection at once (a request whose client left while it queued is
 * dropped before any work), then registers fill interest, and the selector calls it back when the socket becomes
 * readable, which for a client awaiting its response means it closed or reset. The callback is non-blocking and runs
 * on the selector thread, so a saturated blocking pool still notices. Jetty's own failure reports end the request too.
 *
 * <p>A client that pipelines its next request during the pause makes the socket readable too: the watch keeps the byte
 * it read and ends, and {@link #stop} hands it back ({@link Connection.UpgradeTo#onUpgradeTo} appends it to the
 * request buffer). Not at once: in the async model the selector may call the watch while the handler's thread is
 * still releasing that very buffer, and appending to it then lost the byte, and the pipelined request with it.
 * {@link #stop} runs where nothing else touches the connection (after the pause), and must come before the response
 * completes: Jetty aborts a connection that has a read pending when its response completes.
 */
final class ClientWatch implements Callback {
    private static final Throwable STOPPED = new CancellationException("client watch stopped");

    private final EndPoint endPoint;
    private final Connection.UpgradeTo connection;
    private final Consumer<Throwable> onGone;
    private boolean stopped; // guarded by this
    private ByteBuffer pipelined; // the first byte of a request sent during the pause; guarded by this

    private ClientWatch(EndPoint endPoint, Connection.UpgradeTo connection, Consumer<Throwable> onGone) {
        this.endPoint = endPoint;
        this.connection = connection;
        this.onGone = onGone;
        this.stopped = connection == null;
    }

    /**
     * Starts watching; {@code onGone} runs at most once, with the reason, on this thread (client already gone) or on
     * a selector thread. Only HTTP/1 connections are watched (only they can take a byte back).
     */
    static ClientWatch start(Request request, Consumer<Throwable> onGone) {
        Connection connection = request.getConnectionMetaData().getConnection();
        ClientWatch watch = new ClientWatch(connection.getEndPoint(),
                connection instanceof Connection.UpgradeTo to ? to : null, onGone);
        // What Jetty reports itself (e.g. a connector stopping under the request) ends the request too. But with a
        // failure listener, Jetty 12.1 would also treat an idle timeout during a long pause as fatal; without one it
        // let such a quiet request go on (pauses may be 60 s, the idle timeout 30 s). Keep that: ignore idle timeouts.
        request.addIdleTimeoutListener(timeout -> false);
        request.addFailureListener(watch::failed);
        watch.probe();
        return watch;
    }

    /** Readable: the client closed, reset, or sent more. */
    @Override
    public void succeeded() {
        probe();
    }

    /** The endpoint failed or closed, Jetty reported a failure, {@link #stop} cancelled, or the connection idled. */
    @Override
    public void failed(Throwable cause) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (cause instanceof TimeoutException) {
                // Jetty fails a pending read on idle expiry; an idle timeout during a long pause is no departure.
                stopped = !endPoint.tryFillInterested(this);
                return;
            }
            stopped = true;
        }
        onGone.accept(cause);
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /** Stops watching and gives back the first byte of a pipelined request; call it before completing the response. */
    synchronized void stop() {
        if (pipelined != null) {
            connection.onUpgradeTo(pipelined);
            pipelined = null;
        }
        if (stopped) {
            return;
        }
        stopped = true;
        // Withdraw our fill interest: nobody else registers one while the request is handled, so it is ours.
        if (endPoint.isFillInterested() && endPoint instanceof AbstractEndPoint watched) {
            watched.getFillInterest().onFail(STOPPED);
        }
    }

    private void probe() {
        Throwable gone;
        synchronized (this) {
            if (stopped) {
                return;
            }
            gone = read();
        }
        if (gone != null) {
            onGone.accept(gone); // outside the lock: it completes the request, which calls into Jetty
        }
    }

    /** One non-blocking read of at most one byte; the reason the client is gone, or null. Holds the lock. */
    private Throwable read() {
        ByteBuffer one = BufferUtil.allocate(1);
        try {
            int read = endPoint.isOpen() && !endPoint.isInputShutdown() ? endPoint.fill(one) : -1;
            if (read < 0) {
                stopped = true;
                return new EofException("client closed the connection");
            }
            if (read > 0) {
                pipelined = one; // a pipelined request: stop watching; stop() gives its first byte back
                stopped = true;
            } else if (!endPoint.tryFillInterested(this)) {
                stopped = true; // someone else reads this connection: they will see the close
            }
            return null;
        } catch (IOException e) {
            stopped = true;
            return e; // typically "Connection reset by peer"
        }
    }
}
