package nonblocking.server;

/**
 * The ranges a server and the ladder both check, written once: the server refuses a query out of range, the ladder
 * refuses the -D property that would ask for it.
 */
public final class Limits {

    /** A closed range of whole numbers. */
    public record Range(long min, long max) {
        public boolean contains(long value) {
            return value >= min && value <= max;
        }
    }

    /** The longest pause a request may ask for, ms (a constant, for the flags' help). */
    public static final long PAUSE_MAX_MS = 60_000;
    /** The pause a request may ask for, ms. */
    public static final Range PAUSE_MS = new Range(0, PAUSE_MAX_MS);
    /** The CPU work a request may ask for, µs. */
    public static final Range WORK_MICROS = new Range(0, 1_000_000);
    /** A freeze of the answers ({@code POST /threads/stall}), ms. */
    public static final Range STALL_MS = new Range(1, 60_000);

    private Limits() {
    }
}
