package nonblocking.results;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nonblocking.NonblockingException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code results.json}; every failure is a {@link NonblockingException} with a one-line message. */
public final class ResultsFile {

    public static final String NAME = "results.json";

    /**
     * The JSON of the run's files (results.json, and the raw record's levels.json): snake_case on disk, camelCase in
     * Java; unknown fields are tolerated so that newer writers stay readable.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * An open run's results: its levels are rates, and its file says so ({@code rate_rps}, {@code sustainable_rate_rps}
     * where a closed run has {@code users}, {@code sustainable_users}); the Java names stay those of the closed model.
     */
    private static final ObjectMapper OPEN = MAPPER.copy().setPropertyNamingStrategy(new RatesStrategy());

    /** Snake case, with a level's users named as the rate it is in the open model. */
    private static final class RatesStrategy extends PropertyNamingStrategies.SnakeCaseStrategy {
        private static final java.util.Map<String, String> RATES = java.util.Map.of("users", "rate_rps",
                "sustainable_users", "sustainable_rate_rps");

        @Override
        public String translate(String name) {
            String snake = super.translate(name);
            return RATES.getOrDefault(snake, snake);
        }
    }

    private ResultsFile() {
    }

    /** The mapper of a run's results: its load model decides what its levels are called. */
    private static ObjectMapper mapper(Load load) {
        return load == Load.OPEN ? OPEN : MAPPER;
    }

    public static Results read(Path file) {
        try {
            JsonNode tree = MAPPER.readTree(Files.readString(file));
            if (tree == null || tree.isMissingNode() || tree.isEmpty()) {
                throw new NonblockingException("results file " + file + " is empty");
            }
            int schema = tree.path("schema").asInt(-1);
            if (schema != Results.SCHEMA) {
                throw new NonblockingException("results file " + file + " has schema " + (schema < 0 ? "none" : schema)
                        + ", this build reads schema " + Results.SCHEMA + (schema > 0 && schema < Results.SCHEMA
                        ? " (the experiment as one object): run the ladder again with this build, or refresh the"
                        + " baseline from such a run" : ""));
            }
            return mapper(Load.of(tree.path("experiment").path("load").asText(null))).treeToValue(tree, Results.class);
        } catch (NoSuchFileException e) {
            throw new NonblockingException("no results file at " + file + " (run ./mvnw gatling:test first)");
        } catch (JacksonException e) {
            throw new NonblockingException("results file " + file + " is corrupt: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new NonblockingException("cannot read results file " + file + ": " + e, e);
        }
    }

    public static void write(Results results, Path file) {
        write(tree(results), file, "results file");
    }

    /** The results as the file holds them, named for their load (an open run's levels are rates), to add to. */
    public static ObjectNode tree(Results results) {
        return mapper(results.load()).valueToTree(results);
    }

    /** Writes a tree made by {@link #tree} (and perhaps added to), atomically; {@code what} names it in the error. */
    public static void write(ObjectNode tree, Path file, String what) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writeAtomically(file, MAPPER.writeValueAsBytes(tree));
        } catch (IOException e) {
            throw new NonblockingException("cannot write " + what + " " + file + ": " + e, e);
        }
    }

    /**
     * Temp file in the same folder, then move: a reader (or a crash) never sees half a file. Not
     * Files.createTempFile: its 0600 mode would stick to the committed baseline, the report and CI artifacts.
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The first line of a parser's message, so that errors about a file stay one line. */
    public static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }
}
