package nonblocking.server.wait;

import java.util.Map;
import java.util.TreeMap;

/**
 * A wait's own figures, as the census carries them, in two kinds that are read differently. {@code counters} only
 * grow (time spent in a phase, ns, e.g. {@code connection_ns}, {@code query_ns}; calls made): the ladder differences
 * them over a hold. {@code gauges} are readings of now (connections active, idle, requests waiting for one): the
 * ladder keeps their peak. A name ending in {@code _ns} is time.
 */
public record Figures(Map<String, Long> counters, Map<String, Long> gauges) {

    public static final Figures NONE = new Figures(Map.of(), Map.of());

    public Figures {
        counters = counters == null ? Map.of() : new TreeMap<>(counters);
        gauges = gauges == null ? Map.of() : new TreeMap<>(gauges);
    }
}
