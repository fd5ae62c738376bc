package nonblocking.server;

import java.util.LinkedHashMap;
import java.util.Map;
import nonblocking.server.wait.WaitKind;
import nonblocking.server.wait.WaitSpec;

/** The waits' specs and figures, as the tests use them. */
final class Waits {
    private Waits() {
    }

    /** The http wait: {@code calls} sequential calls to {@code downstream}. */
    static WaitSpec http(TargetServer downstream, int calls) {
        return new WaitSpec(WaitKind.HTTP, Map.of("downstream.url", downstream.uri().toString(),
                "downstream.calls", Integer.toString(calls)));
    }

    /** The db wait on {@code url}: a pool of {@code pool}, waiting at most {@code timeoutMs} for a connection. */
    static WaitSpec db(String url, int pool, int timeoutMs) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("db.url", url);
        options.put("db.pool", Integer.toString(pool));
        options.put("db.timeout", Integer.toString(timeoutMs));
        return new WaitSpec(WaitKind.DB, options);
    }

    /** A counter of the census's wait figures, e.g. {@code query_ns}; 0 when absent. */
    static long counter(Census census, String name) {
        return census.waitFigures().counters().getOrDefault(name, 0L);
    }

    /** A gauge of the census's wait figures, e.g. {@code pool_waiting}; -1 when absent. */
    static long gauge(Census census, String name) {
        return census.waitFigures().gauges().getOrDefault(name, -1L);
    }
}
