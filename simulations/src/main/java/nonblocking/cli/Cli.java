package nonblocking.cli;

import nonblocking.NonblockingException;
import nonblocking.gate.Baseline;
import nonblocking.gate.Gate;
import nonblocking.gate.Median;
import nonblocking.gate.Noise;
import nonblocking.gate.RulesFile;
import nonblocking.gate.Verdict;
import nonblocking.report.Report;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code nonblocking report|gate|baseline|merge}: rebuild a run's report, judge a run, refresh the baseline, merge the
 * parts of N injectors into one run.
 * Maven runs them as {@code ./mvnw -Preport verify}, {@code ./mvnw -Pgate verify} (through GateIT) and
 * {@code ./mvnw -Pbaseline verify}. Exit codes: 0 done or pass, 1 fail, 2 usage.
 */
@Command(name = "nonblocking", mixinStandardHelpOptions = true,
        description = "Report and gate of the nonblocking ladder.",
        subcommands = {Cli.ReportCommand.class, Cli.GateCommand.class, Cli.BaselineCommand.class, Cli.MergeCommand.class})
public final class Cli {

    static final String LATEST = "simulations/target/nonblocking/latest/results.json";
    static final String RULES = "simulations/gate/rules.yaml";
    static final String BASELINE = "simulations/gate/baseline.json";
    static final String HISTORY = "simulations/target/nonblocking/history.jsonl";

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine(System.out, System.err).execute(args));
    }

    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new Cli());
        commandLine.getSubcommands().values().forEach(sub -> ((Streams) sub.getCommand()).use(out, err));
        return commandLine;
    }

    /** Where a command prints; tests pass their own streams. */
    abstract static class Streams {
        PrintStream out = System.out;
        PrintStream err = System.err;

        void use(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }
    }

    @Command(name = "report", description = "Rebuild report.html, summary.md and the charts next to a results.json (and in latest/ when it holds the same run).")
    static final class ReportCommand extends Streams implements Callable<Integer> {
        @Parameters(arity = "0..1", defaultValue = LATEST, description = "results.json of the run (default: ${DEFAULT-VALUE})")
        Path results;

        @Override
        public Integer call() {
            try {
                Report.writeEverywhere(ResultsFile.read(results), results, null);
                out.println("report written: " + results.toAbsolutePath().getParent().resolve(Report.HTML));
                return 0;
            } catch (NonblockingException | UncheckedIOException e) {
                err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "merge", description = "Merge the parts of N injectors (injector-<i>/ folders) under a run folder into"
            + " that run's results.json, raw record and report, exactly; nothing is written unless every part is there.")
    static final class MergeCommand extends Streams implements Callable<Integer> {
        @Parameters(arity = "1", description = "the run folder that holds the parts")
        Path runFolder;

        @Option(names = "--gap-of", defaultValue = nonblocking.ladder.LadderConfig.DEFAULT_GAP_OF, description = "the headline's numerator target (default: ${DEFAULT-VALUE})")
        String gapOf;

        @Option(names = "--gap-over", defaultValue = nonblocking.ladder.LadderConfig.DEFAULT_GAP_OVER, description = "its denominator (default: ${DEFAULT-VALUE})")
        String gapOver;

        @Override
        public Integer call() {
            try {
                nonblocking.run.MergeRun.merge(runFolder, gapOf, gapOver, (name, config) -> config, out);
                return 0;
            } catch (NonblockingException | UncheckedIOException e) {
                err.println("nonblocking: merge: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "gate", description = "Judge a run against the rules and the baseline; exit 1 when a rule fails.")
    static final class GateCommand extends Streams implements Callable<Integer> {
        @Option(names = "--results", defaultValue = LATEST, split = ",",
                description = "results.json to judge, or an odd number of them (comma-separated) whose median is judged"
                        + " (default: ${DEFAULT-VALUE})")
        List<Path> results;

        @Option(names = "--rules", defaultValue = RULES, description = "default: ${DEFAULT-VALUE}")
        Path rules;

        @Option(names = "--baseline", defaultValue = BASELINE, description = "default: ${DEFAULT-VALUE}")
        Path baseline;

        @Option(names = "--allow-different", defaultValue = "",
                description = "settings the run may differ in from the baseline, comma-separated (hold_s,slo,...)")
        String allowDifferent;

        @Option(names = "--history", defaultValue = HISTORY,
                description = "history file the verdict is added to; the trend is drawn beside it (default: ${DEFAULT-VALUE})")
        Path history;

        @Option(names = "--step-summary", description = "markdown file to append the summary to (default: $GITHUB_STEP_SUMMARY)")
        Path stepSummary;

        @Override
        public Integer call() {
            Path summary = stepSummary != null ? stepSummary : GateRun.stepSummaryFromEnvironment();
            return GateRun.run(results, rules, baseline, allowDifferent, history, summary, out).passed() ? 0 : 1;
        }
    }

    @Command(name = "baseline", description = "Make a run, or the median of several runs with their noise, the"
            + " baseline the gate compares against.")
    static final class BaselineCommand extends Streams implements Callable<Integer> {
        @Option(names = "--from", defaultValue = LATEST, split = ",",
                description = "results.json of the run, or of 3 or 5 runs of one experiment (comma-separated): their"
                        + " median becomes the baseline, with how far they spread (default: ${DEFAULT-VALUE})")
        List<Path> from;

        @Option(names = "--to", defaultValue = BASELINE, description = "default: ${DEFAULT-VALUE}")
        Path to;

        @Option(names = "--rules", defaultValue = RULES, description = "default: ${DEFAULT-VALUE}")
        Path rules;

        @Option(names = "--force", arity = "0..1", description = "accept a run that fails the gate's own rules")
        boolean force;

        /** Where the command runs: a baseline inside this folder's git checkout is to be committed. */
        Path workingDir = Path.of("");

        @Override
        public Integer call() {
            try {
                List<Results> runs = from.stream().map(ResultsFile::read).toList();
                Results run = Median.of(runs);
                Noise noise = runs.size() > 1 ? Noise.of(runs) : null;
                List<Verdict> verdicts = Gate.ownRules(run, RulesFile.read(rules), Baseline.read(to).results());
                verdicts.forEach(verdict -> out.println(verdict.line()));
                if (!force && !verdicts.stream().allMatch(Verdict::pass)) {
                    err.println("not refreshing the baseline: run " + run.runId() + " fails the gate's own rules"
                            + " (a crippled or broken run?); add -Dgate.force=true (--force) to take it anyway");
                    return 1;
                }
                Baseline.write(run, noise, to);
                String made = noise == null ? "run " + run.runId() + " (" + run.experiment().profile() + "), without"
                        + " noise figures (one run)" : run.runId() + " (" + run.experiment().profile() + "), with the"
                        + " noise of its " + noise.runs() + " runs";
                out.println("baseline " + to.toAbsolutePath().normalize() + " is now " + made
                        + (Checkout.holds(workingDir, to) ? ": commit it" : ""));
                return 0;
            } catch (NonblockingException e) {
                err.println(e.getMessage());
                return 1;
            }
        }
    }
}
