package nonblocking.report;

import nonblocking.gate.Verdict;
import nonblocking.results.Ceiling;
import nonblocking.results.LevelResult;
import nonblocking.results.LevelVerdict;
import nonblocking.results.Load;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A table built once and written as HTML and as markdown: a target's levels, the gate's verdicts, the trend's runs.
 *
 * @param text    per column: true for text (left-aligned, may wrap), false for numbers
 * @param classes per row, how it is marked ("sustained", "failed", "pass", "fail")
 */
record Table(List<String> headers, List<Boolean> text, List<List<String>> rows, List<String> classes) {

    record Column<T>(String header, boolean text, Function<T, String> value) {
    }

    static <T> Table of(List<Column<T>> columns, List<T> items, Function<T, String> rowClass) {
        List<List<String>> rows = items.stream()
                .map(item -> columns.stream().map(column -> column.value().apply(item)).toList()).toList();
        return new Table(columns.stream().map(Column::header).toList(), columns.stream().map(Column::text).toList(),
                rows, items.stream().map(rowClass).toList());
    }

    /**
     * One row per level of a target: the measurement, and whether it held (and why not). The census's columns only
     * for a target that has one.
     */
    static Table levels(TargetResult target, Slo slo, Load load, Ceiling ceiling) {
        List<Column<LevelResult>> columns = new java.util.ArrayList<>(List.of(
                new Column<>(load == Load.OPEN ? "Rate offered (rps)" : "Users", false, level -> Format.integer(level.users())),
                new Column<>("Status", true, level -> (target.sustains(level) ? "✓ " : "✗ ")
                        + Format.status(level, target, slo)),
                new Column<>("Requests", false, level -> Format.integer(level.requests())),
                new Column<>("KO %", false, level -> Format.percent(level.koPercent())),
                new Column<>("KO reasons", true, level -> level.koReasons().entrySet().stream()
                        .map(reason -> reason.getKey() + " " + reason.getValue()).collect(Collectors.joining(", "))),
                new Column<>("Req/s", false, level -> Format.decimal(level.throughputRps(), 1)),
                new Column<>("Efficiency", false, level -> Format.decimal(level.efficiency(), 3)),
                new Column<>("p50 ms", false, level -> Format.milliseconds(level.latency().p50Ms())),
                new Column<>("p99 ms", false, level -> Format.milliseconds(level.latency().p99AllMs())),
                new Column<>("Machine CPU", false, level -> level.harness() == null || level.harness().machineCpu() == null
                        ? Format.NONE : Format.decimal(100 * level.harness().machineCpu(), 0) + " %"
                        + (level.harness().harnessBound() ? " ⚠" : ""))));
        if (ceiling != null) {
            columns.add(new Column<>("Of the injector's ceiling", false, level -> {
                double share = ceiling.share(level.throughputRps());
                return Format.decimal(100 * share, 0) + " %" + (share >= Ceiling.NEAR ? " ⚠" : "");
            }));
        }
        columns.addAll(waitColumns(target.levels()));
        if (target.levels().stream().noneMatch(level -> level.footprint().platformThreadsPeak() != null)) {
            return of(columns, target.levels(), level -> rowClass(target, level, slo));
        }
        columns.addAll(List.of(
                new Column<>("Platform threads", false, level -> Format.integer(level.footprint().platformThreadsPeak())),
                new Column<>("In flight", false, level -> Format.integer(level.footprint().inFlightPeak())),
                new Column<>("RSS peak", false, level -> Format.mebibytes(level.footprint().rssPeakBytes())),
                new Column<>("CPU ms / response", false, level -> cost(level, LevelResult.Cost::cpuMsPerResponse, 3)),
                new Column<>("Context switches / response", false,
                        level -> cost(level, LevelResult.Cost::contextSwitchesPerResponse, 1)),
                new Column<>("RSS / request in flight", false, level -> level.cost() == null ? Format.NONE
                        : Format.kibibytes(level.cost().rssPerInFlightBytes()))));
        return of(columns, target.levels(), level -> rowClass(target, level, slo));
    }

