package nonblocking.server;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Lets one method through to its handler; any other gets a 405 naming the allowed one (and an Allow header). */
final class AllowedMethod extends Handler.Wrapper {
    private final String method;

    private AllowedMethod(String method, Handler handler) {
        super(handler);
        this.method = method;
    }

    static AllowedMethod get(Handler handler) {
        return new AllowedMethod("GET", handler);
    }

    static AllowedMethod post(Handler handler) {
        return new AllowedMethod("POST", handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (method.equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.ALLOW, method);
        PlainResponses.text(response, callback, 405, "method " + request.getMethod() + " not allowed on "
                + Request.getPathInContext(request) + " (allowed: " + method + ")");
        return true;
    }
}
