package nonblocking.targets;

import nonblocking.ladder.Ladder;
import nonblocking.ladder.Level;
import nonblocking.record.HarnessReading;
import nonblocking.record.LevelCensus;
import nonblocking.server.wait.Figures;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * What the target says about itself during each hold, read at the {@link Conductor}'s ticks: when a hold starts it
 * resets the target's peaks ({@code POST /threads/reset}) and takes the first reading of the costs, during the hold it
 * samples {@code GET /threads}, when the hold ends it takes the second reading ({@code ?costs=true}). It never asks
 * for a GC: a forced collection inside a hold would put its pause into the latencies and its CPU into the costs it
 * measures (retained heap is the target's own figure after its last collection). Without a census (a foreign server)
 * it reads only the machine and the load generator. The server the target waits on, if any, is read at the same
 * moments. It also freezes our own targets once in the middle of each hold
 * when the run asks for a stall.
 */
public final class CensusSampler {

    public static final Duration PERIOD = Duration.ofMillis(250);
    /**
     * On a census port (managed targets) the census answers at once; a foreign target serves it on the load's
     * port, where a saturated blocking pool queues it behind the load: give up on a sample rather than wait.
     */
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);

    private final Ladder ladder;
    private final TargetClient client;
    private final boolean census;
    /** The server the target waits on; null for none. */
    private final Backend backend;
    /** -Dstall: how long the target freezes once in the middle of each hold, ms; 0 for never. */
    private final long stallMs;
    private final Set<Integer> stalled = new HashSet<>();
    /** By level index; touched by the conductor's thread only. */
    private final Map<Integer, LevelCensus.Builder> seen = new HashMap<>();

    public CensusSampler(Ladder ladder, TargetClient client, boolean census, Backend backend, long stallMs) {
        this.ladder = ladder;
        this.client = client;
        this.census = census;
        this.backend = backend;
        this.stallMs = census ? stallMs : 0;   // only our own targets can be told to freeze
    }

    /** One tick at ladder offset {@code now}: closes the holds that ended, opens or samples the one in force. */
    void tick(long now) {
        closeEndedHolds(now);
        int current = ladder.levelAt(now);
        if (current < 0 || now >= ladder.endNanos()) {
            return;
        }
        LevelCensus.Builder b = seen.computeIfAbsent(current, i -> new LevelCensus.Builder());
        if (!b.isOpen()) {
            // Opens the window: peaks reset, and the first reading of the costs.
            b.opened(census ? client.resetPeaks(REQUEST_TIMEOUT).orElse(null) : null, HarnessReading.now(), backend());
        } else {
            if (census) {
                client.census(false, false, REQUEST_TIMEOUT).ifPresent(b::add);
            }
            b.add(backend());
        }
        if (stallMs > 0 && now >= stallAt(ladder.level(current)) && stalled.add(current)) {
            client.stall(stallMs, REQUEST_TIMEOUT);
        }
    }

    /** What was seen of a level whose hold is over (its second reading taken now if it is still missing). */
    LevelCensus level(int index, long now) {
        closeEndedHolds(now);
        return seen.computeIfAbsent(index, i -> new LevelCensus.Builder()).build();
    }

    /** The second reading of each hold that has ended: the window over which its costs are counted. */
    private void closeEndedHolds(long now) {
        seen.forEach((index, b) -> {
            if (b.isOpen() && !b.isClosed() && now >= ladder.level(index).holdEndNanos()) {
                b.closed(census ? client.census(false, true, REQUEST_TIMEOUT).orElse(null) : null, HarnessReading.now(),
                        backend());
            }
        });
    }

    private Figures backend() {
        return backend == null ? null : backend.reading();
    }

    /** The middle of the hold, less half the freeze: the freeze lies in the middle of the hold. */
    private long stallAt(Level level) {
        return level.holdStartNanos() + (level.holdEndNanos() - level.holdStartNanos() - stallMs * 1_000_000) / 2;
    }

    /** One period, but wake up right at a hold's start or end (and a freeze), so that the readings bracket the hold. */
    Duration nextTick(long now) {
        long next = ladder.levels().stream()
                // Without a stall its edge is the hold's end again, which changes no minimum.
                .flatMapToLong(level -> LongStream.of(level.holdStartNanos(),
                        stallMs > 0 ? stallAt(level) : level.holdEndNanos(), level.holdEndNanos()))
                .filter(edge -> edge > now).reduce(now + PERIOD.toNanos(), Math::min);
        return Duration.ofNanos(Math.max(1_000_000, next - now));
    }
}
