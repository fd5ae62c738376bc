package nonblocking.record;

import nonblocking.results.TargetResult;

import java.util.List;

/**
 * The raw record of one target's ladder: its levels' records and what they are worked out against.
 *
 * @param pauseMs   the pause each request was timed against (the seed request's); 0 for none (a URL as given, a flow)
 * @param idle      the target's memory before load (heap after a GC taken before the first ramp, and RSS); null
 *                  without a census
 * @param startedAt when the target was started (a managed JVM) or first probed (a server given by URL), ISO-8601
 * @param stoppedAt when its JVM had stopped, or when the ladder was done with a given server, ISO-8601
 * @param levels    the measured levels, in the order they ran
 */
public record TargetRecord(long pauseMs, TargetResult.Memory idle, String startedAt, String stoppedAt,
                           List<LevelRecord> levels) {

    public TargetRecord {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }
}
