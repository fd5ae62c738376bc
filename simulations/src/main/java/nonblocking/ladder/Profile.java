package nonblocking.ladder;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import nonblocking.results.ResultsFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named set of the ladder's defaults, as {@code profiles.yaml} (a resource beside this class's package) lists
 * them; the file explains each field. The experiment's data, kept out of the code that reads it.
 */
public record Profile(String name, List<Integer> levels, double holdS, double rampS, double warmupS, long pauseMs,
                      long workMicros, long timeoutMs, Double sloP99Ms, int blockingThreads) {

    static final String RESOURCE = "/nonblocking/profiles.yaml";

    /** Strict: every field required, no unknown key, so that a typo in the file cannot change an experiment. */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The profiles by name, in the file's order. */
    public static final Map<String, Profile> ALL = load();

    @JsonCreator
    static Profile of(@JsonProperty("levels") List<Integer> levels, @JsonProperty("hold_s") double holdS,
                      @JsonProperty("ramp_s") double rampS, @JsonProperty("warmup_s") double warmupS,
                      @JsonProperty("pause_ms") long pauseMs, @JsonProperty("work_micros") long workMicros,
                      @JsonProperty("timeout_ms") long timeoutMs, @JsonProperty("slo_p99_ms") Double sloP99Ms,
                      @JsonProperty("blocking_threads") int blockingThreads) {
        return new Profile(null, List.copyOf(levels), holdS, rampS, warmupS, pauseMs, workMicros, timeoutMs, sloP99Ms,
                blockingThreads);
    }

    private Profile named(String name) {
        return new Profile(name, levels, holdS, rampS, warmupS, pauseMs, workMicros, timeoutMs, sloP99Ms, blockingThreads);
    }

    private static Map<String, Profile> load() {
        try (InputStream in = Profile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the classpath");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads profiles in the file's form; an invalid one is an {@link IllegalArgumentException} in one line. */
    static Map<String, Profile> read(InputStream in) throws IOException {
        try {
            Map<String, Profile> read = YAML.readValue(in, new TypeReference<LinkedHashMap<String, Profile>>() { });
            Map<String, Profile> named = new LinkedHashMap<>();
            read.forEach((name, profile) -> named.put(name, profile.named(name)));
            return java.util.Collections.unmodifiableMap(named);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("profiles are invalid: " + ResultsFile.firstLine(e.getOriginalMessage()), e);
        }
    }
}
