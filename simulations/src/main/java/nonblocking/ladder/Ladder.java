package nonblocking.ladder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The timeline of one target's ladder (funkload's "cycles") and its clock.
 *
 * <pre>
 * |ramp to L1|warm-up|hold L1|ramp to L2|hold L2| ... |ramp to Ln|hold Ln|  (users stop looping at the end)
 * </pre>
 * The first ramp plus the warm-up are not measured; neither is any later ramp. A request belongs to the level
 * whose hold window contains its start time. Offsets count from {@link #start}, which the scenario calls when
 * its first user actually runs (with {@code andThen}, the second target's scenario starts only when the first
 * one has drained, so a wall-clock schedule made up front would be wrong).
 */
public final class Ladder {

    private static final long UNSTARTED = Long.MIN_VALUE;

    private final List<Level> levels;
    private final long rampNanos;
    private final long warmupNanos;
    private final AtomicLong startNanos = new AtomicLong(UNSTARTED);

    public Ladder(List<Integer> users, Duration ramp, Duration warmup, Duration hold) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one level");
        }
        if (ramp.isNegative() || warmup.isNegative() || hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("ramp and warm-up must be >= 0 and hold > 0");
        }
        this.rampNanos = ramp.toNanos();
        this.warmupNanos = warmup.toNanos();
        long holdNanos = hold.toNanos();
        List<Level> built = new ArrayList<>();
        long t = 0;
        int previous = 0;
        for (int i = 0; i < users.size(); i++) {
            int u = users.get(i);
            if (u <= previous) {
                throw new IllegalArgumentException("levels must be strictly increasing, got " + users);
            }
            long rampStart = t;
            long holdStart = rampStart + rampNanos + (i == 0 ? warmupNanos : 0);
            long holdEnd = holdStart + holdNanos;
            built.add(new Level(i, u, rampStart, holdStart, holdEnd));
            t = holdEnd;
            previous = u;
        }
        this.levels = List.copyOf(built);
    }

    public List<Level> levels() {
        return levels;
    }

    public Level level(int index) {
        return levels.get(index);
    }

    public int size() {
        return levels.size();
    }

    /** Offset where users stop starting new requests: the end of the last hold. */
    public long endNanos() {
        return levels.getLast().holdEndNanos();
    }

    public Duration duration() {
        return Duration.ofNanos(endNanos());
    }

    /** Starts the clock at {@code nowNanos} (a {@link System#nanoTime()} value) unless it runs; true for the call that did. */
    public boolean start(long nowNanos) {
        return startNanos.compareAndSet(UNSTARTED, nowNanos);
    }

    public boolean started() {
        return startNanos.get() != UNSTARTED;
    }

    /** The {@link System#nanoTime()} value the clock started at. */
    public long startNanos() {
        long s = startNanos.get();
        if (s == UNSTARTED) {
            throw new IllegalStateException("ladder not started");
        }
        return s;
    }

    /** Offset of a {@link System#nanoTime()} value from the start. */
    public long offset(long nanoTime) {
        return nanoTime - startNanos();
    }

    /** True while users should keep sending requests: started and before the end of the last hold. */
    public boolean running(long nowNanos) {
        long s = startNanos.get();
        return s == UNSTARTED || nowNanos - s < endNanos();
    }

    /** The level whose hold window contains this offset, or -1 (warm-up, ramp, before start, after the end). */
    public int levelAt(long offsetNanos) {
        for (Level level : levels) {
            if (level.holds(offsetNanos)) {
                return level.index();
            }
        }
        return -1;
    }

    /** What happens at this offset: "warm-up", "ramp", a level label such as "0400u", or "drain" after the end. */
    public String phaseAt(long offsetNanos) {
        if (offsetNanos < levels.getFirst().holdStartNanos()) {
            return "warm-up";
        }
        if (offsetNanos >= endNanos()) {
            return "drain";
        }
        int index = levelAt(offsetNanos);
        return index < 0 ? "ramp" : levels.get(index).label();
    }

    /**
     * Open-model injection that steps concurrency exactly through the levels: per level, ramp the missing
     * users in over the ramp time, then inject nothing until the next ramp (the first level also waits out the
     * warm-up). Users loop until {@link #running} turns false, so concurrency only grows.
     */
    public List<InjectionStep> injection() {
        List<InjectionStep> steps = new ArrayList<>();
        int previous = 0;
        for (Level level : levels) {
            long wait = level.holdEndNanos() - level.holdStartNanos() + (level.index() == 0 ? warmupNanos : 0);
            steps.add(new InjectionStep(level.users() - previous, Duration.ofNanos(rampNanos), Duration.ofNanos(wait)));
            previous = level.users();
        }
        return steps;
    }

    /** Ramp {@code users} in over {@code ramp}, then inject nothing for {@code thenNothing}. */
    public record InjectionStep(int users, Duration ramp, Duration thenNothing) {
    }
}
