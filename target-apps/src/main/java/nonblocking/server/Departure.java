package nonblocking.server;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The pause of a thread-holding handler, cut short when the client leaves: the thread waits on this instead of
 * sleeping, and {@link ClientWatch} (or Jetty's failure listener) ends the wait.
 */
final class Departure {
    private final CountDownLatch left = new CountDownLatch(1);
    private volatile Throwable reason;

    /** The client left (first reason wins). */
    void leave(Throwable why) {
        if (reason == null) {
            reason = why;
        }
        left.countDown();
    }

    boolean happened() {
        return left.getCount() == 0;
    }

    Throwable reason() {
        return reason;
    }

    /** Pauses for {@code ms}, or until the client leaves: then true. */
    boolean pause(long ms) throws InterruptedException {
        return left.await(ms, TimeUnit.MILLISECONDS);
    }
}
