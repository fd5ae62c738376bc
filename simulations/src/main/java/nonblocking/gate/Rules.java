package nonblocking.gate;

import java.util.List;

/**
 * The gate's thresholds, as {@code simulations/gate/rules.yaml} sets them (that file explains each rule).
 * {@link RulesFile} reads and validates it: every field is required.
 *
 * @param gap               minimum of virtual / blocking sustainable users
 * @param virtualTopLevel   whether virtual must sustain the top level of the ladder
 * @param virtualEfficiency minimum efficiency of virtual at each level it sustained
 * @param baseline          comparison against the committed baseline run
 */
public record Rules(Minimum gap, Boolean virtualTopLevel, Minimum virtualEfficiency, Baseline baseline) {

    /** A lower bound. */
    public record Minimum(Double min) {
    }

    /**
     * @param targets           targets compared against the baseline
     * @param maxEfficiencyDrop largest allowed relative drop of efficiency below the baseline's (0.10 = 10%)
     */
    public record Baseline(List<String> targets, Double maxEfficiencyDrop) {
    }
}
