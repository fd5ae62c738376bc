package nonblocking.report;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * A logarithmic axis with readable ticks: on the users axis one per level of the ladder (25, 50, … 3200),
 * on a value axis the 1-2-5 series (10, 20, 50, 100, …) instead of JFreeChart's fractional powers.
 */
final class LogScaleAxis extends LogAxis {

    private static final double[] STEPS = {1, 2, 5};
    /** For a range narrower than 1-2-5 can mark (a fast service's 20-25 ms): still at least two labelled ticks. */
    private static final double[] FINE_STEPS = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8};
    /** Labels of the users axis closer than this to the previous one are left out: a search's levels crowd. */
    private static final double MIN_LABEL_GAP_PX = 48;

    /** The ticks, or null for 1-2-5 ticks over the axis' current range. */
    private final List<Integer> levels;
    private final DecimalFormat format = new DecimalFormat("#,##0.##");

    private LogScaleAxis(String label, List<Integer> levels) {
        super(label);
        this.levels = levels;
        setMinorTickMarksVisible(false);
        setSmallestValue(0.1);
    }

    /** The levels' axis (concurrent users, or offered rate), spanning them with some room either side. */
    static LogScaleAxis users(List<Integer> levels, String label) {
        LogScaleAxis axis = new LogScaleAxis(label + " (log scale)", List.copyOf(levels));
        int lowest = levels.stream().mapToInt(Integer::intValue).min().orElse(1);
        int highest = levels.stream().mapToInt(Integer::intValue).max().orElse(10);
        axis.setRange(lowest / 1.3, Math.max(highest, lowest + 1) * 1.3);
        return axis;
    }

    static LogScaleAxis values(String label) {
        return new LogScaleAxis(label, null);
    }

    @Override
    protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        List<Tick> ticks = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (Tick tick : ticks(edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER)) {
            double x = valueToJava2D(((NumberTick) tick).getValue(), dataArea, edge);
            if (x - last >= MIN_LABEL_GAP_PX) {
                ticks.add(tick);
                last = x;
            }
        }
        return ticks;
    }

    @Override
    protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        return ticks(edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
    }

    private List<Tick> ticks(TextAnchor anchor) {
        return (levels != null ? levels.stream().map(Integer::doubleValue).toList() : oneTwoFive()).stream()
                .<Tick>map(value -> new NumberTick(value, format.format(value), anchor, TextAnchor.CENTER, 0.0))
                .toList();
    }

    /**
     * 1-2-5 values within the current range; every power of ten alone when that would crowd the axis; finer steps, or
     * the bounds themselves, when fewer than two would show.
     */
    private List<Double> oneTwoFive() {
        double lower = getLowerBound();
        double upper = getUpperBound();
        if (!(lower > 0 && upper < Double.POSITIVE_INFINITY && lower <= upper)) {
            return List.of();   // no finite positive range: no ticks, rather than a loop that never ends
        }
        List<Double> values = within(lower, upper, upper / lower > 1e4 ? new double[] {1} : STEPS);
        if (values.size() < 2) {
            values = within(lower, upper, FINE_STEPS);
        }
        return values.size() < 2 ? List.of(lower, upper) : values;
    }

    private static List<Double> within(double lower, double upper, double[] steps) {
        List<Double> values = new ArrayList<>();
        for (double decade = Math.pow(10, Math.floor(Math.log10(lower))); decade <= upper; decade *= 10) {
            for (double step : steps) {
                double value = decade * step;
                if (value >= lower && value <= upper) {
                    values.add(value);
                }
            }
        }
        return values;
    }
}
