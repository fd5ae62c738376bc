package nonblocking.record;

import nonblocking.results.Load;
import nonblocking.results.TargetResult;

import java.util.List;

/**
 * One target's raw record: its levels' records, in the order they ran, and what they are worked out against.
 *
 * @param pauseMs the pause each request was timed against (the seed request's); 0 for none (a URL as given, a flow)
 * @param idle    heap after a GC taken before the first ramp, and RSS; null without a census
 * @param clock   how this injector's start lined up with the others'; null for one injector
 */
public record TargetRecord(long pauseMs, TargetResult.Memory idle, String startedAt, String stoppedAt,
                           List<LevelRecord> levels, Clock clock, Load load) {

    public TargetRecord {
        levels = levels == null ? List.of() : List.copyOf(levels);
        load = load == null ? Load.CLOSED : load;
    }

    /** The same target with other levels (read back with their histograms, or merged). */
    public TargetRecord withLevels(List<LevelRecord> levels) {
        return new TargetRecord(pauseMs, idle, startedAt, stoppedAt, levels, clock, load);
    }

    /**
     * One injector's start of the target's timeline: T0 as agreed, when it learned it (on its own clock), injector 0's
     * clock minus its own, and how late its first request left after its scheduled turn.
     */
    public record Clock(long t0Ms, long joinedMs, double offsetMs, double lagMs) {

        /** How far this injector's start was from the common one, on injector 0's clock. */
        public double startErrorMs() {
            return lagMs + offsetMs;
        }
    }
}
