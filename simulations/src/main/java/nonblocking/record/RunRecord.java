package nonblocking.record;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's raw record, as {@link RecordFile} keeps it beside results.json: per target, every measured level's
 * counters, wall-clock window and census readings; the latency histograms live in the HdrHistogram log it names.
 *
 * @param injectors 1 for the ordinary run, N for a part or a merge of N
 * @param injector  which injector's part this is, 0..N-1; null for the whole run (one injector, or the merge)
 */
public record RunRecord(int schema, String runId, String histograms, Map<String, TargetRecord> targets, int injectors,
                        Integer injector) {

    /**
     * Readers refuse any other. 3: each target's settings, JDK and skipped levels, so that its result is worked out
     * from the record alone. 2: the injectors, each level's share and each target's clock.
     */
    public static final int SCHEMA = 3;

    public RunRecord {
        targets = targets == null ? Map.of() : new LinkedHashMap<>(targets);
        injectors = Math.max(1, injectors);
    }
}
