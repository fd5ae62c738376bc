package nonblocking.server.wait;

import java.util.function.Consumer;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * What a request waits on between "Hello" and "World": the pause ({@link Sleep}), a downstream HTTP call, a database
 * query. One instance per server, shared by every request, made by its {@link WaitKind} from the server's
 * {@link WaitSpec}. Each thread model calls one of its two forms: {@link #await} holds the calling thread (a
 * platform thread in the blocking model, a parked virtual one in the virtual model), {@link #start} holds none (the
 * async model). The thread model is the one thing that differs; the wait is the same for all of them.
 */
public interface Wait extends AutoCloseable {

    /**
     * Waits {@code pauseMs} for one request on the calling thread. A wait that can be cut short (the pause) ends
     * when {@code departure} happens (the client left) and returns true; others run to their end, as a server's
     * call to another service does. A failure of what it waits on is a {@link WaitFailed}.
     */
    boolean await(long pauseMs, Departure departure) throws InterruptedException;

    /**
     * The same wait, holding no thread: {@code done} runs once, with null or the failure ({@link WaitFailed}), on a
     * thread of the wait's own (a timer, a client's or a driver's). Returns what cuts it short when the client
     * leaves; {@code done} may still run after that.
     */
    Runnable start(long pauseMs, Scheduler scheduler, Consumer<Throwable> done);

    /**
     * True when "Hello" goes out before the wait, the seed's order. Only for a wait that cannot fail: the others
     * answer after it, so that a failure can still be a 502 instead of a response cut off.
     */
    default boolean helloFirst() {
        return false;
    }

    /** Its own figures for the census: time spent in each phase, pool sizes. */
    default Figures figures() {
        return Figures.NONE;
    }

    /** Releases what it holds (clients, pools); the server calls it once it has stopped. */
    @Override
    default void close() {
    }
}
