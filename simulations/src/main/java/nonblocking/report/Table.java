package nonblocking.report;

import nonblocking.gate.Verdict;
import nonblocking.results.LevelResult;
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
    static Table levels(TargetResult target, Slo slo, Load load) {
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
        if (target.levels().stream().noneMatch(level -> level.footprint().platformThreadsPeak() != null)) {
            return of(columns, target.levels(), level -> target.sustains(level) ? "sustained" : "failed");
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
        return of(columns, target.levels(), level -> target.sustains(level) ? "sustained" : "failed");
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
        Double v = level.cost() == null ? null : value.apply(level.cost());
        return v == null ? Format.NONE : Format.decimal(v, decimals);
    }
}
