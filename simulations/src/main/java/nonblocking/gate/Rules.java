package nonblocking.gate;

import java.util.List;

/**
 * The gate's thresholds, as {@code simulations/gate/rules.yaml} sets them (that file explains each rule); each
 * rule names the targets it applies to. {@link RulesFile} reads and validates it. A section left out is no rule
 * (a rules file for one service has no gap); a section that is there needs every field, and an unknown key is an
 * error, so that a typo never switches a rule off.
 *
 * @param gap        minimum of one target's sustainable users over another's; null for none
 * @param topLevel   targets that must sustain the top level of the ladder; null for none
 * @param efficiency minimum efficiency of some targets at each level they sustained; null for none
 * @param targets    per target name, a floor on its sustainable users and a ceiling on its p99 at a level
 * @param baseline   comparison against the committed baseline run; null for none
 */
public record Rules(GapRule gap, Targets topLevel, EfficiencyRule efficiency, java.util.Map<String, TargetRule> targets,
                    Baseline baseline) {

    public Rules {
        targets = targets == null ? java.util.Map.of() : new java.util.LinkedHashMap<>(targets);
    }

    /**
     * @param minSustainableUsers the fewest sustainable users that pass; null for no such rule
     * @param maxP99              the highest p99 at one level that passes; null for no such rule
     */
    public record TargetRule(Integer minSustainableUsers, P99 maxP99) {
    }

    /** A p99 ceiling: at most {@code ms} at the level of {@code users}. */
    public record P99(Integer users, Double ms) {
    }

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
