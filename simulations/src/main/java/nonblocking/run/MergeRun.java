package nonblocking.run;

import nonblocking.NonblockingException;
import nonblocking.injectors.Parts;
import nonblocking.record.LevelArithmetic;
import nonblocking.record.Merge;
import nonblocking.record.RecordFile;
import nonblocking.record.RunRecord;
import nonblocking.record.TargetRecord;
import nonblocking.results.Gap;
import nonblocking.results.Provenance;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The merge step: reads every injector's part under a run folder ({@link Parts}), merges them exactly
 * ({@link Merge}), and writes into that folder what a run on one machine writes: the raw record, results.json, the
 * table, the headline and the report. Nothing is written unless every part is there and matches.
 */
public final class MergeRun {

    private MergeRun() {
    }

    /**
     * {@code configs}: per target name, what a local launcher knows better than its injectors of the target (that it
     * started it, and how); the config as read for none.
     */
    public static Results merge(Path runFolder, String gapOf, String gapOver,
                                BiFunction<String, TargetResult.Settings, TargetResult.Settings> configs,
                                PrintStream out) {
        List<List<Parts.Part>> groups = Parts.read(runFolder);
        Parts.Part first = groups.getFirst().getFirst();
        Results zero = first.results();
        Map<String, TargetRecord> records = new LinkedHashMap<>();
        Map<String, TargetResult> targets = new LinkedHashMap<>();
        double skew = 0;
        for (List<Parts.Part> group : groups) {
            Merge.Merged merged = Merge.merge(group.stream().map(Parts.Part::record).toList());
            skew = Math.max(skew, merged.maxSkewMs());
            merged.record().targets().forEach((name, record) -> {
                TargetRecord known = record.withSettings(configs.apply(name, record.settings()));
                if (records.put(name, known) != null) {
                    throw new NonblockingException("target " + name + " has parts in two folders under " + runFolder);
                }
                targets.put(name, LevelArithmetic.target(known, zero.experiment().slo()));
            });
            merged.startSkewMs().forEach((name, ms) -> out.printf(Locale.ROOT, "[%s] %d injectors merged; their starts"
                    + " were %.1f ms apart at most%n", name, group.size(), ms));
        }
        List<Provenance> parts = groups.stream().flatMap(List::stream).map(part -> part.results().provenance()).toList();
        String startedAt = parts.stream().map(Provenance::startedAt).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(null);
        String finishedAt = parts.stream().map(Provenance::finishedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        // The run is its folder: a Job's parts carry its id, a local run's parts each their target's.
        String runId = runFolder.toAbsolutePath().normalize().getFileName().toString();
        RunRecord run = new RunRecord(RunRecord.SCHEMA, runId, RecordFile.HISTOGRAMS, records,
                first.record().injectors(), null);
        Results r = new Results(Results.SCHEMA, runId, zero.experiment(),
                new Provenance(startedAt, finishedAt, zero.provenance().machine(), zero.provenance().source(), null), targets,
                Gap.of(targets, gapOf, gapOver), new Results.Records(RecordFile.HISTOGRAMS, RecordFile.LEVELS, null, null,
                LevelArithmetic.round(skew, 3)));
        RecordFile.write(run, runFolder);
        RunOutput.publish(r, runFolder, out);
        return r;
    }
}
