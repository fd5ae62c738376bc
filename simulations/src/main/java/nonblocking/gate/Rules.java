package nonblocking.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gate's thresholds, as {@code simulations/gate/rules.yaml} sets them (docs/gate.md explains each rule); each
 * rule names the targets it applies to. {@link RulesFile} reads and validates it. A section left out (null here,
 * {@code targets} empty) is no rule (a rules file for one service has no gap); a section that is there needs every
 * field, and an unknown key is an error, so that a typo never switches a rule off.
 */
public record Rules(GapRule gap, Targets topLevel, Map<String, TargetRule> targets, BaselineRules baseline) {

    public Rules {
        targets = targets == null ? Map.of() : new LinkedHashMap<>(targets);
    }

    /** A floor on the target's sustainable users and a ceiling on its p99 at a level; either may be null. */
    public record TargetRule(Integer minSustainableUsers, P99 maxP99) {
    }

    /** A p99 ceiling: at most {@code ms} at the level of {@code users}. */
    public record P99(Integer users, Double ms) {
    }

    /** The least factor of {@code of}'s sustainable users over {@code over}'s that passes. */
    public record GapRule(String of, String over, Double min) {
    }

    /** Targets that must sustain the top level of the ladder. */
    public record Targets(List<String> targets) {
    }

    /**
     * For each target listed, its sustainable users, and at each level the baseline sustained and the run measured,
     * its p99 (all responses), p50 and throughput against the baseline's, within the section's {@link Limits} unless
     * {@code perTarget} (per target name, the limits that differ; empty for none) says otherwise. At a level where
     * {@code noiseMultiple} times the spread of the baseline's runs ({@link Noise}) is larger, that is the limit.
     */
    public record BaselineRules(List<String> targets, Double maxP99Increase, Double maxP50Increase, Double maxThroughputDrop,
                                Double noiseMultiple, Map<String, Limits> perTarget) {

        public BaselineRules {
            perTarget = perTarget == null ? Map.of() : new LinkedHashMap<>(perTarget);
        }

        public Limits limits(String target) {
            Limits own = perTarget.get(target);
            return own == null ? new Limits(maxP99Increase, maxP50Increase, maxThroughputDrop)
                    : new Limits(own.maxP99Increase() != null ? own.maxP99Increase() : maxP99Increase,
                    own.maxP50Increase() != null ? own.maxP50Increase() : maxP50Increase,
                    own.maxThroughputDrop() != null ? own.maxThroughputDrop() : maxThroughputDrop);
        }
    }

    /**
     * How far one target may move from the baseline at a level, as fractions (0.15 = 15%). In {@code per_target}
     * any of them may be null: that one is the section's.
     *
     * @param maxP99Increase    p99 of all responses at most baseline × (1 + this)
     * @param maxP50Increase    p50 at most baseline × (1 + this)
     * @param maxThroughputDrop throughput at least baseline × (1 - this)
     */
    public record Limits(Double maxP99Increase, Double maxP50Increase, Double maxThroughputDrop) {
    }
}
