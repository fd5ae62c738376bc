package nonblocking.ladder;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 *
 * <p>The timeline can grow while it runs: a {@link Plan} that waits for a level's verdict {@link #append}s the next
 * level, and {@link #end} cuts it short (early stop) or closes it. A fixed ladder is laid out whole at the start.
 * Users are numbered from 0; user {@code k} loops while {@link #active} says so, so that concurrency follows the
 * timeline in both directions: a ramp admits users one by one, a lower level retires the users above it at once.
 */
public final class Ladder {

    private static final long UNSTARTED = Long.MIN_VALUE;
    private static final long OPEN = Long.MAX_VALUE;

    private final List<Level> levels = new CopyOnWriteArrayList<>();
    private final long rampNanos;
    private final long warmupNanos;
    private final long holdNanos;
    private final AtomicLong startNanos = new AtomicLong(UNSTARTED);
    /** Wall-clock time of the start, epoch ms: the levels' windows in a record that other clocks can line up with. */
    private volatile long startEpochMs;
    private volatile long endNanos = OPEN;

    /** An empty timeline, for levels that are appended as a plan decides them. */
    public Ladder(Duration ramp, Duration warmup, Duration hold) {
        if (ramp.isNegative() || warmup.isNegative() || hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("ramp and warm-up must be >= 0 and hold > 0");
        }
        this.rampNanos = ramp.toNanos();
        this.warmupNanos = warmup.toNanos();
        this.holdNanos = hold.toNanos();
    }

    /** A fixed ladder: the levels back to back, ending with the last hold. */
    public Ladder(List<Integer> users, Duration ramp, Duration warmup, Duration hold) {
        this(ramp, warmup, hold);
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one level");
        }
        for (int i = 1; i < users.size(); i++) {
            if (users.get(i) <= users.get(i - 1)) {
                throw new IllegalArgumentException("levels must be strictly increasing, got " + users);
            }
        }
        users.forEach(u -> append(u, levels.isEmpty() ? 0 : levels.getLast().holdEndNanos()));
        end(levels.getLast().holdEndNanos());
    }

    /**
     * Schedules a level whose ramp starts at {@code rampStartNanos} (not before the previous hold's end); the first
     * level also waits out the warm-up. A level may repeat one that ran (a capacity search checks a break twice).
     */
    public synchronized Level append(int users, long rampStartNanos) {
        if (!levels.isEmpty() && rampStartNanos < levels.getLast().holdEndNanos()) {
            throw new IllegalArgumentException("a level cannot start before the previous hold ends");
        }
        long holdStart = rampStartNanos + rampNanos + (levels.isEmpty() ? warmupNanos : 0);
        Level level = new Level(levels.size(), users, rampStartNanos, holdStart, holdStart + holdNanos);
        levels.add(level);
        return level;
    }

    /**
     * Makes the warm-up {@code nanos} longer: the first level's hold, and every level after it, start that much later.
     * Only while the first hold has not started, so that no measured request changes level.
     */
    public synchronized void extendWarmup(long nanos, long nowOffset) {
        Level first = levels.getFirst();
        if (nanos <= 0 || nowOffset >= first.holdStartNanos()) {
            return;
        }
        for (int i = 0; i < levels.size(); i++) {
            Level l = levels.get(i);
            levels.set(i, new Level(l.index(), l.users(), i == 0 ? l.rampStartNanos() : l.rampStartNanos() + nanos,
                    l.holdStartNanos() + nanos, l.holdEndNanos() + nanos));
        }
        if (endNanos != OPEN) {
            endNanos += nanos;
        }
    }

    /** How long the warm-up lasts as laid out now: from the end of the first ramp to the first hold. */
    public Duration warmup() {
        Level first = levels.getFirst();
        return Duration.ofNanos(first.holdStartNanos() - first.rampStartNanos() - rampNanos);
    }

    /** Ends the timeline at this offset (or earlier, if it already ends earlier): users stop looping there. */
    public synchronized void end(long atNanos) {
        endNanos = Math.min(endNanos, Math.max(0, atNanos));
    }

    /** True once the end is known. */
    public boolean ended() {
        return endNanos != OPEN;
    }

    /**
     * The levels so far, read-only. A view, not a copy: every open-model request asks for them, and iterating the
     * copy-on-write list is already a snapshot that a level appended meanwhile does not disturb.
     */
    public List<Level> levels() {
        return java.util.Collections.unmodifiableList(levels);
    }

    public Level level(int index) {
        return levels.get(index);
    }

    /** The levels whose hold ended by the end: those that are measured. */
    public List<Level> measured() {
        long end = endNanos;
        return levels.stream().filter(level -> level.holdEndNanos() <= end).toList();
    }

    /** The levels the end cut off (early stop): recorded as skipped, not as failures. */
    public List<Level> skipped() {
        long end = endNanos;
        return levels.stream().filter(level -> level.holdEndNanos() > end).toList();
    }

    /** Offset where users stop starting new requests; {@link Long#MAX_VALUE} while it is open. */
    public long endNanos() {
        return endNanos;
    }

    /** The fixed ladder's length, from the first ramp to the end. */
    public Duration duration() {
        if (!ended()) {
            throw new IllegalStateException("the ladder is still open");
        }
        return Duration.ofNanos(endNanos);
    }

    /** Starts the clock at {@code nowNanos} (a {@link System#nanoTime()} value) unless it runs; true for the call that did. */
    public synchronized boolean start(long nowNanos) {
        if (startNanos.get() != UNSTARTED) {
            return false;
        }
        startEpochMs = System.currentTimeMillis() - (System.nanoTime() - nowNanos) / 1_000_000;
        startNanos.set(nowNanos);
        return true;
    }

    /**
     * Starts the clock at a wall-clock time that several injectors share (epoch ms, usually a little ahead), so that
     * each level's ramp and hold begin at the same instant on all of them.
     */
    public synchronized void startAt(long epochMs) {
        if (startNanos.get() != UNSTARTED) {
            throw new IllegalStateException("ladder already started");
        }
        startEpochMs = epochMs;
        startNanos.set(System.nanoTime() + (epochMs - System.currentTimeMillis()) * 1_000_000);
    }

    /** When user {@code k} is first admitted: its turn in the ramp of the first level that has it; -1 for none. */
    public long admittedNanos(int k) {
        int before = 0;
        for (Level level : levels) {
            if (k < level.users()) {
                return turn(level, before, k);
            }
            before = level.users();
        }
        return -1;
    }

    /** The wall-clock time of an offset, epoch ms. */
    public long epochMs(long offsetNanos) {
        startNanos();
        return startEpochMs + Math.round(offsetNanos / 1e6);
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

    /** True while users should keep looping: before the start, or before the end. */
    public boolean running(long nowNanos) {
        long s = startNanos.get();
        return s == UNSTARTED || nowNanos - s < endNanos;
    }

    /**
     * True when user {@code k} (numbered from 0) should send requests at this offset: below the level in force, and
     * past its turn in that level's ramp. Between levels, the last level stays in force.
     */
    public boolean active(int k, long offsetNanos) {
        Level current = offsetNanos >= endNanos ? null : inForce(offsetNanos);
        if (current == null || k >= current.users()) {
            return false;
        }
        int before = current.index() == 0 ? 0 : levels.get(current.index() - 1).users();
        return k < before || offsetNanos >= turn(current, before, k);
    }

    /** The level in force at this offset: the last whose ramp has started (being held or ramped to); null before. */
    public Level inForce(long offsetNanos) {
        Level current = null;
        for (Level level : levels) {
            if (level.rampStartNanos() > offsetNanos) {
                break;
            }
            current = level;
        }
        return current;
    }

    /**
     * How long an idle user {@code k} should wait before it looks again: until its turn when the timeline already
     * has one for it, never longer than {@code poll} (so that it notices an end or a newly appended level).
     */
    public long idleNanos(int k, long offsetNanos, long poll) {
        int before = 0;
        for (Level level : levels) {
            if (k < level.users() && k >= before && level.holdEndNanos() > offsetNanos) {
                long turn = turn(level, before, k);
                if (turn > offsetNanos) {
                    return Math.max(1_000_000, Math.min(poll, turn - offsetNanos));
                }
            }
            before = level.users();
        }
        return poll;
    }

    /** When user {@code k} joins a level that grows from {@code before} users: evenly spread over the ramp. */
    private long turn(Level level, int before, int k) {
        if (k < before || rampNanos == 0) {
            return level.rampStartNanos();
        }
        return level.rampStartNanos() + rampNanos * (k - before) / (level.users() - before);
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
        if (offsetNanos >= endNanos) {
            return "drain";
        }
        if (levels.isEmpty() || offsetNanos < levels.getFirst().holdStartNanos()) {
            return "warm-up";
        }
        int index = levelAt(offsetNanos);
        return index < 0 ? "ramp" : levels.get(index).label();
    }
}
