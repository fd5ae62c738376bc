package nonblocking.gate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nonblocking.NonblockingException;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The committed baseline: the results.json of an earlier, accepted run (or the {@link Median} of several), with the
 * {@link Noise} of those runs when there were several, or why it could not be read. Exactly one of {@code results}
 * and {@code problem} is non-null; {@code noise} is null for a baseline of one run.
 * <p>
 * The noise is an extra top-level object, {@code "noise"}, so that the file stays a results.json that every reader
 * reads as one (they ignore fields they do not know).
 */
public record Baseline(Results results, Noise noise, String problem) {

    private static final String NOISE = "noise";

    /** A baseline of one run: no noise figures. */
    public Baseline(Results results, String problem) {
        this(results, null, problem);
    }

    /** Never throws: a missing or corrupt baseline becomes a problem, which fails every baseline rule. */
    public static Baseline read(Path file) {
        if (!Files.exists(file)) {
            return new Baseline(null, "no baseline at " + file + " (create it from a run: ./mvnw -Pbaseline verify)");
        }
        try {
            return new Baseline(ResultsFile.read(file), noise(file), null);
        } catch (NonblockingException e) {
            return new Baseline(null, "baseline: " + e.getMessage());
        }
    }

    /** The file's noise, null when it has none; a one-line {@link NonblockingException} when it cannot be used. */
    private static Noise noise(Path file) {
        try {
            JsonNode node = ResultsFile.MAPPER.readTree(Files.readString(file)).get(NOISE);
            Noise noise = node == null || node.isNull() ? null : ResultsFile.MAPPER.treeToValue(node, Noise.class);
            if (noise != null && !noise.valid()) {
                throw new NonblockingException("the noise of " + file + " is not of two runs or more with spreads of"
                        + " at least 0: make the baseline again (./mvnw -Pbaseline verify -Dresults=a.json,b.json,c.json)");
            }
            return noise;
        } catch (JacksonException e) {
            throw new NonblockingException("the noise of " + file + " is corrupt: "
                    + ResultsFile.firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new NonblockingException("cannot read " + file + ": " + e, e);
        }
    }

    /** Writes the run (or median) as a results.json, with the noise beside it when there is one. */
    public static void write(Results results, Noise noise, Path file) {
        ObjectNode tree = ResultsFile.tree(results);
        if (noise != null) {
            tree.set(NOISE, ResultsFile.MAPPER.valueToTree(noise));
        }
        ResultsFile.write(tree, file, "the baseline");
    }
}
