package nonblocking.ladder;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open model's schedule: each level is an arrival rate, and its requests are due at fixed times, request
 * {@code k} at the level's ramp start plus {@code k / rate} until the end of its hold, whatever the answers. A
 * bounded pool of senders takes them in order: a free sender waits for the next one that is due; when all of them
 * are busy (the server stalls), the ones that fall due wait for a sender and leave late, and their latency still
 * counts from the time they were due. A level's requests are all sent, even after its hold, so that no stall can
 * drop the ones it delayed. With N injectors, injector i takes requests k = i, i + N, i + 2N...
 */
public final class Arrivals {

    /** No request is due: between levels (the next one is not decided yet) or after the last. */
    public static final long NONE = Long.MIN_VALUE;

    private final Ladder ladder;
    private final Split split;
    /** Per level index, the next of this injector's requests to hand out (0, 1, 2...). */
    private final Map<Integer, AtomicLong> next = new ConcurrentHashMap<>();

    public Arrivals(Ladder ladder, Split split) {
        this.ladder = ladder;
        this.split = split;
    }

    /**
     * Hands out this injector's next request: its due time (an offset of the ladder, ns), or {@link #NONE}. The
     * earliest level with requests left goes first: a backlog is drained before the next level's requests.
     */
    public long take(long offsetNanos) {
        for (Level level : ladder.levels()) {
            if (level.rampStartNanos() > offsetNanos + ahead()) {
                return NONE;   // not yet: the sender looks again soon
            }
            AtomicLong counter = next.computeIfAbsent(level.index(), i -> new AtomicLong());
            long k;
            long due;
            do {
                k = counter.get();
                due = due(level, split.user((int) Math.min(Integer.MAX_VALUE, k)));
                if (due >= level.holdEndNanos() || due >= ladder.endNanos()) {
                    break;
                }
                if (counter.compareAndSet(k, k + 1)) {
                    return due;
                }
            } while (true);
        }
        return NONE;
    }

    /** True while requests are left that are already due or scheduled: senders keep on until all are sent. */
    public boolean pending(long offsetNanos) {
        List<Level> levels = ladder.levels();
        for (Level level : levels) {
            long k = next.computeIfAbsent(level.index(), i -> new AtomicLong()).get();
            long due = due(level, split.user((int) Math.min(Integer.MAX_VALUE, k)));
            if (due < level.holdEndNanos() && due < ladder.endNanos()) {
                return true;
            }
        }
        return !ladder.ended();
    }

    /** When the ladder's request {@code k} of this level is due. */
    static long due(Level level, long k) {
        return level.rampStartNanos() + Math.round(k * 1e9 / level.users());
    }

    /** How far ahead a sender may take a request: it then waits for it. */
    private static long ahead() {
        return 1_000_000_000L;
    }
}
