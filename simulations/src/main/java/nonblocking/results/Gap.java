package nonblocking.results;

import java.util.Map;

/**
 * How many times more concurrent users one target sustained than another, with what it divides named and how far it
 * can be trusted.
 *
 * @param factor     {@code of}'s sustainable users / {@code over}'s, e.g. virtual over blocking; null when
 *                   {@code over} sustained no level, when both limits lie above what was measured, or when either
 *                   target crashed (a crash is no capacity)
 * @param lowerBound true when {@code of}'s limit lies above what it sustained (it held the top of its ladder, or the
 *                   harness was the limit above it): the true gap is then at least this
 * @param upperBound true when {@code over}'s limit lies above what it sustained for the same reason: the true gap
 *                   is then at most this
 */
public record Gap(String of, String over, Double factor, boolean lowerBound, boolean upperBound) {

    /** The gap between two targets of a run; null when either is missing. */
    public static Gap of(Map<String, TargetResult> targets, String of, String over) {
        TargetResult numerator = targets.get(of);
        TargetResult denominator = targets.get(over);
        if (numerator == null || denominator == null) {
            return null;
        }
        boolean lower = numerator.capacity().lowerBound();
        boolean upper = denominator.capacity().lowerBound();
        boolean known = denominator.sustainableUsers() > 0 && !(lower && upper)
                && numerator.crash() == null && denominator.crash() == null;
        return new Gap(of, over, known ? (double) numerator.sustainableUsers() / denominator.sustainableUsers() : null,
                lower, upper);
    }
}
