package nonblocking.gate;

import nonblocking.results.Results;
import nonblocking.NonblockingException;
import nonblocking.results.ResultsFile;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed baseline: the results.json of an earlier, accepted run, or why it could not be read.
 * Exactly one of {@code results} and {@code problem} is non-null.
 */
public record Baseline(Results results, String problem) {

    /** Never throws: a missing or corrupt baseline becomes a problem, which fails every baseline rule. */
    public static Baseline read(Path file) {
        if (!Files.exists(file)) {
            return new Baseline(null, "no baseline at " + file + " (create it from a run: ./mvnw -Pbaseline verify)");
        }
        try {
            return new Baseline(ResultsFile.read(file), null);
        } catch (NonblockingException e) {
            return new Baseline(null, "baseline: " + e.getMessage());
        }
    }
}
