package nonblocking.report;

import nonblocking.results.Results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Links from a run's folder to Gatling's own HTML report(s) of that run, relative so that they work from
 * {@code target/nonblocking/<run-id>/} and from {@code latest/} (same depth) and in a downloaded artifact.
 */
final class GatlingReports {

    /** Gatling writes its report only after the simulation ends, so well after the run's finished_at. */
    static final Duration SLACK_BEFORE = Duration.ofMinutes(1);
    static final Duration SLACK_AFTER = Duration.ofMinutes(15);

    private GatlingReports() {
    }

    /**
     * The given folder's index.html; without one (a rebuild, or a caller that ran before Gatling wrote its report),
     * every {@code <run folder>/../../gatling/<dir>/index.html} last written between the run's start and 15 minutes
     * after its end.
     */
    static List<String> links(Path runDir, Path gatlingReportDir, Results results) {
        Path from = runDir.toAbsolutePath().normalize();
        List<Path> folders = gatlingReportDir != null
                ? List.of(gatlingReportDir)
                : discover(from.getParent() == null || from.getParent().getParent() == null
                        ? null : from.getParent().getParent().resolve("gatling"), results);
        return folders.stream()
                .map(folder -> from.relativize(folder.toAbsolutePath().normalize().resolve("index.html")))
                .map(path -> path.toString().replace('\\', '/'))
                .toList();
    }

    static List<Path> discover(Path gatlingRoot, Results results) {
        Instant start;
        Instant end;
        try {
            start = Instant.parse(results.startedAt()).minus(SLACK_BEFORE);
            end = Instant.parse(results.finishedAt()).plus(SLACK_AFTER);
        } catch (DateTimeParseException | NullPointerException e) {
            return List.of();
        }
        if (gatlingRoot == null || !Files.isDirectory(gatlingRoot)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(gatlingRoot)) {
            return folders
                    .filter(folder -> written(folder.resolve("index.html"), start, end))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean written(Path index, Instant start, Instant end) {
        try {
            Instant modified = Files.getLastModifiedTime(index).toInstant();
            return !modified.isBefore(start) && !modified.isAfter(end);
        } catch (IOException e) {
            return false;
        }
    }
}
