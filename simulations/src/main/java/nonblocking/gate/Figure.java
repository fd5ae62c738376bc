package nonblocking.gate;

import nonblocking.results.Numbers;

import java.util.Locale;

/**
 * What kind of number a verdict judges, and so how it prints: latencies and rates to a tenth (what the percentiles
 * and rates are read to), counts whole, ratios as they are.
 */
public enum Figure {
    /** Milliseconds: 1158.8. */
    LATENCY_MS,
    /** Requests per second: 194.6. */
    THROUGHPUT_RPS,
    /** Users or requests: 3200. */
    COUNT,
    /** A factor: 16, 0.941. */
    RATIO;

    public String text(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return switch (this) {
            case LATENCY_MS, THROUGHPUT_RPS -> String.format(Locale.ROOT, "%.1f", value);
            case COUNT -> String.valueOf(Math.round(value));
            case RATIO -> Numbers.plain(value);
        };
    }
}
