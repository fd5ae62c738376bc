package nonblocking.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code POST /threads/stall?ms=<1..60000>}: freezes the seed request's answers (see {@link Stall}). */
final class StallEndpoint extends Handler.Abstract.NonBlocking {
    private final Stall stall;

    StallEndpoint(Stall stall) {
        this.stall = stall;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String raw = Request.extractQueryParameters(request).getValue("ms");
        long ms;
        try {
            ms = Long.parseLong(raw == null ? "" : raw.trim());
        } catch (NumberFormatException e) {
            ms = -1;
        }
        if (!Limits.STALL_MS.contains(ms)) {
            PlainResponses.text(response, callback, 400, "ms=" + raw + " must be a whole number of milliseconds, "
                    + Limits.STALL_MS.min() + " to " + Limits.STALL_MS.max());
            return true;
        }
        PlainResponses.text(response, callback, 200, "stalled until " + java.time.Instant.ofEpochMilli(stall.freeze(ms)));
        return true;
    }
}
