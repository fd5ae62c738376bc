package nonblocking.targets;

import nonblocking.ladder.CapacitySearch;
import nonblocking.ladder.Ladder;
import nonblocking.ladder.LadderRecorder;
import nonblocking.ladder.Level;
import nonblocking.ladder.LevelStats;
import nonblocking.ladder.Outcome;
import nonblocking.ladder.Plan;
import nonblocking.record.HarnessReading;
import nonblocking.record.LevelCensus;
import nonblocking.results.LevelPlan;
import nonblocking.results.LevelResult;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The control loop of one target's ladder, on a thread of its own. Each tick it has the census sampled; once a
 * level's requests are all back (or too many are still out for them to change its verdict) it judges the level, says
 * so, and lets the plan decide the ladder's next step: keep on, stop here, or append the next level.
 */
public final class Conductor {

    private final String name;
    private final Ladder ladder;
    private final LadderRecorder recorder;
    private final CensusSampler sampler;
    private final Plan plan;
    private final Slo slo;
    private final Progress progress;
    /** A level's result as measured so far, given what the census saw of it. */
    private final IntFunction<LevelResult> levelResult;
    private final Supplier<TargetResult> searched;
    private final long settleNanos;
    private final long giveUpNanos;
    /** The verdicts so far, in the order the levels ran; only this loop's thread touches them. */
    private final List<Plan.Probe> probes = new ArrayList<>();
    private final Map<Integer, LevelCensus> reported = new ConcurrentHashMap<>();
    private final WarmUp warmUp = new WarmUp();
    /** The longest the warm-up may last. */
    private final long warmupMaxNanos;
    /** A managed target's JVM, watched for a crash; null for a server given by URL. */
    private final ManagedTarget process;
    /** The server the target's requests wait on, watched; null for none. */
    private final Backend backend;
    /** Called once when the target stops serving: its ladder ends there. */
    private final Consumer<TargetResult.Crash> onCrash;
    private boolean failureSaid;
    private volatile Thread thread;

    /**
     * @param settle earliest time after a hold to judge it (its last requests need about a pause)
     * @param giveUp latest time after a hold to judge it even with requests still out (the timeout)
     */
    Conductor(String name, Ladder ladder, LadderRecorder recorder, CensusSampler sampler, Plan plan, Slo slo,
              Progress progress, IntFunction<LevelResult> levelResult, Supplier<TargetResult> searched,
              Duration settle, Duration giveUp, Duration warmupMax, ManagedTarget process, Backend backend,
              Consumer<TargetResult.Crash> onCrash) {
        this.name = name;
        this.ladder = ladder;
        this.recorder = recorder;
        this.sampler = sampler;
        this.plan = plan;
        this.slo = slo;
        this.progress = progress;
        this.levelResult = levelResult;
        this.searched = searched;
        this.settleNanos = settle.toNanos();
        this.giveUpNanos = Math.max(settle.toNanos(), giveUp.toNanos());
        this.warmupMaxNanos = warmupMax.toNanos();
        this.process = process;
        this.backend = backend;
        this.onCrash = onCrash;
    }

    /** How long the warm-up lasted (or lasts, as laid out now), s. */
    Double warmupS() {
        return ladder.warmup().toNanos() / 1e9;
    }

