package nonblocking.record;

import nonblocking.results.Load;
import nonblocking.results.LevelResult;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;
import nonblocking.server.Census;
import nonblocking.server.wait.Figures;
import org.HdrHistogram.Histogram;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one pure function from a level's raw record to its {@link LevelResult}: the run calls it, and so does a merge
 * of several injectors' records. Nothing here reads a clock, a file or a server.
 */
public final class LevelArithmetic {

    /** A figure's name ending that says it is time, ns. */
    private static final String NANOS = "_ns";

    private LevelArithmetic() {
    }

    /**
     * What every level of a target is worked out against. Without a pause, efficiency is how little latency grew over
     * {@code lowestP50Ms}, the lowest level's; in the open model it is the rate achieved over the rate offered.
     */
    public record Basis(long pauseMs, TargetResult.Memory idle, double lowestP50Ms, Load load) {
    }

    /**
     * What the run reports of a target, from its raw record alone: one injector's and a merge of several alike. Its
     * levels are judged by its own SLO, or {@code runSlo}.
     */
    public static TargetResult target(TargetRecord record, Slo runSlo) {
        List<LevelResult> levels = levels(record);
        Slo slo = record.settings() != null && record.settings().slo() != null ? record.settings().slo() : runSlo;
        TargetRecord.Course run = record.run();
        return new TargetResult(record.settings(), record.jdk(), record.idle(), levels, slo.capacity(levels).held(),
                record.skipped(), record.levels().stream().map(LevelRecord::users).toList(), record.startedAt(),
                record.stoppedAt(), run.warmupS(), run.crash(), run.backendAfter());
    }

    /** Every level of the target, lowest users first. */
    public static List<LevelResult> levels(TargetRecord target) {
        Basis basis = basis(target);
        return target.levels().stream().map(level -> level(level, basis))
                .sorted(Comparator.comparingInt(LevelResult::users)).toList();
    }

    public static Basis basis(TargetRecord target) {
        double lowest = target.levels().stream().filter(level -> level.okLatency().getTotalCount() > 0)
                .min(Comparator.comparingInt(LevelRecord::users))
                .map(level -> LevelResult.Latency.ms(level.okLatency(), 50)).orElse(0.0);
        return new Basis(target.pauseMs(), target.idle(), lowest, target.load());
    }

    public static LevelResult level(LevelRecord r, Basis basis) {
        // Closed: the OK responses of the requests the hold started. Open: those that came back during the hold, since
        // every request due in it is sent sooner or later, however late the server lets it go out.
        long served = basis.load() == Load.OPEN ? r.answered() : r.ok();
        double throughput = r.holdSeconds() > 0 ? served / r.holdSeconds() : 0;
        LevelResult.Latency latency = LevelResult.Latency.of(r.okLatency(), r.allLatency());
        double p50 = latency.p50Ms();
        // Against the users that produced this throughput: an injector's share, or all of them once merged.
        double efficiency = basis.load() == Load.OPEN ? throughput / r.share()
                : basis.pauseMs() > 0 ? throughput / (r.share() * 1000.0 / basis.pauseMs())
                : p50 <= 0 || basis.lowestP50Ms() <= 0 ? 0 : Math.min(1, basis.lowestP50Ms() / p50);
        LevelCensus seen = r.census();
        TargetResult.Memory idle = basis.idle() == null ? new TargetResult.Memory(null, null) : basis.idle();
        LevelResult.Backend backend = backend(seen);
        return new LevelResult(r.users(), r.requests(), r.ok(), r.koCount(), r.ko(), round(throughput, 2),
                round(efficiency, 4), latency, footprint(seen), cost(seen, idle),
                harness(seen, r.lag(), backend == null ? null : backend.cpuCores()), breakdown(seen, r.allLatency()), backend);
    }

    /**
     * Where a response's time went, over the hold: the handler's time and the wait's phases per response, from the
     * census's counters differenced between the two readings; the rest of the client's mean latency is the time
     * before the handler ran (a thread of the server, its accept queue) and on the wire.
     */
    private static LevelResult.Breakdown breakdown(LevelCensus seen, Histogram all) {
        Census opened = seen.opened();
        Census closed = seen.closed();
        if (opened == null || closed == null) {
            return null;
        }
        long ended = closed.served() + closed.failed() + closed.abandoned() - opened.served() - opened.failed()
                - opened.abandoned();
        if (ended <= 0) {
            return null;
        }
        double mean = all.getTotalCount() == 0 ? 0 : all.getMean() / 1000.0;
        double handler = (closed.handlerNs() - opened.handlerNs()) / 1e6 / ended;
        Map<String, Double> waitMs = new TreeMap<>();
        Figures before = opened.waitFigures() == null ? Figures.NONE : opened.waitFigures();
        Figures after = closed.waitFigures() == null ? Figures.NONE : closed.waitFigures();
        after.counters().forEach((name, value) -> {
            if (name.endsWith(NANOS) && before.counters().containsKey(name)) {
                waitMs.put(name.substring(0, name.length() - NANOS.length()) + "_ms",
                        round((value - before.counters().get(name)) / 1e6 / ended, 3));
            }
        });
        return new LevelResult.Breakdown(round(mean, 3), round(handler, 3), round(Math.max(0, mean - handler), 3),
                closed.gcPauseMs() - opened.gcPauseMs(), waitMs,
                seen.waitPeaks());
    }

