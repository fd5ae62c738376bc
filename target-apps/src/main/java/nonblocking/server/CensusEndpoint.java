package nonblocking.server;

import java.util.function.Function;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /threads} and {@code POST /threads/reset}: the census as JSON. {@code ?gc=true} collects garbage
 * first, {@code ?costs=true} adds the context switches; both may be combined. Blocking (System.gc, /proc), so
 * Jetty never runs it on a selector thread.
 */
final class CensusEndpoint extends Handler.Abstract {
    private final Function<CensusTaker.Options, Census> census;

    CensusEndpoint(Function<CensusTaker.Options, Census> census) {
        super(InvocationType.BLOCKING);
        this.census = census;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        CensusTaker.Options options = new CensusTaker.Options(isTrue(query, "gc"), isTrue(query, "costs"));
        PlainResponses.send(response, callback, 200, PlainResponses.JSON, census.apply(options).toJson() + "\n");
        return true;
    }

    private static boolean isTrue(Fields query, String name) {
        return "true".equalsIgnoreCase(query.getValue(name));
    }
}
