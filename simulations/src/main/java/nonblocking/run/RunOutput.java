package nonblocking.run;

import nonblocking.NonblockingException;
import nonblocking.report.Format;
import nonblocking.report.Report;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.RunFolders;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The end of every whole run, one injector's or a merge of N: results.json, the console table and headline, the
 * report, and {@code latest/}, so that the gate and the report read a merged run exactly as any other.
 */
final class RunOutput {

    private RunOutput() {
    }

    /**
     * Writes and prints it all; a report that cannot be written fails after the rest is done.
     *
     * @return the word to print after Gatling's own summary: which numbers are the measurement
     */
    static String publish(Results r, Path runDir, PrintStream out) {
        Path file = runDir.resolve(ResultsFile.NAME);
        ResultsFile.write(r, file);
        out.println();
        out.print(Format.table(r));
        out.println(Format.consoleHeadline(r));
        RuntimeException reportFailure = null;
        try {
            Report.write(r, runDir, null);
        } catch (UncheckedIOException e) {
            reportFailure = e;
        }
        Path latest = runDir.resolveSibling(RunFolders.LATEST);
        try {
            latest = RunFolders.refreshLatest(runDir);
        } catch (IOException | UncheckedIOException e) {
            out.println("nonblocking: cannot refresh " + latest + ": " + e.getMessage());
        }
        out.println("results: " + file);
        out.println("report:  " + latest.resolve(Report.HTML));
        if (r.records() != null && r.records().gatlingReport() != null) {
            out.println("gatling: " + runDir.resolve(r.records().gatlingReport()).normalize() + " (written when Gatling finishes)");
        }
        if (reportFailure != null) {
            throw new NonblockingException("the comparison report could not be written: " + reportFailure.getMessage(),
                    reportFailure);
        }
        return Format.afterGatling(r);
    }
}
