package nonblocking.targets;

import nonblocking.ladder.Ladder;
import nonblocking.ladder.LadderRecorder;
import nonblocking.ladder.Level;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntConsumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Follows one target's ladder on its own thread, ticking every {@link #PERIOD}: when a hold starts it resets
 * the target's peaks ({@code POST /threads/reset}) and takes the first reading of the costs, during the hold it
 * samples {@code GET /threads}, once mid-hold with {@code ?gc=true} (retained heap), when the hold ends it takes
 * the second reading ({@code ?costs=true}); and once a level's requests are all done it reports the level (the
 * progress line). Without a census (a foreign server) it reads only the machine and the load generator. The requests go to the
 * {@link TargetClient}'s census base: the target's census port when it has one, else its main URL.
 */
public final class CensusSampler {

    public static final Duration PERIOD = Duration.ofMillis(250);
    /**
     * On a census port (managed targets) the census answers at once; a foreign target serves it on the load's
     * port, where a saturated blocking pool queues it behind the load: give up on a sample rather than wait.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);

    private final String name;
    private final Ladder ladder;
    private final LadderRecorder recorder;
    private final TargetClient client;
    private final boolean census;
    private final long settleNanos;
    private final long giveUpNanos;
    private final IntConsumer onLevelDone;
    private final AtomicReferenceArray<LevelCensus> results;
    private volatile Thread thread;

    /**
     * @param settle      earliest time after a hold to report it (its last requests need about a pause)
     * @param giveUp      latest time after a hold to report it even with requests still out (the timeout)
     * @param onLevelDone called with the level index once the level is reported
     */
    public CensusSampler(String name, LadderRecorder recorder, TargetClient client, boolean census, Duration settle,
                         Duration giveUp, IntConsumer onLevelDone) {
        this.name = name;
        this.ladder = recorder.ladder();
        this.recorder = recorder;
        this.client = client;
        this.census = census;
        this.settleNanos = settle.toNanos();
        this.giveUpNanos = Math.max(settle.toNanos(), giveUp.toNanos());
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

    /** What the census saw during a level; null before the level is reported. */
    public LevelCensus level(int index) {
        return results.get(index);
    }

    private void run() {
        int n = ladder.size();
        LevelCensus.Builder[] seen = Stream.generate(LevelCensus.Builder::new).limit(n).toArray(LevelCensus.Builder[]::new);
        boolean[] gc = new boolean[n];
        int reported = 0;
        try {
            while (reported < n) {
                long now = ladder.offset(System.nanoTime());
                closeEndedHolds(seen, now);
                int current = ladder.levelAt(now);
                if (current >= 0) {
                    Level level = ladder.level(current);
                    long mid = (level.holdStartNanos() + level.holdEndNanos()) / 2;
                    LevelCensus.Builder b = seen[current];
                    if (!b.isOpen()) {
                        // Opens the window: peaks reset, and the first reading of the costs.
                        b.opened(census ? client.resetPeaks(REQUEST_TIMEOUT).orElse(null) : null, HarnessReading.now());
                    } else if (census && !gc[current] && now >= mid) {
                        gc[current] = true;
                        client.census(true, false, REQUEST_TIMEOUT).ifPresent(c -> b.add(c).retained(c.heapUsedBytes()));
                    } else if (census) {
                        client.census(false, false, REQUEST_TIMEOUT).ifPresent(b::add);
                    }
                }
                now = ladder.offset(System.nanoTime());
                while (reported < n && due(reported, now)) {
                    closeEndedHolds(seen, now);
                    results.set(reported, seen[reported].build());
                    onLevelDone.accept(reported);
                    reported++;
                }
                Thread.sleep(nextTick(now));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The second reading of each hold that has ended: the window over which its costs are counted. */
    private void closeEndedHolds(LevelCensus.Builder[] seen, long now) {
        for (int i = 0; i < seen.length; i++) {
            if (seen[i].isOpen() && !seen[i].isClosed() && now >= ladder.level(i).holdEndNanos()) {
                seen[i].closed(census ? client.census(false, true, REQUEST_TIMEOUT).orElse(null) : null, HarnessReading.now());
            }
        }
    }

    private boolean due(int index, long now) {
        long sinceEnd = now - ladder.level(index).holdEndNanos();
        return sinceEnd >= giveUpNanos || (sinceEnd >= settleNanos && recorder.level(index).inFlight() == 0);
    }

    /** Sleep one period, but wake up right at a hold's start or end, so that the readings bracket the hold. */
    private Duration nextTick(long now) {
        long next = ladder.levels().stream()
                .flatMapToLong(level -> LongStream.of(level.holdStartNanos(), level.holdEndNanos()))
                .filter(edge -> edge > now).reduce(now + PERIOD.toNanos(), Math::min);
        return Duration.ofNanos(Math.max(1_000_000, next - now));
    }
}
