package nonblocking.injectors;

import nonblocking.NonblockingException;
import nonblocking.record.RecordFile;
import nonblocking.record.RunRecord;
import nonblocking.results.Differences;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.TargetResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The parts of a run of N injectors under its folder: every {@code injector-<i>/} folder (one level down for the
 * Job's pods, {@code injectors/<target>/injector-<i>/} for a local run, which runs each target's injectors in
 * turn), grouped by the folder that holds them. Read whole or refused: a part folder without its record is an
 * injector that did not finish, and parts run with other settings cannot be merged.
 */
public final class Parts {

    /** A part folder's name: {@code injector-<index>}. */
    public static final String PREFIX = "injector-";

    /** One injector's part: its raw record and its results.json (for the settings it ran with). */
    public record Part(Path dir, RunRecord record, Results results) {
    }

    private Parts() {
    }

    /** Every group of parts under {@code runFolder}, in the order they ran, each in index order; all or none. */
    public static List<List<Part>> read(Path runFolder) {
        if (!Files.isDirectory(runFolder)) {
            throw new NonblockingException("no run folder at " + runFolder);
        }
        Map<Path, List<Path>> groups = new LinkedHashMap<>();
        try (Stream<Path> found = Files.find(runFolder, 3, (path, attributes) -> attributes.isDirectory()
                && path.getFileName().toString().matches(PREFIX + "\\d+"))) {
            found.sorted().forEach(dir -> groups.computeIfAbsent(dir.getParent(), p -> new ArrayList<>()).add(dir));
        } catch (IOException e) {
            throw new NonblockingException("cannot list the parts under " + runFolder + ": " + e.getMessage(), e);
        }
        if (groups.isEmpty()) {
            throw new NonblockingException("no injector parts (" + PREFIX + "<i>/) under " + runFolder);
        }
        List<Path> incomplete = groups.values().stream().flatMap(List::stream).filter(dir ->
                !Files.isRegularFile(dir.resolve(RecordFile.LEVELS)) || !Files.isRegularFile(dir.resolve(ResultsFile.NAME))).toList();
        if (!incomplete.isEmpty()) {
            throw new NonblockingException((incomplete.size() == 1 ? "part " : "parts ") + incomplete.stream()
                    .map(dir -> runFolder.relativize(dir).toString()).toList() + " under " + runFolder + " incomplete (no "
                    + RecordFile.LEVELS + " or " + ResultsFile.NAME + "): an injector did not finish, so nothing was merged");
        }
        List<List<Part>> parts = new ArrayList<>(groups.values().stream()
                .map(dirs -> dirs.stream().map(Parts::part).toList()).toList());
        check(parts);
        // In the order the targets ran: a local run's groups are one target's each.
        parts.sort(java.util.Comparator.comparing(group -> String.valueOf(group.getFirst().results().provenance().startedAt())));
        return parts;
    }

    private static Part part(Path dir) {
        RunRecord record = RecordFile.read(dir);
        if (record.injector() == null || !dir.getFileName().toString().equals(PREFIX + record.injector())) {
            throw new NonblockingException("part " + dir + " holds " + (record.injector() == null ? "a whole run"
                    : "injector " + record.injector() + "'s record"));
        }
        return new Part(dir, record, ResultsFile.read(dir.resolve(ResultsFile.NAME)));
    }

    /** Every part ran the same plan and settings as the first one; each group is a full set of N. */
    private static void check(List<List<Part>> groups) {
        Part first = groups.getFirst().getFirst();
        int count = first.record().injectors();
        for (List<Part> group : groups) {
            List<Integer> indexes = group.stream().map(part -> part.record().injector()).sorted().toList();
            List<Integer> all = java.util.stream.IntStream.range(0, count).boxed().toList();
            if (!indexes.equals(all)) {
                List<Integer> missing = all.stream().filter(i -> !indexes.contains(i)).toList();
                throw new NonblockingException(group.getFirst().dir().getParent() + " has the parts of injectors " + indexes
                        + " of " + count + (missing.isEmpty() ? "" : ": missing " + missing.stream()
                        .map(i -> PREFIX + i).toList()) + "; nothing was merged");
            }
            Part peer = group.getFirst();
            for (Part part : group) {
                String what = part.dir() + " against " + first.dir();
                if (part.record().injectors() != count || !part.record().runId().equals(peer.record().runId())) {
                    throw new NonblockingException(part.dir() + " against " + peer.dir() + ": another run ("
                            + part.record().runId() + ", " + part.record().injectors() + " injectors)");
                }
                List<Differences.Difference> differences = Differences.between("", part.results().experiment(),
                        first.results().experiment());
                if (!differences.isEmpty()) {
                    throw new NonblockingException(what + ": " + Differences.text(differences, "vs")
                            + "; parts of other experiments cannot be merged");
                }
                part.results().targets().forEach((name, target) -> {
                    TargetResult other = peer.results().targets().get(name);
                    if (other == null || !Objects.equals(request(target), request(other))) {
                        throw new NonblockingException(what + ": target " + name + " was driven otherwise"
                                + " (URL, request or SLO); parts of other settings cannot be merged");
                    }
                });
            }
        }
    }

    private static List<Object> request(TargetResult target) {
        return target.config() == null ? List.of() : java.util.Arrays.asList(target.config().url(),
                target.config().request(), target.config().slo());
    }
}
