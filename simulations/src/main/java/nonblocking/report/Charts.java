package nonblocking.report;

import nonblocking.history.History;
import nonblocking.results.LevelResult;
import nonblocking.results.Load;
import nonblocking.results.Slo;
import nonblocking.results.Numbers;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The report's five charts against the load on a logarithmic axis, and the gate's trend over judged runs. A level
 * without a value (a foreign target has no census, a log axis cannot show 0) is left out rather than drawn as 0.
 */
final class Charts {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;

    /** A chart rendered as PNG, and the file it is saved to. */
    record Chart(String file, String title, byte[] png) {
    }

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font AXIS_LABEL = LABEL.deriveFont(Font.BOLD, 12f);
    private static final Stroke LINE = new BasicStroke(2.5f);
    private static final Stroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f);
    private static final Stroke MARKER = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 200);
    private static final double MIB = 1024 * 1024;

    private Charts() {
    }

    /** The charts a run has data for: without a census (a service of one's own) there is no threads or cost chart. */
    static List<Chart> of(Results results) {
        List<Chart> charts = new java.util.ArrayList<>(List.of(throughput(results), latency(results), errors(results)));
        if (hasCensus(results)) {
            charts.add(resources(results));
            charts.add(cost(results));
        }
        return charts;
    }

    /** True when some target reported its threads and memory (its census, {@code /threads}). */
    static boolean hasCensus(Results results) {
        return results.targets().values().stream().flatMap(target -> target.levels().stream())
                .anyMatch(level -> level.footprint().platformThreadsPeak() != null);
    }

    static Chart throughput(Results results) {
        Lines lines = new Lines();
        // Targets that keep up lie on one line: each is drawn wider than the one before it, and under it (the plot
        // draws its first series last), so that every target shows as a band around the next.
        int[] position = {0};
        forEachTarget(results, (name, target, colour) -> lines.add(
                series(name, target.levels(), LevelResult::throughputRps, true), colour, nested(position[0]++), false));
        OptionalLong pause = Format.commonPause(results);
        boolean open = results.load() == Load.OPEN;
        // The ideal: the rate offered (open), or users / pause when every target waits the same pause (closed); a
        // service has no pause, so its ideal is unknown.
        if (open || pause.isPresent()) {
            XYSeries ideal = new XYSeries(open ? "ideal: the rate offered" : "ideal: users / pause");
            results.levelUsers().forEach(users -> ideal.add((double) users,
                    open ? users : users * 1000.0 / pause.getAsLong()));
            lines.add(ideal, Palette.IDEAL, DASHED, true);
        }

        XYPlot plot = lines.plot(axis(results), LogScaleAxis.values("throughput (ok responses / s, log scale)"));
        int[] marker = {0};
        forEachTarget(results, (name, target, colour) -> {
            if (target.sustainableUsers() > 0) {
                plot.addDomainMarker(verticalMarker(target.sustainableUsers(), name + " sustains " + Format.sustainable(target.capacity()),
                        colour, marker[0]++), Layer.BACKGROUND);
            }
        });
        return render("throughput.png", "Throughput",
                chart("Throughput vs " + results.load().axis(), "higher is better · " + (open
                        ? "dashed: every request offered answered · " : pause.isPresent()
                        ? "dashed: every user answered every " + pause.getAsLong() + " ms pause · " : "")
                        + "targets that keep up overlap: each is drawn as a band around the one before · dotted: highest sustained level", plot));
    }

    static Chart latency(Results results) {
        Lines lines = new Lines();
        forEachTarget(results, (name, target, colour) -> {
            lines.add(series(name + " p50", target.levels(), level -> level.latency().p50Ms(), true), colour, LINE, false);
            lines.add(series(name + " p99", target.levels(), level -> level.latency().p99AllMs(), true), colour, DASHED, false);
        });
        XYPlot plot = lines.plot(axis(results), LogScaleAxis.values("latency (ms, log scale): p50 of OK, p99 of all"));
        Slo slo = Format.commonSlo(results);
        if (slo != null) {
            plot.addRangeMarker(horizontalMarker(slo.p99Ms(), "sustainable: p99 ≤ " + Format.milliseconds(slo.p99Ms()) + " ms"));
            // The limit stays in sight when every level is far under it (a fast service): the gap is the headroom.
            org.jfree.data.Range data = plot.getDataRange(plot.getRangeAxis());
            if (data != null && data.getLowerBound() > 0) {
                plot.getRangeAxis().setRange(Math.min(data.getLowerBound(), slo.p99Ms()) / 1.2,
                        Math.max(data.getUpperBound(), slo.p99Ms()) * 1.2);
            }
        }
        OptionalLong pause = Format.commonPause(results);
        return render("latency.png", "Latency",
                chart("Latency (p50 solid, p99 dashed) vs " + results.load().axis(),
                        "lower is better · " + (pause.isPresent() ? "the floor is the " + pause.getAsLong()
                                + " ms each request waits on (" + results.experiment().waitOn().kind() + ")"
                                : "the floor is each target's own time per request")
                                + (slo == null ? " · each target's p99 limit is its own (Settings)" : ""), plot));
    }

    static Chart errors(Results results) {
        Lines lines = new Lines();
        forEachTarget(results, (name, target, colour) -> lines.add(
                series(name, target.levels(), LevelResult::koPercent, false), colour, LINE, false));
        NumberAxis percent = new NumberAxis("KO (% of requests)");
        // From 0, never below: a share cannot be negative. At least 0..5 % so that the 1 % limit shows.
        double highest = results.targets().values().stream().flatMap(target -> target.levels().stream())
                .mapToDouble(LevelResult::koPercent).max().orElse(0);
        percent.setRange(0, Math.max(5, Math.min(100, highest) * 1.05));
        XYPlot plot = lines.plot(axis(results), percent);
        Slo slo = Format.commonSlo(results);
        if (slo != null) {
            plot.addRangeMarker(horizontalMarker(slo.koPercent(), "sustainable: KO ≤ " + Numbers.plain(slo.koPercent()) + " %"));
        }
        return render("errors.png", "KO share",
                chart("Failed requests (KO) vs " + results.load().axis(), "lower is better · timeouts, error statuses and refused connections", plot));
    }

    static Chart resources(Results results) {
        Lines threads = new Lines();
        Lines memory = new Lines();
        forEachTarget(results, (name, target, colour) -> {
            threads.add(series(name, target.levels(), level -> level.footprint().platformThreadsPeak(), false), colour, LINE, false);
            memory.add(series(name, target.levels(),
                    level -> level.footprint().rssPeakBytes() == null ? null : level.footprint().rssPeakBytes() / MIB, false), colour, LINE, false);
        });
        NumberAxis threadAxis = new NumberAxis("platform threads (peak)");
        threadAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return render("resources.png", "Threads and memory", chart("Platform threads and resident memory of the target",
                "from the target's census (/threads); absent for a target without one",
                stacked(axis(results), threads.plot(null, threadAxis),
                        memory.plot(null, new NumberAxis("resident memory (peak, MiB)")))));
    }

    static Chart cost(Results results) {
        Lines cpu = new Lines();
        Lines memory = new Lines();
        forEachTarget(results, (name, target, colour) -> {
            cpu.add(series(name, target.levels(),
                    level -> level.cost() == null ? null : level.cost().cpuMsPerResponse(), true), colour, LINE, false);
            memory.add(series(name, target.levels(), level -> level.cost() == null || level.cost().rssPerInFlightBytes() == null
                    ? null : level.cost().rssPerInFlightBytes() / 1024, true), colour, LINE, false);
        });
        return render("cost.png", "Cost per request",
                chart("What a request costs the target", "lower is better · CPU time over the hold / responses; (RSS − idle RSS)"
                        + " / peak requests in flight · at low load the JVM's fixed costs (JIT, GC, the census) dominate",
                        stacked(axis(results), cpu.plot(null, LogScaleAxis.values("CPU per response (ms, log scale)")),
                                memory.plot(null, LogScaleAxis.values("RSS per request in flight (KiB, log scale)")))));
    }

    /**
     * One point per judged run, oldest left: sustainable users (0 included: a run that held nothing is the regression
     * to see), and p99 at the highest level all runs measured, like with like even when a run stopped early.
     */
    static Chart trend(List<History.Entry> entries) {
        Lines users = new Lines();
        Lines p99 = new Lines();
        List<String> names = entries.stream().flatMap(entry -> entry.targets().keySet().stream()).distinct().toList();
        for (int position = 0; position < names.size(); position++) {
            String name = names.get(position);
            Integer level = commonTopLevel(entries, name);
            XYSeries held = new XYSeries(name);
            XYSeries latency = new XYSeries(name + " p99" + (level == null ? "" : " at " + level));
            for (int run = 0; run < entries.size(); run++) {
                History.Target target = entries.get(run).targets().get(name);
                if (target != null) {
                    held.add(run, target.capacity().held());
                    if (level != null) {
                        latency.add(run, target.p99Ms().get(level));
                    }
                }
            }
            users.add(held, Palette.of(position), LINE, false);
            p99.add(latency, Palette.of(position), DASHED, false);
        }
        SymbolAxis runs = new SymbolAxis("run (commit, oldest first)",
                entries.stream().map(History.Entry::label).toArray(String[]::new));
        return render("trend.png", "Trend", chart("The gate's trend", "sustainable users per target (solid) and p99 at"
                        + " the highest level all its runs measured (dashed), one point per judged run",
                        stacked(runs, users.plot(null, new NumberAxis("sustainable users")),
                                p99.plot(null, new NumberAxis("p99 ms at that level")))));
    }

    /** The highest level at which every run of the target has a p99, or null when there is none. */
    private static Integer commonTopLevel(List<History.Entry> entries, String name) {
        List<History.Target> runs = entries.stream().map(entry -> entry.targets().get(name))
                .filter(Objects::nonNull).toList();
        return runs.isEmpty() ? null : runs.getFirst().p99Ms().keySet().stream()
                .filter(users -> runs.stream().map(run -> run.p99Ms().get(users))
                        .allMatch(p99 -> p99 != null && p99 > 0))
                .max(Integer::compare).orElse(null);
    }

    /** Two plots over one users axis; the lower one's legend would repeat the upper one's. */
    private static CombinedDomainXYPlot stacked(ValueAxis domain, XYPlot upper, XYPlot lower) {
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(domain);
        plot.setGap(12);
        lower.getRenderer().setDefaultSeriesVisibleInLegend(false);
        plot.add(upper, 1);
        plot.add(lower, 1);
        return plot;
    }

    private static final class Lines {
        private final XYSeriesCollection dataset = new XYSeriesCollection();
        private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);

        void add(XYSeries series, Color colour, Stroke stroke, boolean hideShapes) {
            if (series.isEmpty()) {
                return;
            }
            int index = dataset.getSeriesCount();
            dataset.addSeries(series);
            renderer.setSeriesPaint(index, colour);
            renderer.setSeriesStroke(index, stroke);
            renderer.setSeriesShape(index, shape(colour));
            renderer.setSeriesShapesVisible(index, !hideShapes);
            renderer.setSeriesShapesFilled(index, stroke != DASHED);
        }

        XYPlot plot(ValueAxis domain, ValueAxis range) {
            renderer.setDrawSeriesLineAsPath(true);
            renderer.setLegendLine(new Line2D.Double(-14, 0, 14, 0));
            range.setLabelFont(AXIS_LABEL);
            XYPlot plot = new XYPlot(dataset, domain, range, renderer);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(GRID);
            plot.setRangeGridlinePaint(GRID);
            plot.setOutlinePaint(Color.GRAY);
            plot.setNoDataMessage("no data: the targets exposed no census (/threads)");
            plot.setNoDataMessageFont(SUBTITLE);
            // A band's width tells targets apart on the plot; in the legend it would cover the names.
            LegendItemCollection legend = plot.getLegendItems();
            for (int i = 0; i < legend.getItemCount(); i++) {
                if (legend.get(i).getLineStroke() instanceof BasicStroke band && band.getLineWidth() > 3) {
                    legend.get(i).setLineStroke(LINE);
                }
            }
            plot.setFixedLegendItems(legend);
            return plot;
        }
    }

    @FunctionalInterface
    private interface TargetAction {
        void accept(String name, TargetResult target, Color colour);
    }

    private static void forEachTarget(Results results, TargetAction action) {
        int position = 0;
        for (Map.Entry<String, TargetResult> entry : results.targets().entrySet()) {
            action.accept(entry.getKey(), entry.getValue(), Palette.of(position++));
        }
    }

    /** A series of one value per level; levels without the value, or with a value a log axis cannot show, are left out. */
    private static XYSeries series(String key, List<LevelResult> levels, Function<LevelResult, Number> value, boolean logScale) {
        XYSeries series = new XYSeries(key);
        for (LevelResult level : levels) {
            Number y = value.apply(level);
            if (y != null && Double.isFinite(y.doubleValue()) && (!logScale || y.doubleValue() > 0)) {
                series.add(level.users(), y);
            }
        }
        return series;
    }

    private static LogScaleAxis axis(Results results) {
        return LogScaleAxis.users(results.levelUsers(), results.load().axis());
    }

    /** The line of the target at this position: 8 px wider than the one before, so that overlapping lines all show. */
    private static Stroke nested(int position) {
        return new BasicStroke(2f + 8f * position, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /** Shapes alternate with colours, so that neighbouring targets differ in two ways. */
    private static Shape shape(Color colour) {
        return (colour.getRGB() & 1) == 0 ? new Rectangle2D.Double(-4, -4, 8, 8) : new Ellipse2D.Double(-4.5, -4.5, 9, 9);
    }

    private static ValueMarker verticalMarker(double users, String label, Color colour, int position) {
        ValueMarker marker = new ValueMarker(users, colour, MARKER);
        marker.setLabel(label);
        marker.setLabelFont(LABEL);
        marker.setLabelPaint(colour.darker());
        // At the foot of the line: the throughput lines climb to the top right, and would cover labels there.
        marker.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        marker.setLabelOffset(new RectangleInsets(4, 4, 6 + 16 * position, 4));
        marker.setLabelBackgroundColor(LABEL_BACKGROUND);
        return marker;
    }

    private static ValueMarker horizontalMarker(double value, String label) {
        ValueMarker marker = new ValueMarker(value, Palette.LIMIT, MARKER);
        marker.setLabel(label);
        marker.setLabelFont(LABEL);
        marker.setLabelPaint(Palette.LIMIT);
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        marker.setLabelBackgroundColor(LABEL_BACKGROUND);
        return marker;
    }

    /** Two stacked plots get a third more height. */
    private static Chart render(String file, String title, JFreeChart chart) {
        int height = chart.getPlot() instanceof CombinedDomainXYPlot ? HEIGHT * 4 / 3 : HEIGHT;
        try {
            return new Chart(file, title, ChartUtils.encodeAsPNG(chart.createBufferedImage(WIDTH, height)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        plot.getDomainAxis().setLabelFont(AXIS_LABEL);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle, SUBTITLE));
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.getLegend().setItemFont(LABEL.deriveFont(12f));
        return chart;
    }
}
