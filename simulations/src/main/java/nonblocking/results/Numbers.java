package nonblocking.results;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The plain form of a number in every text this project writes: the bottom layer, so that all layers share it. */
public final class Numbers {

    private Numbers() {
    }

    /** Integers without decimals, others with at most four: 3200, 16, 12.5, 0.9412. */
    public static String plain(double value) {
        return Double.isFinite(value)
                ? BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }

    /** A figure's middle value over an odd number of runs: a value some run measured. */
    public static <T> double middle(List<T> runs, ToDoubleFunction<T> figure) {
        return runs.stream().mapToDouble(figure).sorted().toArray()[runs.size() / 2];
    }
}
