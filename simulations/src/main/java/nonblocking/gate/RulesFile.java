package nonblocking.gate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import nonblocking.results.ResultsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code rules.yaml}; every failure is a {@link RulesException} with a one-line message. */
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
            throw new RulesException("no rules file at " + file, e);
        } catch (JacksonException e) {
            throw new RulesException("rules file " + file + " is corrupt: " + ResultsFile.firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new RulesException("cannot read rules file " + file + ": " + e, e);
        }
        String problem = problem(rules);
        if (problem != null) {
            throw new RulesException("rules file " + file + " is invalid: " + problem, null);
        }
        return rules;
    }

    /** What is wrong with the rules, or null. */
    private static String problem(Rules rules) {
        if (rules == null) {
            return "it is empty";
        }
        if (rules.gap() == null || rules.gap().min() == null || !(rules.gap().min() > 0)) {
            return "gap.min must be a number above 0";
        }
        if (rules.virtualTopLevel() == null) {
            return "virtual_top_level must be true or false";
        }
        if (rules.virtualEfficiency() == null || rules.virtualEfficiency().min() == null
                || !(rules.virtualEfficiency().min() > 0 && rules.virtualEfficiency().min() <= 1)) {
            return "virtual_efficiency.min must be a number in (0, 1]";
        }
        if (rules.baseline() == null || rules.baseline().targets() == null) {
            return "baseline.targets must be a list (it may be empty)";
        }
        Double drop = rules.baseline().maxEfficiencyDrop();
        if (drop == null || !(drop >= 0 && drop < 1)) {
            return "baseline.max_efficiency_drop must be a number in [0, 1)";
        }
        return null;
    }
}
