package nonblocking.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The layout of run folders: {@code <output>/<run id>/} per run, and {@code <output>/latest/}, a copy of the newest.
 * Whatever rewrites a run's files (the report after a gate, say) rewrites both, so that they never disagree.
 */
public final class RunFolders {

    public static final String LATEST = "latest";

    private RunFolders() {
    }

    /** A folder for a new run under {@code output}: {@code runId}, or {@code runId-2}, {@code -3}... if taken. */
    public static Path create(Path output, String runId) throws IOException {
        Path dir = output.resolve(runId);
        for (int i = 2; Files.exists(dir); i++) {
            dir = output.resolve(runId + "-" + i);
        }
        return Files.createDirectories(dir);
    }

    /**
     * Every folder that holds this run: the folder of {@code resultsFile}, and its twin (the run's own folder for
     * {@code latest/}, {@code latest/} for the run's own folder) when that holds the same run.
     */
    public static List<Path> holding(Path resultsFile, Results results) {
        Path dir = resultsFile.toAbsolutePath().normalize().getParent();
        List<Path> dirs = new ArrayList<>(List.of(dir));
        Path output = dir.getParent();
        if (output != null && results.runId() != null) {
            Path twin = dir.getFileName().toString().equals(LATEST) ? output.resolve(results.runId()) : output.resolve(LATEST);
            if (!twin.equals(dir) && sameRun(twin.resolve(ResultsFile.NAME), results)) {
                dirs.add(twin);
            }
        }
        return dirs;
    }

    private static boolean sameRun(Path file, Results results) {
        try {
            return Files.isRegularFile(file) && results.runId().equals(ResultsFile.read(file).runId());
        } catch (RuntimeException e) {
            return false;   // an unreadable twin is not this run's
        }
    }

    /** Replaces {@code latest/} whole with a copy of {@code runDir}, through a temporary folder and a move. */
    public static Path refreshLatest(Path runDir) throws IOException {
        Path output = runDir.getParent();
        Path latest = output.resolve(LATEST);
        Path tmp = output.resolve(LATEST + ".tmp-" + runDir.getFileName());
        deleteTree(tmp);
        copyTree(runDir, tmp);
        deleteTree(latest);
        Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE);
        return latest;
    }

    /** Deletes a folder that holds nothing; a folder with anything in it, or none, is left as it is. */
    public static void deleteIfEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (IOException e) {
            // gone already, or not ours to clean
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
