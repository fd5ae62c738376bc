package nonblocking.history;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import nonblocking.NonblockingException;
import nonblocking.results.Capacity;
import nonblocking.results.LevelResult;
import nonblocking.results.Provenance;
import nonblocking.results.Load;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.TargetResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gate's memory across builds: one JSON line per judged run (JSON Lines), oldest first. CI keeps the file
 * between builds; the trend page and chart are drawn from it. Judging the same run again replaces its line.
 */
public final class History {

    public static final String NAME = "history.jsonl";

    /** The results' JSON settings, one entry a line. */
    private static final ObjectMapper MAPPER = ResultsFile.MAPPER.copy().disable(SerializationFeature.INDENT_OUTPUT);

    private History() {
    }

    /** One judged run; commit: null outside a git checkout; load: users or requests/s, never mixed in a trend. */
    public record Entry(String runId, String commit, String branch, String finishedAt, String profile, boolean passed,
                        Map<String, Target> targets, Load load) {

        public Entry {
            load = load == null ? Load.CLOSED : load;
        }

        public static Entry of(Results run, boolean passed) {
            Map<String, Target> targets = new LinkedHashMap<>();
            run.targets().forEach((name, target) -> targets.put(name, Target.of(target)));
            Provenance.Source source = run.provenance().source();
            return new Entry(run.runId(), source == null ? null : source.commit(), source == null ? null : source.branch(),
                    run.provenance().finishedAt(), run.experiment().profile(), passed, targets, run.load());
        }

        public String label() {
            return commit != null && commit.length() >= 7 ? commit.substring(0, 7) : runId;
        }
    }

    /**
     * One target of a judged run: its capacity written flat (held, broke); p99 of all responses (OK and KO) by users,
     * as the SLO judges it; the lowest efficiency over its sustained levels, or null when none held.
     */
    public record Target(@JsonUnwrapped Capacity capacity, Map<Integer, Double> p99Ms, Double efficiencyMin) {

        static Target of(TargetResult target) {
            Map<Integer, Double> p99 = new TreeMap<>();
            target.levels().forEach(level -> p99.put(level.users(), level.latency().p99AllMs()));
            Double efficiency = target.sustainedLevels().stream().map(LevelResult::efficiency).min(Double::compare).orElse(null);
            return new Target(target.capacity(), p99, efficiency);
        }
    }

    /** Every entry, oldest first; none when there is no file yet. A line that is not an entry is a one-line error. */
    public static List<Entry> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new NonblockingException("cannot read history " + file + ": " + e, e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                if (!lines.get(i).isBlank()) {
                    entries.add(MAPPER.readValue(lines.get(i), Entry.class));
                }
            } catch (JacksonException e) {
                throw new NonblockingException("history " + file + " line " + (i + 1) + " is corrupt: "
                        + ResultsFile.firstLine(e.getOriginalMessage()), e);
            }
        }
        return entries;
    }

    /** Adds the entry (replacing an earlier one of the same run) and rewrites the file atomically; returns them all. */
    public static List<Entry> record(Path file, Entry entry) {
        List<Entry> entries = new ArrayList<>(read(file).stream().filter(e -> !e.runId().equals(entry.runId())).toList());
        entries.add(entry);
        StringBuilder text = new StringBuilder();
        try {
            for (Entry e : entries) {
                text.append(MAPPER.writeValueAsString(e)).append('\n');
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            ResultsFile.writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new NonblockingException("cannot write history " + file + ": " + e, e);
        }
        return entries;
    }
}
