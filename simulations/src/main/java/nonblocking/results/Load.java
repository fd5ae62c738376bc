package nonblocking.results;

import java.util.Locale;

/**
 * How a level loads a target. Closed: a level is a number of users, each sending its next request once the last
 * one is answered (the seed's question: how many concurrent users). Open: a level is an arrival rate, requests
 * start on schedule whatever the answers, and latency counts from the scheduled start, so a stall counts against
 * every request it delays (no coordinated omission): what a service team asks, the rate it sustains.
 */
public enum Load {
    CLOSED("users", "concurrent users"),
    OPEN("rps", "offered rate (requests/s)");

    private final String unit;
    private final String axis;

    Load(String unit, String axis) {
        this.unit = unit;
        this.axis = axis;
    }

    /** As results.json and -Dload write it. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What a level counts: "users", or "rps" offered. */
    public String unit() {
        return unit;
    }

    /** A chart's axis over the levels. */
    public String axis() {
        return axis;
    }

    /** The model a results.json names; closed for a file written before it was recorded. */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Load of(String label) {
        return label == null ? CLOSED : valueOf(label.toUpperCase(Locale.ROOT));
    }
}
