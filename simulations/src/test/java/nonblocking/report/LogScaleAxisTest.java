package nonblocking.report;

import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

import java.awt.geom.Rectangle2D;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LogScaleAxisTest {

    private static List<Double> ticks(double lower, double upper) {
        LogScaleAxis axis = LogScaleAxis.values("latency");
        axis.setRange(lower, upper);
        List<?> ticks = axis.refreshTicksVertical(null, new Rectangle2D.Double(0, 0, 100, 400), RectangleEdge.LEFT);
        return ticks.stream().map(tick -> ((NumberTick) tick).getValue()).toList();
    }

    @Test
    void aWideRangeIsMarkedOneTwoFive() {
        assertThat(ticks(15, 3000)).containsExactly(20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0);
    }

    @Test
    void aRangeNarrowerThanOneTwoFiveStillHasTwoLabels() {
        // A fast service's latency, 21-24 ms: not one 1-2-5 value lies inside.
        assertThat(ticks(20.5, 24.5)).hasSizeGreaterThanOrEqualTo(2).allSatisfy(v -> assertThat(v).isBetween(20.5, 24.5));
        assertThat(ticks(40, 48)).as("one fine step inside: the bounds instead").containsExactly(40.0, 48.0);
        assertThat(ticks(18, 26)).containsExactly(20.0, 25.0);
    }
}
