package nonblocking.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Renders a chart to PNG bytes, the same bytes the report saves and embeds. */
final class Png {

    static final int WIDTH = 960;
    static final int HEIGHT = 540;

    private Png() {
    }

    static byte[] of(JFreeChart chart, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
