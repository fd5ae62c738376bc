package nonblocking.targets;

import nonblocking.ladder.Ladder;
import nonblocking.ladder.LadderRecorder;
import nonblocking.ladder.Level;
import nonblocking.record.HarnessReading;
import nonblocking.record.LevelCensus;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.IntConsumer;
import java.util.stream.LongStream;

/**
 * Follows one target's ladder on its own thread, ticking every {@link #PERIOD}: when a hold starts it resets the
 * target's peaks ({@code POST /threads/reset}) and takes the first reading of the costs, during the hold it samples
 * {@code GET /threads}, when the hold ends it takes the second reading ({@code ?costs=true}); once a level's requests
 * are all done it reports the level. It never asks for a GC: a forced collection inside a hold would put its pause
 * into the latencies and its CPU into the costs it measures (retained heap is the target's own figure after its last
 * collection). Without a census (a foreign server) it reads only the machine and the load generator.
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
    private final BiPredicate<Integer, Long> brokenAlready;
    /** -Dstall: how long the target freezes once in the middle of each hold, ms; 0 for never. */
    private final long stallMs;
    private final Set<Integer> stalled = new HashSet<>();
    private final Map<Integer, LevelCensus> results = new ConcurrentHashMap<>();
    private volatile Thread thread;

    /**
     * @param settle        earliest time after a hold to report it (its last requests need about a pause)
     * @param giveUp        latest time after a hold to report it even with requests still out (the timeout)
     * @param brokenAlready (index, ns since its hold ended): whether a level breaks whatever its requests still out
     *                      do, so that it can be reported before they come back
     */
    public CensusSampler(String name, LadderRecorder recorder, TargetClient client, boolean census, Duration settle,
                         Duration giveUp, IntConsumer onLevelDone, BiPredicate<Integer, Long> brokenAlready,
                         long stallMs) {
        this.name = name;
        this.ladder = recorder.ladder();
        this.recorder = recorder;
        this.client = client;
        this.census = census;
        this.settleNanos = settle.toNanos();
        this.giveUpNanos = Math.max(settle.toNanos(), giveUp.toNanos());
        this.onLevelDone = onLevelDone;
        this.brokenAlready = brokenAlready;
        this.stallMs = census ? stallMs : 0;   // only our own targets can be told to freeze
    }

    /** Starts following the ladder; call once its clock runs. */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("census-" + name).start(this::run);
        }
    }

    /** Waits until the sampler has reported every level (or the timeout passes). */
    public void join(Duration timeout) {
        if (thread != null) {
            try {
                thread.join(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** What the census saw during a level; null before the level is reported. */
    public LevelCensus level(int index) {
        return results.get(index);
    }

    private void run() {
        Map<Integer, LevelCensus.Builder> seen = new HashMap<>();
        int reported = 0;
        try {
            // Levels may be appended (by the plan, from onLevelDone) until the ladder's end is known.
            while (!(ladder.ended() && reported >= ladder.measured().size())) {
                long now = ladder.offset(System.nanoTime());
                closeEndedHolds(seen, now);
                int current = ladder.levelAt(now);
                if (current >= 0 && now < ladder.endNanos()) {
                    LevelCensus.Builder b = seen.computeIfAbsent(current, i -> new LevelCensus.Builder());
                    if (!b.isOpen()) {
                        // Opens the window: peaks reset, and the first reading of the costs.
                        b.opened(census ? client.resetPeaks(REQUEST_TIMEOUT).orElse(null) : null, HarnessReading.now());
                    } else if (census) {
                        client.census(false, false, REQUEST_TIMEOUT).ifPresent(b::add);
                    }
                    if (stallMs > 0 && now >= stallAt(ladder.level(current)) && stalled.add(current)) {
                        client.stall(stallMs, REQUEST_TIMEOUT);
                    }
                }
                now = ladder.offset(System.nanoTime());
                while (reported < ladder.measured().size() && due(reported, now)) {
                    closeEndedHolds(seen, now);
                    results.put(reported, seen.computeIfAbsent(reported, i -> new LevelCensus.Builder()).build());
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
    private void closeEndedHolds(Map<Integer, LevelCensus.Builder> seen, long now) {
        seen.forEach((index, b) -> {
            if (b.isOpen() && !b.isClosed() && now >= ladder.level(index).holdEndNanos()) {
                b.closed(census ? client.census(false, true, REQUEST_TIMEOUT).orElse(null) : null, HarnessReading.now());
            }
        });
    }

    private boolean due(int index, long now) {
        long sinceEnd = now - ladder.level(index).holdEndNanos();
        return sinceEnd >= giveUpNanos || (sinceEnd >= settleNanos
                && (recorder.level(index).inFlight() == 0 || brokenAlready.test(index, sinceEnd)));
    }

    /** The middle of the hold, less half the freeze: the freeze lies in the middle of the hold. */
    private long stallAt(Level level) {
        return level.holdStartNanos() + (level.holdEndNanos() - level.holdStartNanos() - stallMs * 1_000_000) / 2;
    }

    /** One period, but wake up right at a hold's start or end (and a freeze), so that the readings bracket the hold. */
    private Duration nextTick(long now) {
        long next = ladder.levels().stream()
                // Without a stall its edge is the hold's end again, which changes no minimum.
                .flatMapToLong(level -> LongStream.of(level.holdStartNanos(),
                        stallMs > 0 ? stallAt(level) : level.holdEndNanos(), level.holdEndNanos()))
                .filter(edge -> edge > now).reduce(now + PERIOD.toNanos(), Math::min);
        return Duration.ofNanos(Math.max(1_000_000, next - now));
    }
}
