package nonblocking.gate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import nonblocking.NonblockingException;
import nonblocking.results.ResultsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

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
            throw new NonblockingException("rules file " + file + " " + problem(e), e);
        } catch (IOException e) {
            throw new NonblockingException("cannot read rules file " + file + ": " + e, e);
        }
        String problem = problem(rules);
        if (problem != null) {
            throw new NonblockingException("rules file " + file + " is invalid: " + problem);
        }
        return rules;
    }

    /** What is wrong with a file the parser refused, in one line: an unknown key, a YAML error, a wrong value. */
    private static String problem(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "is invalid: " + UnknownKey.describe(unknown);
        }
        // The parser's own error reaches us wrapped when a section was being read.
        if ((e instanceof StreamReadException ? e : e.getCause()) instanceof StreamReadException syntax) {
            JsonLocation at = syntax.getLocation();
            return "is not valid YAML" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr()
                    + ")") + ": " + ResultsFile.firstLine(syntax.getOriginalMessage());
        }
        String path = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
        return "is invalid: " + (path.isEmpty() ? "" : path + ": ") + ResultsFile.firstLine(e.getOriginalMessage());
    }

    private static String problem(Rules rules) {
        if (rules == null || (rules.gap() == null && rules.topLevel() == null && rules.targets().isEmpty()
                && rules.baseline() == null)) {
            return "it holds no rule";
        }
        Rules.GapRule gap = rules.gap();
        if (gap != null && (blank(gap.of()) || blank(gap.over()) || gap.min() == null || !(gap.min() > 0))) {
            return "gap needs of, over (target names) and min (a number above 0)";
        }
        if (rules.topLevel() != null && rules.topLevel().targets() == null) {
            return "top_level.targets must be a list of target names (it may be empty)";
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
        return rules.baseline() == null ? null : problem(rules.baseline());
    }

    private static String problem(Rules.BaselineRules baseline) {
        if (baseline.targets() == null) {
            return "baseline.targets must be a list (it may be empty)";
        }
        String limits = problem("baseline", new Rules.Limits(baseline.maxP99Increase(), baseline.maxP50Increase(),
                baseline.maxThroughputDrop()), true);
        if (limits != null) {
            return limits;
        }
        if (invalid(baseline.noiseMultiple(), true, false)) {
            return "baseline.noise_multiple must be a number of at least 0 (2: a level's limit is at least twice the"
                    + " spread of the baseline's runs there; 0: the fixed limits alone)";
        }
        for (var entry : baseline.perTarget().entrySet()) {
            String name = "baseline.per_target." + entry.getKey();
            Rules.Limits own = entry.getValue();
            if (!baseline.targets().contains(entry.getKey())) {
                return name + ": " + entry.getKey() + " is not in baseline.targets " + baseline.targets();
            }
            if (own == null || (own.maxP99Increase() == null && own.maxP50Increase() == null && own.maxThroughputDrop() == null)) {
                return name + " needs max_p99_increase, max_p50_increase or max_throughput_drop";
            }
            String problem = problem(name, own, false);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** The limits' problem: each present one in range; all three there when {@code required}. */
    private static String problem(String section, Rules.Limits limits, boolean required) {
        if (invalid(limits.maxP99Increase(), required, false)) {
            return section + ".max_p99_increase must be a number of at least 0 (0.15: up to 15% above the baseline)";
        }
        if (invalid(limits.maxP50Increase(), required, false)) {
            return section + ".max_p50_increase must be a number of at least 0 (0.10: up to 10% above the baseline)";
        }
        if (invalid(limits.maxThroughputDrop(), required, true)) {
            return section + ".max_throughput_drop must be a number in [0, 1) (0.05: down to 95% of the baseline)";
        }
        return null;
    }

    private static boolean invalid(Double value, boolean required, boolean belowOne) {
        return value == null ? required : !(value >= 0 && Double.isFinite(value) && (!belowOne || value < 1));
    }

    /** A key's place in the file, e.g. "baseline.per_target.virtual". */
    static String path(List<JsonMappingException.Reference> references) {
        return references.stream().map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                : "[" + reference.getIndex() + "]").collect(Collectors.joining("."));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
