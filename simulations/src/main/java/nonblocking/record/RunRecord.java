package nonblocking.record;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's raw record, as {@link RecordFile} keeps it beside results.json: per target, every measured level's
 * counters, wall-clock window and census readings; the latency histograms live in the HdrHistogram log it names.
 *
 * @param schema     version of this layout; readers refuse any other
 * @param runId      the run's folder name
 * @param histograms the HdrHistogram log's file name, in the same folder
 * @param targets    per target name, in run order
 */
public record RunRecord(int schema, String runId, String histograms, Map<String, TargetRecord> targets) {

    public static final int SCHEMA = 1;

    public RunRecord {
        targets = targets == null ? Map.of() : new LinkedHashMap<>(targets);
    }
}
