package nonblocking.results;

import java.util.Map;

/**
 * How many times more concurrent users one target sustained than another, with what it divides named.
 *
 * @param factor     {@code of}'s sustainable users / {@code over}'s, e.g. virtual over blocking; null when
 *                   {@code over} sustained no level
 * @param lowerBound true when {@code of} sustained the top of its ladder: the true gap is then at least this
 */
public record Gap(String of, String over, Double factor, boolean lowerBound) {

    /** The gap between two targets of a run; null when either is missing. */
    public static Gap of(Map<String, TargetResult> targets, String of, String over) {
        TargetResult numerator = targets.get(of);
        TargetResult denominator = targets.get(over);
        if (numerator == null || denominator == null) {
            return null;
        }
        Double factor = denominator.sustainableUsers() <= 0 ? null
                : (double) numerator.sustainableUsers() / denominator.sustainableUsers();
        return new Gap(of, over, factor, numerator.capacity().lowerBound());
    }
}
