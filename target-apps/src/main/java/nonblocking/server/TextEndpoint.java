package nonblocking.server;

import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers every request with one fixed status and line: {@code /health}'s "ok", and the 404s. */
final class TextEndpoint extends Handler.Abstract.NonBlocking {
    private final int status;
    private final Function<Request, String> line;

    private TextEndpoint(int status, Function<Request, String> line) {
        this.status = status;
        this.line = line;
    }

    /** 200 "ok": only reachable once the connector is open and the handlers started, which is "ready". */
    static TextEndpoint health() {
        return new TextEndpoint(200, request -> "ok");
    }

    static TextEndpoint notFound(String prefix) {
        return new TextEndpoint(404, request -> prefix + Request.getPathInContext(request));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        PlainResponses.text(response, callback, status, line.apply(request));
        return true;
    }
}
