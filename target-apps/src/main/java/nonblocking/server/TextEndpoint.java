package nonblocking.server;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers every request with one fixed status and line: {@code /health}'s "ok", and the 404s. */
final class TextEndpoint extends Handler.Abstract.NonBlocking {
    private final int status;
    private final String line;
    private final boolean appendPath;

    private TextEndpoint(int status, String line, boolean appendPath) {
        this.status = status;
        this.line = line;
        this.appendPath = appendPath;
    }

    /** 200 "ok": only reachable once the connector is open and the handlers started, which is "ready". */
    static TextEndpoint health() {
        return new TextEndpoint(200, "ok", false);
    }

    /** 404 with {@code prefix} followed by the path. */
    static TextEndpoint notFound(String prefix) {
        return new TextEndpoint(404, prefix, true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String text = appendPath ? line + Request.getPathInContext(request) : line;
        PlainResponses.text(response, callback, status, text);
        return true;
    }
}
