package nonblocking.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gatling's own report folder of this run. Gatling names it {@code <simulation id>-<UTC yyyyMMddHHmmssSSS>} when
 * the run starts and does not tell the simulation; at the end of the run, the newest such folder not older than
 * the run is ours. The run records it in results.json, so nothing guesses it again later.
 */
final class GatlingRunDir {

    private GatlingRunDir() {
    }

    static Optional<Path> find(Path resultsDir, String simulationId, Instant notBefore) {
        if (!Files.isDirectory(resultsDir)) {
            return Optional.empty();
        }
        String floor = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(notBefore.minusSeconds(120));
        Pattern name = Pattern.compile(Pattern.quote(simulationId) + "-(\\d{17})");
        try (Stream<Path> dirs = Files.list(resultsDir)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> {
                        var m = name.matcher(d.getFileName().toString());
                        return m.matches() && m.group(1).compareTo(floor) >= 0;
                    })
                    .max(Comparator.comparing(d -> d.getFileName().toString()))
                    .map(p -> p.toAbsolutePath().normalize());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