    private static String rowClass(TargetResult target, LevelResult level, Slo slo) {
        return target.sustains(level) ? "sustained" : slo.verdict(level) == LevelVerdict.INCONCLUSIVE ? "inconclusive" : "failed";
    }

    /**
     * Where a response's time went and what the server it waited on did: a column per figure the levels carry (the
     * wait's phases and gauges, the backend's CPU and gauges), named after it, so that a new kind of wait needs no
     * column of its own here.
     */
    private static List<Column<LevelResult>> waitColumns(List<LevelResult> levels) {
        List<Column<LevelResult>> columns = new java.util.ArrayList<>();
        if (levels.stream().noneMatch(level -> level.breakdown() != null)) {
            return columns;
        }
        columns.add(new Column<>("Before the handler ms", false, level -> level.breakdown() == null
                || level.breakdown().queuedMs() == null ? Format.NONE : Format.decimal(level.breakdown().queuedMs(), 1)));
        columns.add(new Column<>("GC paused ms (hold)", false, level -> level.breakdown() == null
                || level.breakdown().gcPausedMs() == null ? Format.NONE : Format.integer(level.breakdown().gcPausedMs())));
        keys(levels, level -> level.breakdown() == null ? null : level.breakdown().waitMs()).forEach(key -> columns.add(
                new Column<>(words(key.replace("_ms", "")) + " ms", false, level -> figure(level.breakdown() == null ? null
                        : level.breakdown().waitMs().get(key), 1))));
        keys(levels, level -> level.breakdown() == null ? null : level.breakdown().waitPeaks()).forEach(key -> columns.add(
                new Column<>(words(key) + " (peak)", false, level -> level.breakdown() == null ? Format.NONE
                        : Format.integer(level.breakdown().waitPeaks().get(key)))));
        if (levels.stream().anyMatch(level -> level.backend() != null)) {
            columns.add(new Column<>("Backend CPU cores", false, level -> figure(level.backend() == null ? null
                    : level.backend().cpuCores(), 2)));
            if (levels.stream().anyMatch(level -> level.backend() != null && level.backend().handlerMs() != null)) {
                columns.add(new Column<>("Backend's own ms per call", false, level -> figure(level.backend() == null
                        ? null : level.backend().handlerMs(), 1)));
            }
            keys(levels, level -> level.backend() == null ? null : level.backend().peaks()).forEach(key -> columns.add(
                    new Column<>("Backend " + words(key) + " (peak)", false, level -> level.backend() == null
                            ? Format.NONE : Format.integer(level.backend().peaks().get(key)))));
        }
        return columns;
    }

    private static java.util.Set<String> keys(List<LevelResult> levels, Function<LevelResult, java.util.Map<String, ?>> map) {
        return levels.stream().map(map).filter(java.util.Objects::nonNull).flatMap(m -> m.keySet().stream())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static String figure(Double value, int decimals) {
        return value == null ? Format.NONE : Format.decimal(value, decimals);
    }

    /** A figure's name as words: "pool_waiting" as "Pool waiting". */
    private static String words(String name) {
        String spaced = name.replace('_', ' ');
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    /** One row per verdict of the gate. */
    static Table verdicts(List<Verdict> verdicts) {
        List<Column<Verdict>> columns = List.of(
                new Column<>("", true, verdict -> passFail(verdict.pass())),
                new Column<>("Metric", true, Verdict::metric),
                new Column<>("Measured", true, Verdict::measuredText),
                new Column<>("Limit", true, verdict -> verdict.limit() == null ? Format.NONE : verdict.limit()),
                new Column<>("Baseline", false, verdict -> verdict.measured() == null ? Format.NONE : verdict.baselineText()),
                new Column<>("Rule", true, Verdict::rule));
        return of(columns, verdicts, verdict -> verdict.pass() ? "pass" : "fail");
    }

    static String passFail(boolean pass) {
        return pass ? "✓ PASS" : "✗ FAIL";
    }

    private static String cost(LevelResult level, Function<LevelResult.Cost, Double> value, int decimals) {
        return figure(level.cost() == null ? null : value.apply(level.cost()), decimals);
    }
}
