package nonblocking.ladder;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/** Sorts each finished request of one target into the level whose hold window saw it start. */
public final class LadderRecorder {

    private final Ladder ladder;
    private final long timeoutMs;
    private final List<LevelStats> levels;
    private final LongAdder unmeasured = new LongAdder();

    public LadderRecorder(Ladder ladder, long timeoutMs) {
        this.ladder = ladder;
        this.timeoutMs = timeoutMs;
        this.levels = Stream.generate(LevelStats::new).limit(ladder.size()).toList();
    }

    public Ladder ladder() {
        return ladder;
    }

    /** Notes that a request starts now; lets the progress line wait until the level's requests are done. */
    public void started(long startNanos) {
        int index = ladder.levelAt(ladder.offset(startNanos));
        if (index >= 0) {
            levels.get(index).started();
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
        int index = ladder.levelAt(ladder.offset(startNanos));
        if (index < 0) {
            unmeasured.increment();
        } else {
            levels.get(index).record(outcome, latencyNanos);
        }
        return index;
    }

    public LevelStats level(int index) {
        return levels.get(index);
    }

    /** Requests that started during the warm-up or a ramp. */
    public long unmeasured() {
        return unmeasured.sum();
    }
}
