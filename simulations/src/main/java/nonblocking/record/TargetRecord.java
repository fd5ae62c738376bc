package nonblocking.record;

import nonblocking.results.Load;
import nonblocking.results.TargetResult;

import java.util.List;

/**
 * One target's raw record: how it ran, its levels' records in the order they ran, and what they are worked out
 * against; {@link LevelArithmetic#target} turns it into the target's result, for one injector and for a merge alike.
 *
 * @param settings how the target ran (what each user sent, its pool, its own SLO)
 * @param jdk      the target's own JDK, from its census; null without one
 * @param idle     heap after a GC taken before the first ramp, and RSS; null without a census
 * @param skipped  the levels the early stop skipped, lowest first
 * @param clock    how this injector's start lined up with the others'; null for one injector
 * @param run      how the target's ladder went: its warm-up, a crash, the backend's connections after it
 */
public record TargetRecord(TargetResult.Settings settings, String jdk, TargetResult.Memory idle, String startedAt,
                           String stoppedAt, List<LevelRecord> levels, List<Integer> skipped, Clock clock, Load load,
                           Course run) {

    public TargetRecord {
        levels = levels == null ? List.of() : List.copyOf(levels);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        load = load == null ? Load.CLOSED : load;
        run = run == null ? Course.NONE : run;
    }

    /**
     * How the target's ladder went, apart from its levels.
     *
     * @param warmupS      how long its warm-up lasted, s; null when unknown
     * @param crash        why it stopped serving mid-ladder; null when it did not
     * @param backendAfter the backend's connections at the end of its ladder and once it had stopped
     */
    public record Course(Double warmupS, TargetResult.Crash crash, java.util.Map<String, Long> backendAfter) {
        public static final Course NONE = new Course(null, null, null);
    }

    /** The same target with other levels (read back with their histograms, or merged). */
    public TargetRecord withLevels(List<LevelRecord> levels) {
        return new TargetRecord(settings, jdk, idle, startedAt, stoppedAt, levels, skipped, clock, load, run);
    }

    /** The same target with other settings: what a launcher knows better than its injectors of a target it started. */
    public TargetRecord withSettings(TargetResult.Settings settings) {
        return new TargetRecord(settings, jdk, idle, startedAt, stoppedAt, levels, skipped, clock, load, run);
    }

    /** The pause each request was timed against (the seed request's); 0 for none (a URL as given, a flow). */
    public long pauseMs() {
        return settings == null || settings.request() == null ? 0 : settings.request().pauseMs();
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