    /** Starts following the ladder; call once its clock runs. */
    synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("conductor-" + name).start(this::run);
        }
    }

    /** Waits until every level is judged (or the timeout passes). */
    void join(Duration timeout) {
        if (thread != null) {
            try {
                thread.join(timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** What the census saw during a level; null before the level is judged. */
    LevelCensus level(int index) {
        return reported.get(index);
    }

    private void run() {
        try {
            // Levels may be appended (by the plan, below) until the ladder's end is known.
            while (!(ladder.ended() && reported.size() >= ladder.measured().size())) {
                long now = ladder.offset(System.nanoTime());
                if (watch(now)) {
                    continue;   // the target crashed: its ladder ended just now, the levels before are judged next
                }
                warmUp(now);
                sampler.tick(now);
                now = ladder.offset(System.nanoTime());
                for (int next = reported.size(); next < ladder.measured().size() && due(next, now); next++) {
                    reported.put(next, sampler.level(next, now));
                    judge(next);
                }
                Thread.sleep(sampler.nextTick(ladder.offset(System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Watches what can stop serving: a managed target whose JVM exits, or the server it waits on going away, ends its
     * ladder at once (neither is a capacity; the levels measured before are kept). Returns true when it ended just now.
     */
    private boolean watch(long now) {
        if (ladder.ended() && ladder.endNanos() <= now) {
            return false;
        }
        if (backend != null) {
            Optional<String> gone = backend.gone();
            if (gone.isPresent()) {
                // Every request would fail from here: what follows measures the loss, not the target.
                crashed(new TargetResult.Crash(current(now), null, backend.what() + " is gone (" + gone.get() + ")",
                        null), now);
                return true;
            }
        }
        if (process == null) {
            return false;
        }
        Optional<Integer> exit = process.exited();
        if (exit.isEmpty()) {
            return false;
        }
        crashed(new TargetResult.Crash(current(now), exit.get(), "its JVM exited with code " + exit.get(),
                process.log().toString()), now);
        return true;
    }

    /** The target stopped serving: its ladder ends now, and the run says so in one line. */
    private void crashed(TargetResult.Crash crash, long now) {
        ladder.end(now);
        onCrash.accept(crash);
        progress.note(name, crash.what().toUpperCase(Locale.ROOT) + " at " + crash.users() + " users: " + crash.reason()
                + (crash.log() == null ? "" : " (log: " + crash.log() + ")") + "; no capacity is taken from it");
    }

    /** The users of the level in force at {@code now}. */
    private int current(long now) {
        Level level = ladder.inForce(now);
        return level == null ? 0 : level.users();
    }

    /**
     * The warm-up lasts until the load generator's CPU per request has settled ({@link WarmUp}): just before the first
     * hold would start, one more second, and again, up to the longest warm-up allowed.
     */
    private void warmUp(long now) {
        Level first = ladder.level(0);
        if (now < first.rampStartNanos() || now >= first.holdStartNanos() || ladder.warmup().toNanos() >= warmupMaxNanos) {
            return;   // not warming up, or it may not last longer: nothing to read
        }
        warmUp.sample(now, HarnessReading.now().injectorCpuNs(), recorder.finished());
        boolean closing = now >= first.holdStartNanos() - 2 * CensusSampler.PERIOD.toNanos();
        if (closing && !warmUp.settled()) {
            ladder.extendWarmup(WarmUp.WINDOW_NANOS, now);
        }
    }

    /** A level is measured: say it with its verdict, then let the plan pick what comes next. */
    private void judge(int index) {
        LevelResult level = levelResult.apply(index);
        LevelCensus seen = reported.get(index);
        if (!failureSaid && seen != null && seen.closed() != null && seen.closed().lastFailure() != null
                && seen.closed().failed() > (seen.opened() == null ? 0 : seen.opened().failed())) {
            failureSaid = true;
            progress.note(name, "requests failed at " + level.users() + " users, the latest with "
                    + seen.closed().lastFailure());
        }
        if (process == null && level.requests() > 0 && level.ok() == 0
                && level.koReasons().keySet().equals(Set.of(Outcome.CONNECTION))) {
            // A server given by URL that refused every connection of a whole level is down, not at its limit.
            long now = ladder.offset(System.nanoTime());
            crashed(new TargetResult.Crash(level.users(), null, "it refused every connection of the level (down)",
                    null), now);
            progress.measured(new Progress.Measured(name, index, plan.maxLevels(), level, slo, null));
            return;
        }
        long waiting = recorder.level(index).inFlight();
        boolean early = brokenAlready(index, ladder.offset(System.nanoTime()) - ladder.level(index).holdEndNanos());
        Progress.Measured measured = new Progress.Measured(name, index, plan.maxLevels(), level, slo,
                early ? waiting : null);
        progress.measured(measured);
        probes.add(new Plan.Probe(level.users(), measured.verdict()));
        Plan.Step step = plan.after(List.copyOf(probes));
        long now = ladder.offset(System.nanoTime());
        if (step.schedules()) {
            ladder.append(step.users(), now + TargetRun.IDLE_POLL.toNanos());
        } else if (step.stops()) {
            ladder.end(now);
            List<Integer> skipped = ladder.skipped().stream().map(Level::users).toList();
            if (!skipped.isEmpty()) {
                progress.stoppedEarly(name, LevelPlan.BROKEN_IN_A_ROW, skipped);
            } else if (plan instanceof CapacitySearch) {
                progress.searched(name, probes.size(), searched.get());
            }
        }
    }

    private boolean due(int index, long now) {
        long sinceEnd = now - ladder.level(index).holdEndNanos();
        return sinceEnd >= giveUpNanos || (sinceEnd >= settleNanos
                && (recorder.level(index).inFlight() == 0 || brokenAlready(index, sinceEnd)));
    }

    /**
     * True when a level breaks whatever its requests still out do, so that its verdict need not wait for them (a
     * saturated server's last requests take up to the timeout). Once the p99 limit has passed since the hold ended,
     * a request still out is too slow or will fail; with more than (KO limit + 1) % of them out, either the KO limit
     * or the p99 limit breaks. The level's final numbers, read when the run ends, show which.
     */
    boolean brokenAlready(int index, long sinceEndNanos) {
        if (sinceEndNanos < slo.p99Ms() * 1e6) {
            return false;
        }
        LevelStats stats = recorder.level(index);
        long waiting = stats.inFlight();
        long all = stats.ok() + stats.ko() + waiting;
        return waiting > 0 && waiting * 100.0 > (slo.koPercent() + 1) * all;
    }
}
