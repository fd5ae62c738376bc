package nonblocking.results;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code results.json}; every failure is a {@link ResultsException} with a one-line message. */
public final class ResultsFile {

    public static final String NAME = "results.json";

    /** snake_case on disk, camelCase in Java; unknown fields are tolerated so that newer writers stay readable. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ResultsFile() {
    }

    public static Results read(Path file) {
        Results results;
        try {
            results = MAPPER.readValue(Files.readString(file), Results.class);
        } catch (NoSuchFileException e) {
            throw new ResultsException("no results file at " + file + " (run ./mvnw gatling:test first)");
        } catch (JacksonException e) {
            throw new ResultsException("results file " + file + " is corrupt: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ResultsException("cannot read results file " + file + ": " + e, e);
        }
        if (results == null) {
            throw new ResultsException("results file " + file + " is empty");
        }
        if (results.schema() != Results.SCHEMA) {
            throw new ResultsException("results file " + file + " has schema " + results.schema()
                    + ", this build reads schema " + Results.SCHEMA);
        }
        return results;
    }

    /** Writes atomically (temp file, then move), so a crash never leaves half a file behind. */
    public static void write(Results results, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            writeAtomically(file, MAPPER.writeValueAsBytes(results));
        } catch (IOException e) {
            throw new ResultsException("cannot write results file " + file + ": " + e, e);
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
