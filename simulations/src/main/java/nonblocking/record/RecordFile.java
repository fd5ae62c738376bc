package nonblocking.record;

import com.fasterxml.jackson.core.JacksonException;
import nonblocking.NonblockingException;
import nonblocking.results.ResultsFile;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads a run's raw record: {@value #LEVELS} (counters, windows, census readings) and {@value #HISTOGRAMS},
 * an HdrHistogram log ({@link HistogramLogWriter}) with two intervals per target and level, tagged
 * {@code <target>/<users>/ok} and {@code <target>/<users>/all}, each stamped with the hold's wall-clock window.
 * HdrHistogram's own {@link HistogramLogReader} reads it back losslessly. Every failure is one line.
 */
public final class RecordFile {

    public static final String LEVELS = "levels.json";
    public static final String HISTOGRAMS = "latency.hlog";
    static final String OK = "ok";
    static final String ALL = "all";
    /** Open model only: the injector's lag behind the schedule. */
    static final String LAG = "lag";

    private RecordFile() {
    }

    /**
     * The tag of the level at {@code index} of the target's levels, in the order they ran: a level that ran again (a
     * capacity search checks a break twice) is {@code <users>.2}, so that no two intervals share a tag.
     */
    static String tag(String target, List<LevelRecord> levels, int index, String which) {
        int users = levels.get(index).users();
        long before = levels.subList(0, index).stream().filter(level -> level.users() == users).count();
        return target + "/" + users + (before == 0 ? "" : "." + (before + 1)) + "/" + which;
    }

    /** Writes both files into {@code dir} (each atomically), the log first: levels.json names it. */
    public static void write(RunRecord record, Path dir) {
        try {
            Files.createDirectories(dir);
            ResultsFile.writeAtomically(dir.resolve(record.histograms()), histogramLog(record));
            ResultsFile.writeAtomically(dir.resolve(LEVELS), ResultsFile.MAPPER.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new NonblockingException("cannot write the raw record into " + dir + ": " + e, e);
        }
    }

    private static byte[] histogramLog(RunRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(out);
            log.outputComment("nonblocking run " + record.runId() + ": latency in microseconds, request start to"
                    + " end; per target and level one interval of OK responses and one of all requests (a KO at its"
                    + " time to failure), tagged <target>/<level>/ok|all, and in the open model one of the injector's"
                    + " lag behind the schedule, <target>/<level>/lag; each stamped with the hold's window");
            log.outputLogFormatVersion();
            log.setBaseTime(0);   // absolute timestamps: the holds' wall-clock windows
            log.outputBaseTime(0);
            log.outputLegend();
            record.targets().forEach((name, target) -> {
                List<LevelRecord> levels = target.levels();
                for (int i = 0; i < levels.size(); i++) {
                    LevelRecord level = levels.get(i);
                    log.outputIntervalHistogram(stamped(level.okLatency(), level, tag(name, levels, i, OK)));
                    log.outputIntervalHistogram(stamped(level.allLatency(), level, tag(name, levels, i, ALL)));
                    if (level.lag().getTotalCount() > 0) {
                        log.outputIntervalHistogram(stamped(level.lag(), level, tag(name, levels, i, LAG)));
                    }
                }
            });
        }
        return bytes.toByteArray();
    }

    private static Histogram stamped(Histogram latency, LevelRecord level, String tag) {
        Histogram h = latency.copy();
        h.setTag(tag);
        h.setStartTimeStamp(level.holdStartMs());
        h.setEndTimeStamp(level.holdEndMs());
        return h;
    }

    /** Reads levels.json from {@code dir} and the histograms of the log it names; refuses a level without both. */
    public static RunRecord read(Path dir) {
        Path file = dir.resolve(LEVELS);
        RunRecord record;
        try {
            record = ResultsFile.MAPPER.readValue(Files.readString(file), RunRecord.class);
        } catch (NoSuchFileException e) {
            throw new NonblockingException("no raw record at " + file);
        } catch (JacksonException e) {
            throw new NonblockingException("raw record " + file + " is corrupt: " + ResultsFile.firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new NonblockingException("cannot read raw record " + file + ": " + e, e);
        }
        if (record == null || record.schema() != RunRecord.SCHEMA) {
            throw new NonblockingException("raw record " + file + " has schema " + (record == null ? "none" : record.schema())
                    + ", this build reads schema " + RunRecord.SCHEMA);
        }
        Map<String, Histogram> histograms = histograms(dir.resolve(record.histograms()));
        Map<String, TargetRecord> targets = new LinkedHashMap<>();
        record.targets().forEach((name, target) -> {
            List<LevelRecord> levels = target.levels();
            targets.put(name, target.withLevels(java.util.stream.IntStream.range(0, levels.size()).mapToObj(i -> {
                Histogram ok = histograms.get(tag(name, levels, i, OK));
                Histogram all = histograms.get(tag(name, levels, i, ALL));
                if (ok == null || all == null) {
                    throw new NonblockingException("the histogram log " + record.histograms() + " has no "
                            + tag(name, levels, i, ok == null ? OK : ALL) + " for " + file);
                }
                return levels.get(i).withLatencies(ok, all, histograms.get(tag(name, levels, i, LAG)));
            }).toList()));
        });
        return new RunRecord(record.schema(), record.runId(), record.histograms(), targets, record.injectors(),
                record.injector());
    }

    /** Every tagged interval of an HdrHistogram log, by tag. */
    public static Map<String, Histogram> histograms(Path log) {
        Map<String, Histogram> byTag = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (next instanceof Histogram h && h.getTag() != null) {
                    byTag.put(h.getTag(), h);
                }
            }
        } catch (FileNotFoundException e) {
            throw new NonblockingException("no histogram log at " + log);
        } catch (RuntimeException e) {
            throw new NonblockingException("histogram log " + log + " is corrupt: " + e.getMessage(), e);
        }
        return byTag;
    }
}