    /**
     * The server the target waited on: its CPU over the hold (the interval between the readings), its gauges' peaks,
     * and its own time per call it ended.
     */
    private static LevelResult.Backend backend(LevelCensus seen) {
        Figures opened = seen.backendOpened();
        Figures closed = seen.backendClosed();
        if (opened == null && closed == null && seen.backendPeaks().isEmpty()) {
            return null;
        }
        HarnessReading from = seen.harnessOpened();
        HarnessReading to = seen.harnessClosed();
        Long cpuNs = delta(opened, closed, LevelResult.Backend.CPU_NS);
        Double cores = cpuNs != null && from != null && to != null && to.nanoTime() > from.nanoTime()
                ? round((double) cpuNs / (to.nanoTime() - from.nanoTime()), 3) : null;
        Long ended = delta(opened, closed, LevelResult.Backend.ENDED);
        Long handlerNs = delta(opened, closed, LevelResult.Backend.HANDLER_NS);
        Double handlerMs = ended != null && handlerNs != null && ended > 0 ? round(handlerNs / 1e6 / ended, 3) : null;
        return new LevelResult.Backend(cores, seen.backendPeaks(), handlerMs);
    }

    /** A counter's growth between the hold's two readings; null when either reading lacks it. */
    private static Long delta(Figures opened, Figures closed, String counter) {
        Long before = opened == null ? null : opened.counters().get(counter);
        Long after = closed == null ? null : closed.counters().get(counter);
        return before == null || after == null ? null : after - before;
    }

    private static LevelResult.Footprint footprint(LevelCensus seen) {
        return new LevelResult.Footprint(seen.platformThreadsPeak(), toInt(seen.inFlightPeak()), seen.rssPeakBytes(),
                seen.heapRetainedBytes());
    }

    /** Costs over the hold: the two census readings bracket it, so CPU and responses share one interval. */
    private static LevelResult.Cost cost(LevelCensus seen, TargetResult.Memory idle) {
        var opened = seen.opened();
        var closed = seen.closed();
        if (opened == null || closed == null) {
            return null;
        }
        long served = closed.served() - opened.served();
        int inFlight = seen.inFlightPeak() == null ? 0 : seen.inFlightPeak().intValue();
        return new LevelResult.Cost(perResponse(opened.cpuTimeNs(), closed.cpuTimeNs(), served, 1e6, 4),
                perResponse(opened.contextSwitches(), closed.contextSwitches(), served, 1, 2),
                perInFlight(seen.rssPeakBytes(), idle.rssBytes(), inFlight),
                perInFlight(seen.heapRetainedBytes(), idle.heapUsedBytes(), inFlight));
    }

    private static LevelResult.Harness harness(LevelCensus seen, Histogram lag, Double backendCores) {
        HarnessReading opened = seen.harnessOpened();
        HarnessReading closed = seen.harnessClosed();
        Double lagP99 = lag.getTotalCount() == 0 ? null : LevelResult.Latency.ms(lag, 99);
        if (opened == null || closed == null) {
            return lagP99 == null && backendCores == null ? null : LevelResult.Harness.of(null, null, lagP99, backendCores, 0);
        }
        return LevelResult.Harness.of(round(closed.machineCpuSince(opened), 3), round(closed.injectorCoresSince(opened), 3),
                lagP99, backendCores, closed.cores());
    }

    private static Double perResponse(Long before, Long after, long served, double unit, int decimals) {
        return before == null || after == null || served <= 0 ? null : round((after - before) / unit / served, decimals);
    }

    /** (level - idle) / peak requests in flight: memory per request. */
    static Double perInFlight(Long atLevel, Long idle, int inFlight) {
        return atLevel == null || idle == null || inFlight <= 0 ? null : round((double) (atLevel - idle) / inFlight, 1);
    }

    private static Double round(Double value, int decimals) {
        return value == null ? null : round(value.doubleValue(), decimals);
    }

    private static Integer toInt(Long value) {
        return value == null ? null : (int) Math.min(Integer.MAX_VALUE, value);
    }

    public static double round(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        double f = Math.pow(10, decimals);
        return Math.round(value * f) / f;
    }
}
