package nonblocking.server;

import java.util.Locale;

/** How the server runs request handlers: the one thing the load test compares. */
public enum ThreadModel {
    /** Jetty's classic setup: a bounded pool of platform threads; each request holds one for its whole pause. */
    BLOCKING,
    /** Each request gets its own virtual thread; a sleeping request releases its carrier. */
    VIRTUAL;

    // Computed once: SlowHello sends it in a header on every request.
    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used on the command line, in headers, JSON and the start-up line. */
    public String label() {
        return label;
    }

    /** Parses "blocking" or "virtual", in any case. */
    public static ThreadModel parse(String text) {
        for (ThreadModel model : values()) {
            if (model.label().equalsIgnoreCase(text.trim())) {
                return model;
            }
        }
        throw new IllegalArgumentException("unknown thread model '" + text + "' (expected blocking or virtual)");
    }

    @Override
    public String toString() {
        return label();
    }
}
