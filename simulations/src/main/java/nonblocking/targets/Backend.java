package nonblocking.targets;

import nonblocking.server.wait.Figures;

import java.time.Duration;
import java.util.Optional;

/**
 * A server the targets' requests wait on (the http wait's downstream server, the db wait's PostgreSQL), as the
 * ladder follows it: read at the edges of every hold like a target's census, so that a backend at its limit is never
 * taken for the target's, and watched, so that one that is gone is said once rather than read as the target's break.
 */
public interface Backend extends AutoCloseable {

    /** What it is, for a sentence: "the downstream server", "PostgreSQL". */
    String what();

    /** Its address as the targets are given it. */
    String url();

    /**
     * Its figures now: counters that only grow ({@code cpu_ns}, its CPU time) and gauges ({@code connections},
     * {@code active}); {@link Figures#NONE} when it cannot say.
     */
    Figures reading();

    /** How long the run took to start it; empty for one given by URL. */
    default Optional<Duration> startup() {
        return Optional.empty();
    }

    /** Why it is gone (e.g. "exited with code 137"); empty while it serves. */
    Optional<String> gone();

    @Override
    void close();
}
