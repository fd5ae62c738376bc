package nonblocking.run;

import nonblocking.NonblockingException;
import nonblocking.results.Ceiling;
import nonblocking.results.LevelResult;
import nonblocking.results.Load;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.TargetResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The injector's ceiling on this machine, per load model: measured by a calibration run ({@code -Dprofile=calibrate}:
 * the async target at a short pause, at rising rates of the open model; {@code -Dprofile=calibrate-closed}: at
 * rising numbers of users), kept in {@code calibration-<load>.json} beside the runs, and read by every later run of
 * that model on a machine of as many cores, which states it. A model's ceiling says nothing of the other's: Gatling
 * spent 38.8 µs of CPU per request in the open model here, 27.0 µs in the closed one.
 */
final class Calibration {

    private Calibration() {
    }

    /** Where the ceiling of one load model is kept. */
    static Path file(Path output, Load load) {
        return output.resolve("calibration-" + load.label() + ".json");
    }

    /**
     * The ceiling a calibration run measured: its one target's highest level that held, as requests/s (the rate
     * offered, in the open model; the throughput, in the closed one, whose level is users), and its CPU there.
     */
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
        int rps = calibration.load() == Load.OPEN ? top.users() : (int) top.throughputRps();
        return new Ceiling(rps, cpuUs, calibration.provenance().machine().cores(),
                calibration.provenance().finishedAt(), calibration.runId());
    }

    static Path write(Ceiling ceiling, Path output, Load load) {
        Path file = file(output, load);
        try {
            Files.createDirectories(output);
            ResultsFile.writeAtomically(file, ResultsFile.MAPPER.writeValueAsBytes(ceiling));
            return file;
        } catch (IOException e) {
            throw new NonblockingException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The ceiling of this load model measured on a machine of {@code cores} cores, if any; an unreadable file is none
     * (it is said).
     */
    static Optional<Ceiling> read(Path output, int cores, Load load, java.util.function.Consumer<String> note) {
        Path file = file(output, load);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Ceiling ceiling = ResultsFile.MAPPER.readValue(file.toFile(), Ceiling.class);
            return ceiling.cores() == cores ? Optional.of(ceiling) : Optional.empty();
        } catch (IOException e) {
            note.accept("nonblocking: " + file + " is unreadable (" + ResultsFile.firstLine(e.getMessage())
                    + "): this run states no injector ceiling; run -Dprofile=" + Ceiling.profile(load) + " again");
            return Optional.empty();
        }
    }
}
