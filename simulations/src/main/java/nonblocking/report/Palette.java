package nonblocking.report;

import java.awt.Color;
import java.util.List;

/**
 * One colour per target by its position in the run, the same in every chart and in the HTML. The first seven are
 * Okabe-Ito's colour-blind-safe set (yellow left out: unreadable on white); further targets get hues spaced by the
 * golden angle, so that they stay distinct however many there are.
 */
final class Palette {

    static final Color IDEAL = new Color(0x777777);
    static final Color LIMIT = new Color(0xB00020);
    private static final List<Color> DISTINCT = List.of(new Color(0xD55E00), new Color(0x0072B2), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000));

    private Palette() {
    }

    static Color of(int position) {
        return position < DISTINCT.size() ? DISTINCT.get(position)
                : Color.getHSBColor((float) (((position - DISTINCT.size()) * 0.381966) % 1.0), 0.75f, 0.75f);
    }

    static String hex(Color color) {
        return String.format("#%06x", color.getRGB() & 0xFFFFFF);
    }
}
