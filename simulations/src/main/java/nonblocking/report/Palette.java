package nonblocking.report;

import java.awt.Color;
import java.util.List;

/** One colour per target, the same in every chart and in the HTML; colour-blind safe (Okabe-Ito). */
final class Palette {

    static final Color BLOCKING = new Color(0xD55E00);
    static final Color VIRTUAL = new Color(0x0072B2);
    static final Color IDEAL = new Color(0x777777);
    static final Color LIMIT = new Color(0xB00020);
    private static final List<Color> OTHERS = List.of(new Color(0x009E73), new Color(0xCC79A7), new Color(0xE69F00));

    private Palette() {
    }

    /** The colour of a target; targets other than blocking and virtual get the next spare colour by position. */
    static Color of(String target, int position) {
        return switch (target) {
            case "blocking" -> BLOCKING;
            case "virtual" -> VIRTUAL;
            default -> OTHERS.get(position % OTHERS.size());
        };
    }

    static String hex(Color color) {
        return String.format("#%06x", color.getRGB() & 0xFFFFFF);
    }
}
