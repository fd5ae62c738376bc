package nonblocking.record;

import nonblocking.results.Load;
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
 * @param clock     how this injector's start lined up with the others'; null for one injector
 * @param load      closed (a level is users) or open (a level is an arrival rate)
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
     * One injector's start of the target's timeline, against the others'.
     *
     * @param t0Ms     the common start the injectors agreed on, epoch ms
     * @param joinedMs when this injector learned it, on its own clock
     * @param offsetMs injector 0's clock minus this injector's, ms
     * @param lagMs    how late this injector's first request left after its scheduled turn, on its own clock
     */
    public record Clock(long t0Ms, long joinedMs, double offsetMs, double lagMs) {

        /** How far this injector's start was from the common one, on injector 0's clock. */
        public double startErrorMs() {
            return lagMs + offsetMs;
        }
    }
}
