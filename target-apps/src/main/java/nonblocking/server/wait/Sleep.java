package nonblocking.server.wait;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The seed's wait, {@code time.sleep(0.1)}: the pause, and nothing else. A thread-holding model parks on the
 * request's {@link Departure}, so a client that leaves ends it at once; the async model sets a timer. It cannot
 * fail, so "Hello" goes out before it, as in the blog.
 */
final class Sleep implements Wait {

    @Override
    public boolean await(long pauseMs, Departure departure) throws InterruptedException {
        return departure.pause(pauseMs);
    }

    @Override
    public Runnable start(long pauseMs, Scheduler scheduler, Consumer<Throwable> done) {
        Scheduler.Task timer = scheduler.schedule(() -> done.accept(null), pauseMs, TimeUnit.MILLISECONDS);
        return timer::cancel;
    }

    @Override
    public boolean helloFirst() {
        return true;
    }
}
