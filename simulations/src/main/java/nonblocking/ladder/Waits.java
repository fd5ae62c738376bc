package nonblocking.ladder;

import nonblocking.NonblockingException;
import nonblocking.results.Experiment;
import nonblocking.server.wait.WaitKind;
import nonblocking.server.wait.WaitSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's wait on the ladder's side: {@code -Dwait} and the options of the waits ({@code -Ddownstream.calls},
 * {@code -Ddb.pool}, ...), as the spec our servers are started with and as the experiment records it. It knows no
 * kind by name: a new kind of wait needs nothing here.
 */
final class Waits {

    /** How the experiment records a server the run started itself (its address changes every run). */
    static final String MANAGED = "managed";
    /** A kind's option that takes the request's timeout unless given (a pool's wait for a connection). */
    private static final String TIMEOUT = "timeout";

    private Waits() {
    }

    /** {@code -Dwait} with every wait option given; a kind's timeout option, if it has one, is the request's. */
    static WaitSpec spec(String kind, Map<String, String> props, long timeoutMs) {
        WaitKind waitKind;
        try {
            waitKind = WaitKind.of(kind == null ? WaitKind.SLEEP.label() : kind);
        } catch (IllegalArgumentException e) {
            throw Overrides.bad("wait", kind, "is unknown; use one of " + WaitKind.labels());
        }
        Map<String, String> options = new LinkedHashMap<>();
        props.forEach((key, value) -> {
            if (WaitKind.keys().contains(key)) {
                options.put(key, value);
            }
        });
        if (waitKind.defaults().containsKey(TIMEOUT) && !options.containsKey(waitKind.key(TIMEOUT))) {
            options.put(waitKind.key(TIMEOUT), Long.toString(timeoutMs));
        }
        try {
            return new WaitSpec(waitKind, options);
        } catch (IllegalArgumentException e) {
            throw new NonblockingException(e.getMessage());
        }
    }

    /**
     * What the experiment records: the kind's settings, a server given by its address without query or password
     * (a database URL may carry one), or {@value #MANAGED} when the run starts it.
     */
    static Experiment.Wait recorded(WaitSpec spec, long pauseMs) {
        Map<String, String> settings = new LinkedHashMap<>(spec.settings());
        if (spec.kind().defaults().containsKey(WaitKind.URL)) {
            String url = settings.get(WaitKind.URL);
            settings.put(WaitKind.URL, url == null ? MANAGED : WaitSpec.withoutSecrets(url));
        }
        return new Experiment.Wait(spec.kind().label(), pauseMs, settings);
    }
}
