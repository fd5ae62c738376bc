package nonblocking.server;

import java.util.Locale;

/** How the server runs request handlers: the one thing the load test compares. */
public enum ThreadModel {
    /** Jetty's classic setup: a bounded pool of platform threads; each request holds one for its whole pause. */
    BLOCKING,
    /** Each request gets its own virtual thread; a sleeping request releases its carrier. */
    VIRTUAL,
    /** Callbacks: the handler returns at once and a timer writes "World"; no thread is held during the pause. */
    ASYNC;

    // Computed once: the hello handlers send it in a header on every request.
    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used on the command line, in headers, JSON and the start-up line. */
    public String label() {
        return label;
    }

    /** The label: picocli lists and matches (case-insensitively) these in flags and errors. */
    @Override
    public String toString() {
        return label();
    }
}
