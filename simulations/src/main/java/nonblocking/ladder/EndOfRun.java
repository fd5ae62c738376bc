package nonblocking.ladder;

import nonblocking.results.Results;

import java.nio.file.Path;

/**
 * The end-of-run hook: called once per run, right after {@code results.json} is written to the run folder and
 * before that folder is copied to {@code latest/} (so whatever this writes lands in both).
 */
public final class EndOfRun {

    private EndOfRun() {
    }

    /**
     * @param results          what was just written to {@code runDir/results.json}
     * @param runDir           {@code simulations/target/nonblocking/<run-id>/}
     * @param gatlingReportDir Gatling's own folder for this run (its index.html appears once Gatling finishes),
     *                         or null when it could not be found
     */
    public static void afterResultsWritten(Results results, Path runDir, Path gatlingReportDir) {
        // The comparison report and charts go here: Report.write(results, runDir, gatlingReportDir);
    }
}
