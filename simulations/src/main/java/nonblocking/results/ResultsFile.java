package nonblocking.results;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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

    private ResultsFile() {
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
            return MAPPER.treeToValue(tree, Results.class);
        } catch (NoSuchFileException e) {
            throw new NonblockingException("no results file at " + file + " (run ./mvnw gatling:test first)");
        } catch (JacksonException e) {
            throw new NonblockingException("results file " + file + " is corrupt: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new NonblockingException("cannot read results file " + file + ": " + e, e);
        }
    }

    public static void write(Results results, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writeAtomically(file, MAPPER.writeValueAsBytes(results));
        } catch (IOException e) {
            throw new NonblockingException("cannot write results file " + file + ": " + e, e);
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
