package nonblocking.gate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import nonblocking.NonblockingException;
import nonblocking.results.ResultsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code rules.yaml}; every failure is a {@link NonblockingException} with a one-line message. */
public final class RulesFile {

    /** Strict: an unknown key is a typo that would silently drop a rule, so it is an error. */
    private static final ObjectMapper MAPPER = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private RulesFile() {
    }

    public static Rules read(Path file) {
        Rules rules;
        try {
            rules = MAPPER.readValue(Files.readString(file), Rules.class);
        } catch (NoSuchFileException e) {
            throw new NonblockingException("no rules file at " + file, e);
        } catch (JacksonException e) {
            throw new NonblockingException("rules file " + file + " is corrupt: " + ResultsFile.firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new NonblockingException("cannot read rules file " + file + ": " + e, e);
        }
        String problem = problem(rules);
        if (problem != null) {
            throw new NonblockingException("rules file " + file + " is invalid: " + problem);
        }
        return rules;
    }

    /** What is wrong with the rules, or null. */
    private static String problem(Rules rules) {
        if (rules == null || (rules.gap() == null && rules.topLevel() == null && rules.efficiency() == null
                && rules.targets().isEmpty() && rules.baseline() == null)) {
            return "it holds no rule";
        }
        Rules.GapRule gap = rules.gap();
        if (gap != null && (blank(gap.of()) || blank(gap.over()) || gap.min() == null || !(gap.min() > 0))) {
            return "gap needs of, over (target names) and min (a number above 0)";
        }
        if (rules.topLevel() != null && rules.topLevel().targets() == null) {
            return "top_level.targets must be a list of target names (it may be empty)";
        }
        Rules.EfficiencyRule efficiency = rules.efficiency();
        if (efficiency != null && (efficiency.targets() == null || efficiency.min() == null
                || !(efficiency.min() > 0 && efficiency.min() <= 1))) {
            return "efficiency needs targets (a list) and min (a number in (0, 1])";
        }
        for (var entry : rules.targets().entrySet()) {
            Rules.TargetRule rule = entry.getValue();
            String name = "targets." + entry.getKey();
            if (rule == null || (rule.minSustainableUsers() == null && rule.maxP99() == null)) {
                return name + " needs min_sustainable_users or max_p99";
            }
            if (rule.minSustainableUsers() != null && rule.minSustainableUsers() < 1) {
                return name + ".min_sustainable_users must be at least 1";
            }
            Rules.P99 p99 = rule.maxP99();
            if (p99 != null && (p99.users() == null || p99.users() < 1 || p99.ms() == null || !(p99.ms() > 0))) {
                return name + ".max_p99 needs users (a level) and ms (above 0)";
            }
        }
        if (rules.baseline() != null && rules.baseline().targets() == null) {
            return "baseline.targets must be a list (it may be empty)";
        }
        Double drop = rules.baseline() == null ? Double.valueOf(0) : rules.baseline().maxEfficiencyDrop();
        if (drop == null || !(drop >= 0 && drop < 1)) {
            return "baseline.max_efficiency_drop must be a number in [0, 1)";
        }
        return null;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
