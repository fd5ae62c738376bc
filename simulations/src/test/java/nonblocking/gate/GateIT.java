package nonblocking.gate;

import nonblocking.cli.GateRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The CI gate: {@code ./mvnw -Pgate verify} from the repository root. One JUnit test case per verdict, named after
 * its line, so that CI shows each rule on its own; a FAIL (including an unreadable input) fails the build.
 * Reads the system properties {@code results} (one file, or several comma-separated whose median is judged),
 * {@code gate.rules}, {@code gate.baseline}, {@code gate.allowDifferent}, {@code gate.history} (set by the gate profile;
 * relative paths resolve against the folder Maven runs from) and appends the summary to $GITHUB_STEP_SUMMARY.
 */
class GateIT {

    @TestFactory
    @DisplayName("gate")
    Stream<DynamicTest> gate() {
        Gate.Judgement outcome = GateRun.run(
                paths("results"),
                path("gate.rules"),
                path("gate.baseline"),
                System.getProperty("gate.allowDifferent", ""),
                path("gate.history"),
                GateRun.stepSummaryFromEnvironment(),
                System.out);
        return outcome.verdicts().stream().map(verdict -> dynamicTest(verdict.line(), () -> {
            if (!verdict.pass()) {
                throw new VerdictFailed(verdict);
            }
        }));
    }

    /**
     * A FAIL verdict as a test failure. GateRun has printed its line already, so Maven's summary only points to it
     * (a rules-file typo once, not three times); and a verdict is no fault in the code, so it has no stack trace.
     */
    private static final class VerdictFailed extends AssertionFailedError {
        VerdictFailed(Verdict verdict) {
            super(verdict.metric() + " failed [" + verdict.rule() + "]: its FAIL line is above");
            setStackTrace(new StackTraceElement[0]);
        }
    }

    /** Set by the gate profile (simulations/pom.xml), which is the only way this test runs. */
    private static Path path(String property) {
        return Path.of(Objects.requireNonNull(System.getProperty(property), "system property " + property));
    }

    /** One path, or several separated by commas ({@code -Dresults=a.json,b.json,c.json}: their median is judged). */
    private static List<Path> paths(String property) {
        return Arrays.stream(Objects.requireNonNull(System.getProperty(property), "system property " + property).split(","))
                .map(String::trim).filter(path -> !path.isEmpty()).map(Path::of).toList();
    }
}
