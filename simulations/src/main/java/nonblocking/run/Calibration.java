package nonblocking.run;

import nonblocking.NonblockingException;
import nonblocking.results.Ceiling;
import nonblocking.results.LevelResult;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.TargetResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The injector's ceiling on this machine: measured by a calibration run ({@code -Dprofile=calibrate}: the async
 * target at a short pause, at rising rates of the open model), kept in {@value #NAME} beside the runs, and read by
 * every later run on a machine of as many cores, which states it.
 */
final class Calibration {

    static final String NAME = "calibration.json";

    private Calibration() {
    }

    /** The ceiling a calibration run measured: its one target's highest rate that held, and its CPU there. */
    static Ceiling of(Results calibration) {
        TargetResult target = calibration.targets().values().stream().findFirst()
                .orElseThrow(() -> new NonblockingException("the calibration ran no target"));
        LevelResult top = target.sustainedLevels().isEmpty() ? null : target.sustainedLevels().getLast();
        if (top == null) {
            throw new NonblockingException("the calibration held no level: no ceiling measured (see its report)");
        }
        Double cores = top.harness() == null ? null : top.harness().injectorCpuCores();
        Double cpuUs = cores == null || top.throughputRps() <= 0 ? null
                : Math.round(cores * 1e6 / top.throughputRps() * 10) / 10.0;
        return new Ceiling(top.users(), cpuUs, calibration.provenance().machine().cores(),
                calibration.provenance().finishedAt(), calibration.runId());
    }

    static Path write(Ceiling ceiling, Path output) {
        Path file = output.resolve(NAME);
        try {
            Files.createDirectories(output);
            ResultsFile.writeAtomically(file, ResultsFile.MAPPER.writeValueAsBytes(ceiling));
            return file;
        } catch (IOException e) {
            throw new NonblockingException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The ceiling measured on a machine of {@code cores} cores, if any; an unreadable file is none (it is said). */
    static Optional<Ceiling> read(Path output, int cores, java.util.function.Consumer<String> note) {
        Path file = output.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Ceiling ceiling = ResultsFile.MAPPER.readValue(file.toFile(), Ceiling.class);
            return ceiling.cores() == cores ? Optional.of(ceiling) : Optional.empty();
        } catch (IOException e) {
            note.accept("nonblocking: " + file + " is unreadable (" + ResultsFile.firstLine(e.getMessage())
                    + "): this run states no injector ceiling; run -Dprofile=calibrate again");
            return Optional.empty();
        }
    }
}
