package nonblocking.record;

import nonblocking.NonblockingException;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Merges the parts of N injectors into the record of one run, exactly: per target and level the histograms are
 * added ({@link Histogram#add}), the counters summed, the hold window is the one all parts share, and every
 * percentile is read later from the merged histograms ({@link LevelArithmetic}), never averaged. Pure: it reads
 * no file and no clock.
 */
public final class Merge {

    private Merge() {
    }

    /** @param startSkewMs per target, the largest difference between two injectors' starts, on injector 0's clock */
    public record Merged(RunRecord record, Map<String, Double> startSkewMs) {

        public double maxSkewMs() {
            return startSkewMs.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    /** @param parts one record per injector, any order; all N of one run, each with every target and level */
    public static Merged merge(List<RunRecord> parts) {
        if (parts.isEmpty()) {
            throw new NonblockingException("no parts to merge");
        }
        List<RunRecord> byIndex = parts.stream().sorted(Comparator.comparing(p -> p.injector() == null ? -1 : p.injector())).toList();
        RunRecord first = byIndex.getFirst();
        int count = first.injectors();
        for (RunRecord part : byIndex) {
            if (part.injector() == null || part.injectors() != count || !part.runId().equals(first.runId())) {
                throw new NonblockingException("part " + (part.injector() == null ? "(the whole run)" : "injector "
                        + part.injector() + " of " + part.injectors()) + " of run " + part.runId() + " is not one of "
                        + count + " injectors of run " + first.runId());
            }
        }
        List<Integer> missing = IntStream.range(0, count)
                .filter(i -> byIndex.stream().noneMatch(part -> part.injector() == i)).boxed().toList();
        if (!missing.isEmpty() || byIndex.size() != count) {
            throw new NonblockingException("run " + first.runId() + " has " + byIndex.size() + " parts of " + count
                    + (missing.isEmpty() ? ": one injector's part twice" : ": missing injector " + missing));
        }
        Map<String, TargetRecord> targets = new LinkedHashMap<>();
        Map<String, Double> skews = new LinkedHashMap<>();
        for (String name : first.targets().keySet()) {
            List<TargetRecord> records = byIndex.stream().map(part -> Optional.ofNullable(part.targets().get(name))
                    .orElseThrow(() -> new NonblockingException("injector " + part.injector()
                            + " has no part of target " + name))).toList();
            targets.put(name, target(name, records));
            skews.put(name, skew(records));
        }
        byIndex.stream().flatMap(part -> part.targets().keySet().stream()).filter(name -> !targets.containsKey(name))
                .findFirst().ifPresent(name -> {
                    throw new NonblockingException("injector 0 has no part of target " + name);
                });
        return new Merged(new RunRecord(RunRecord.SCHEMA, first.runId(), first.histograms(), targets, count, null), skews);
    }

    /** One target's parts, injector 0's first: its census and idle memory stand for the target. */
    private static TargetRecord target(String name, List<TargetRecord> parts) {
        TargetRecord first = parts.getFirst();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).pauseMs() != first.pauseMs()) {
                throw new NonblockingException("target " + name + ": injector " + i + " timed against a pause of "
                        + parts.get(i).pauseMs() + " ms, injector 0 against " + first.pauseMs() + " ms");
            }
        }
        Map<Integer, List<LevelRecord>> byUsers = parts.stream().flatMap(part -> part.levels().stream())
                .collect(Collectors.groupingBy(LevelRecord::users, TreeMap::new, Collectors.toList()));
        List<LevelRecord> levels = new ArrayList<>();
        for (LevelRecord level : first.levels()) {
            List<LevelRecord> all = byUsers.get(level.users());
            if (all.size() != parts.size()) {
                throw new NonblockingException("target " + name + ": the level of " + level.users() + " users was measured by "
                        + all.size() + " of " + parts.size() + " injectors");
            }
            levels.add(level(name, all));
        }
        if (byUsers.size() != first.levels().size()) {
            throw new NonblockingException("target " + name + ": the injectors measured different levels: "
                    + byUsers.keySet() + " against injector 0's " + first.levels().stream().map(LevelRecord::users).toList());
        }
        String startedAt = parts.stream().map(TargetRecord::startedAt).filter(java.util.Objects::nonNull).min(String::compareTo).orElse(null);
        String stoppedAt = parts.stream().map(TargetRecord::stoppedAt).filter(java.util.Objects::nonNull).max(String::compareTo).orElse(null);
        return new TargetRecord(first.settings(), first.jdk(), first.idle(), startedAt, stoppedAt, levels, List.of(), null,
                first.load(), first.run());
    }

    /** One level from each injector, injector 0's first. */
    static LevelRecord level(String name, List<LevelRecord> parts) {
        LevelRecord first = parts.getFirst();
        Histogram ok = new Histogram(3);
        Histogram all = new Histogram(3);
        Histogram lag = new Histogram(3);
        Map<String, Long> ko = new TreeMap<>();
        for (LevelRecord part : parts) {
            ok.add(part.okLatency());
            all.add(part.allLatency());
            lag.add(part.lag());
            part.ko().forEach((reason, n) -> ko.merge(reason, n, Long::sum));
        }
        long okCount = parts.stream().mapToLong(part -> part.okLatency().getTotalCount()).sum();
        long allCount = parts.stream().mapToLong(part -> part.allLatency().getTotalCount()).sum();
        int share = parts.stream().mapToInt(LevelRecord::share).sum();
        long start = parts.stream().mapToLong(LevelRecord::holdStartMs).max().orElseThrow();
        long end = parts.stream().mapToLong(LevelRecord::holdEndMs).min().orElseThrow();
        LevelRecord busiest = parts.stream().reduce((a, b) -> machineCpu(b) > machineCpu(a) ? b : a).orElseThrow();
        String what = "target " + name + ", level " + first.users();
        if (ok.getTotalCount() != okCount || all.getTotalCount() != allCount) {
            throw new NonblockingException(what + ": the merged histograms hold " + ok.getTotalCount() + " and "
                    + all.getTotalCount() + " values, the parts " + okCount + " and " + allCount);
        }
        if (share != first.users()) {
            throw new NonblockingException(what + ": the injectors' shares add up to " + share + " users");
        }
        if (end <= start) {
            throw new NonblockingException(what + ": the injectors' holds share no window");
        }
        // The target as injector 0 alone read it; the harness as the most loaded machine saw it, so that a level
        // where any injector was harness-bound is marked so.
        LevelCensus census = first.census();
        LevelCensus merged = new LevelCensus(census.platformThreadsPeak(), census.inFlightPeak(), census.rssPeakBytes(),
                census.heapRetainedBytes(), census.opened(), census.closed(), busiest.census().harnessOpened(),
                busiest.census().harnessClosed(), census.waitPeaks(), census.backendOpened(), census.backendClosed(),
                census.backendPeaks());
        return new LevelRecord(first.users(), share, start, end, parts.stream().mapToLong(LevelRecord::ok).sum(),
                parts.stream().mapToLong(LevelRecord::answered).sum(), ko, ok, all, merged, lag);
    }

    private static double machineCpu(LevelRecord level) {
        HarnessReading opened = level.census().harnessOpened();
        HarnessReading closed = level.census().harnessClosed();
        Double cpu = opened == null || closed == null ? null : closed.machineCpuSince(opened);
        return cpu == null ? -1 : cpu;
    }

    /** The largest difference between two injectors' starts of this target, on injector 0's clock. */
    private static double skew(List<TargetRecord> parts) {
        TargetRecord.Clock zero = parts.getFirst().clock();
        for (TargetRecord part : parts) {
            if (part.clock() == null || zero == null) {
                throw new NonblockingException("a part has no record of its start: it did not run as one of "
                        + parts.size() + " injectors");
            }
            if (part.clock().t0Ms() != zero.t0Ms()) {
                throw new NonblockingException("the injectors did not share one start: T0 " + part.clock().t0Ms()
                        + " against injector 0's " + zero.t0Ms());
            }
        }
        DoubleSummaryStatistics starts = parts.stream().mapToDouble(part -> part.clock().startErrorMs())
                .summaryStatistics();
        return LevelArithmetic.round(starts.getMax() - starts.getMin(), 3);
    }
}
