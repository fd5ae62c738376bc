package nonblocking.ladder;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntConsumer;

/**
 * Follows one target's ladder on its own thread: at each hold start it resets the target's peaks
 * ({@code POST /threads/reset}), samples {@code GET /threads} every {@link #PERIOD} during the hold, once
 * mid-hold with {@code ?gc=true} (retained heap), and after each hold reports the level (progress line).
 * Without a census (foreign server) it only reports.
 */
public final class CensusSampler {

    public static final Duration PERIOD = Duration.ofMillis(250);
    /** A saturated blocking target queues /threads behind the load; give up on a sample rather than wait. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);

    private final String name;
    private final Ladder ladder;
    private final TargetClient client;
    private final boolean census;
    private final Duration settle;
    private final IntConsumer onLevelDone;
    private final AtomicReferenceArray<LevelCensus> results;
    private volatile Thread thread;

    /**
     * @param settle      how long after a hold to wait before reporting it, so its last requests can finish
     * @param onLevelDone called with the level index once the level is over (and settled)
     */
    public CensusSampler(String name, Ladder ladder, TargetClient client, boolean census, Duration settle,
                         IntConsumer onLevelDone) {
        this.name = name;
        this.ladder = ladder;
        this.client = client;
        this.census = census;
        this.settle = settle;
        this.onLevelDone = onLevelDone;
        this.results = new AtomicReferenceArray<>(ladder.size());
    }

    /** Starts following the ladder; call once its clock runs. */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("census-" + name).start(this::run);
        }
    }

    /** Waits until the sampler has reported every level (or the timeout passes). */
    public void join(Duration timeout) throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join(timeout);
        }
    }

    public void stop() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** What the census saw during a level; null when the level was not sampled. */
    public LevelCensus level(int index) {
        return results.get(index);
    }

    private void run() {
        try {
            for (Level level : ladder.levels()) {
                LevelCensus.Builder seen = new LevelCensus.Builder();
                if (census) {
                    sampleHold(level, seen);
                }
                results.set(level.index(), seen.build());
                long next = level.index() + 1 < ladder.size()
                        ? ladder.level(level.index() + 1).holdStartNanos() : Long.MAX_VALUE;
                sleepUntil(Math.min(level.holdEndNanos() + settle.toNanos(), next - PERIOD.toNanos()));
                onLevelDone.accept(level.index());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sampleHold(Level level, LevelCensus.Builder seen) throws InterruptedException {
        sleepUntil(level.holdStartNanos());
        client.resetPeaks(REQUEST_TIMEOUT).ifPresent(seen::add);
        long mid = level.holdStartNanos() + (level.holdEndNanos() - level.holdStartNanos()) / 2;
        boolean gcDone = false;
        long t = level.holdStartNanos();
        while (true) {
            t += PERIOD.toNanos();
            if (t >= level.holdEndNanos()) {
                break;
            }
            sleepUntil(t);
            if (!gcDone && ladder.offset(System.nanoTime()) >= mid) {
                gcDone = true;
                Optional<Census> afterGc = client.census(true, REQUEST_TIMEOUT);
                afterGc.ifPresent(c -> {
                    seen.add(c);
                    seen.retained(c.heapUsedBytes());
                });
            } else {
                client.census(false, REQUEST_TIMEOUT).ifPresent(seen::add);
            }
            t = Math.max(t, ladder.offset(System.nanoTime()));
        }
    }

    private void sleepUntil(long offsetNanos) throws InterruptedException {
        long wait = offsetNanos - ladder.offset(System.nanoTime());
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }
}
