package nonblocking.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The seed request's query: {@code ?pause=<ms>} overrides the server's default pause, {@code ?work=<µs>} asks for
 * CPU work before "Hello" (see {@link Work}; default none).
 */
record SeedQuery(long pauseMs, long workMicros) {

    /** The query, or null once a 400 with the one-line reason has answered the request: the handler is then done. */
    static SeedQuery orBadRequest(Request request, Response response, Callback callback, long defaultPauseMs) {
        Fields query = Request.extractQueryParameters(request);
        try {
            return new SeedQuery(pause(query.getValue("pause"), defaultPauseMs), work(query.getValue("work")));
        } catch (TargetException e) {
            PlainResponses.text(response, callback, 400, e.getMessage());
            return null;
        }
    }

    /** The work in microseconds, 0 when absent. */
    static long work(String raw) {
        return number("work", raw, 0, Limits.WORK_MICROS, "microseconds", "us");
    }

    /** The pause in milliseconds, {@code defaultPause} when absent. */
    static long pause(String raw, long defaultPause) {
        return number("pause", raw, defaultPause, Limits.PAUSE_MS, "milliseconds", "ms");
    }

    private static long number(String name, String raw, long absent, Limits.Range range, String units, String unit) {
        if (raw == null) {
            return absent;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new TargetException(name + " must be a whole number of " + units + ", got '" + printable(raw) + "'", null);
        }
        if (!range.contains(value)) {
            throw new TargetException(name + " must be between " + range.min() + " and " + range.max() + " " + unit
                    + ", got " + value, null);
        }
        return value;
    }

    /** Keeps the echoed value short and on one line. */
    private static String printable(String raw) {
        String oneLine = raw.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
    }
}
