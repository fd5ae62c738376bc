package nonblocking.server.wait;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The pause of a thread-holding handler, cut short when the client leaves: the thread waits on this instead of
 * sleeping, and the server's {@code ClientWatch} (or Jetty's failure listener) ends the wait.
 */
public final class Departure {
    private final CountDownLatch left = new CountDownLatch(1);
    private volatile Throwable reason;

    /** The client left (first reason wins). */
    public void leave(Throwable why) {
        if (reason == null) {
            reason = why;
        }
        left.countDown();
    }

    public boolean happened() {
        return left.getCount() == 0;
    }

    public Throwable reason() {
        return reason;
    }

    /** Pauses for {@code ms}, or until the client leaves: then true. */
    public boolean pause(long ms) throws InterruptedException {
        return left.await(ms, TimeUnit.MILLISECONDS);
    }
}
