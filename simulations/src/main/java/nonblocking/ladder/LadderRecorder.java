package nonblocking.ladder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sorts each finished request of one target into the level whose hold window saw it start. */
public final class LadderRecorder {

    private final Ladder ladder;
    private final long timeoutMs;
    /** By level index; a level's stats exist from its first request (levels are appended while the ladder runs). */
    private final Map<Integer, LevelStats> levels = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.LongAdder finished = new java.util.concurrent.atomic.LongAdder();

    public LadderRecorder(Ladder ladder, long timeoutMs) {
        this.ladder = ladder;
        this.timeoutMs = timeoutMs;
    }

    public Ladder ladder() {
        return ladder;
    }

    /** Notes that a request starts now; lets the progress line wait until the level's requests are done. */
    public void started(long startNanos) {
        int index = ladder.levelAt(ladder.offset(startNanos));
        if (index >= 0) {
            level(index).started();
        }
    }

    /**
     * Records one finished request.
     *
     * @param startNanos {@link System#nanoTime()} just before the request was sent
     * @param endNanos   {@link System#nanoTime()} once it was done (last byte, failure or timeout)
     * @param failed     Gatling marked it KO
     * @param status     HTTP status, null when no response arrived
     * @return the level it was counted in, or -1 when it started outside every hold window
     */
    public int record(long startNanos, long endNanos, boolean failed, Integer status) {
        long latency = endNanos - startNanos;
        Outcome outcome = Outcome.classify(failed, status, latency / 1e6, timeoutMs);
        return record(startNanos, latency, outcome);
    }

    public int record(long startNanos, long latencyNanos, Outcome outcome) {
        finished.increment();
        if (outcome.ok()) {
            int answeredIn = ladder.levelAt(ladder.offset(startNanos + latencyNanos));
            if (answeredIn >= 0) {
                level(answeredIn).answered();
            }
        }
        int index = ladder.levelAt(ladder.offset(startNanos));
        if (index >= 0) {
            level(index).record(outcome, latencyNanos);
        }
        return index;
    }

    /** Open model: a request that had a sender left this late after it was due; counted in its level's lag. */
    public void lag(long dueNanos, long lateNanos) {
        int index = ladder.levelAt(ladder.offset(dueNanos));
        if (index >= 0) {
            level(index).lag(lateNanos);
        }
    }

    public LevelStats level(int index) {
        return levels.computeIfAbsent(index, i -> new LevelStats());
    }

    /** Every request finished so far, whatever its phase (the warm-up's too): what the load generator did. */
    public long finished() {
        return finished.sum();
    }
}
