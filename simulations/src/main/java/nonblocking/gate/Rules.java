package nonblocking.gate;

import java.util.List;

/**
 * The gate's thresholds, as {@code simulations/gate/rules.yaml} sets them (that file explains each rule); each
 * rule names the targets it applies to. {@link RulesFile} reads and validates it: every field is required.
 *
 * @param gap        minimum of one target's sustainable users over another's
 * @param topLevel   targets that must sustain the top level of the ladder
 * @param efficiency minimum efficiency of some targets at each level they sustained
 * @param baseline   comparison against the committed baseline run
 */
public record Rules(GapRule gap, Targets topLevel, EfficiencyRule efficiency, Baseline baseline) {

    /** @param of the numerator's target, {@code over} the denominator's, {@code min} the lowest passing factor */
    public record GapRule(String of, String over, Double min) {
    }

    public record Targets(List<String> targets) {
    }

    public record EfficiencyRule(List<String> targets, Double min) {
    }

    /**
     * @param targets           targets compared against the baseline
     * @param maxEfficiencyDrop largest allowed relative drop of efficiency below the baseline's (0.10 = 10%)
     */
    public record Baseline(List<String> targets, Double maxEfficiencyDrop) {
    }
}
