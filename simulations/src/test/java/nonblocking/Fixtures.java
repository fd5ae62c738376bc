package nonblocking;

import nonblocking.gate.Baseline;
import nonblocking.gate.Rules;
import nonblocking.gate.RulesFile;
import nonblocking.results.Experiment;
import nonblocking.results.Gap;
import nonblocking.results.LevelPlan;
import nonblocking.results.Load;
import nonblocking.results.Provenance;
import nonblocking.results.LevelResult;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.Slo;
import nonblocking.results.TargetResult;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The results files under src/test/resources/fixtures/, and small edits of them for boundary cases. */
public final class Fixtures {

    /** Both targets sustain their expected levels: blocking 200, virtual 3200 (the top), gap 16. */
    public static final String GOOD = "good.json";
    /** A slightly better earlier run: what the tests use as the baseline. */
    public static final String BASELINE = "baseline.json";
    /** Virtual capped at 300 virtual threads: it tops out at 200 like blocking, gap 1. */
    public static final String CRIPPLED_VIRTUAL = "crippled-virtual.json";
    /** Blocking regressed: efficiency 0.85 at 100 users, so it sustains 50 instead of 200; virtual as good. */
    public static final String REGRESSION = "regression.json";
    /** Servers the ladder did not start: no census, so every census field is null; seed profile, 5 levels. */
    public static final String FOREIGN = "foreign.json";
    /** The good run as schema 1 wrote it: two fixed targets and a bare gap number. */
    public static final String SCHEMA_1 = "schema1.json";
    /** Truncated JSON. */
    public static final String CORRUPT = "corrupt.json";

    /** The committed rules (tests run in the simulations folder), for the four targets of the default run. */
    public static final Path COMMITTED_RULES = Path.of("gate/rules.yaml");
    /** The committed rules with their target lists cut to the fixtures' two targets. */
    public static final Path RULES_FILE = path("rules.yaml");

    private Fixtures() {
    }

    public static Rules rules() {
        return RulesFile.read(RULES_FILE);
    }

    public static Baseline baseline() {
        return new Baseline(read(BASELINE), null);
    }

    public static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no fixture " + name, e);
        }
    }

    public static Results read(String name) {
        return ResultsFile.read(path(name));
    }

    /** The results with one level of one target replaced (sustainable users as recorded: see {@link #recounted}). */
    public static Results withLevel(Results results, String target, int users, UnaryOperator<LevelResult> edit) {
        TargetResult old = results.targets().get(target);
        TargetResult edited = targetResult(old.config(), old.jdk(), old.idle(),
                old.levels().stream().map(level -> level.users() == users ? edit.apply(level) : level).toList(),
                old.sustainableUsers(), old.skipped(), old.runOrder(), old.startedAt(), old.stoppedAt());
        Map<String, TargetResult> targets = new LinkedHashMap<>(results.targets());
        targets.put(target, edited);
        return withTargets(results, targets);
    }

    /** The results with sustainable users and the gap worked out again from the levels, as the ladder would. */
    public static Results recounted(Results results) {
        Map<String, TargetResult> targets = new LinkedHashMap<>();
        results.targets().forEach((name, t) -> targets.put(name, targetResult(t.config(), t.jdk(), t.idle(), t.levels(),
                results.sloOf(t).capacity(t.levels()).held(), t.skipped(), t.runOrder(), t.startedAt(), t.stoppedAt())));
        return withTargets(results, targets);
    }

    /** The results without one level of one target, as if its ladder had not had it (not skipped: absent). */
    public static Results withoutLevel(Results results, String target, int users) {
        TargetResult old = results.targets().get(target);
        TargetResult edited = targetResult(old.config(), old.jdk(), old.idle(),
                old.levels().stream().filter(level -> level.users() != users).toList(), old.sustainableUsers(),
                old.skipped(), null, old.startedAt(), old.stoppedAt());
        Map<String, TargetResult> targets = new LinkedHashMap<>(results.targets());
        targets.put(target, edited);
        return withTargets(results, targets);
    }

    /** The results as if the early stop had skipped a target's levels from {@code users} up. */
    public static Results stoppedEarly(Results results, String target, int users) {
        TargetResult old = results.targets().get(target);
        TargetResult stopped = targetResult(old.config(), old.jdk(), old.idle(),
                old.levels().stream().filter(level -> level.users() < users).toList(), old.sustainableUsers(),
                old.levels().stream().map(LevelResult::users).filter(u -> u >= users).toList(), null, old.startedAt(),
                old.stoppedAt());
        Map<String, TargetResult> targets = new LinkedHashMap<>(results.targets());
        targets.put(target, stopped);
        return withTargets(results, targets);
    }

    public static Results withoutTarget(Results results, String target) {
        Map<String, TargetResult> targets = new LinkedHashMap<>(results.targets());
        targets.remove(target);
        return withTargets(results, targets);
    }

    /** A target of a fixed ladder that ran every level. */
    public static TargetResult targetResult(TargetResult.Settings config, String jdk, TargetResult.Memory idle,
                                            List<LevelResult> levels, int sustainableUsers) {
        return targetResult(config, jdk, idle, levels, sustainableUsers, List.of(), null, null, null);
    }

    /** A target without a warm-up, a crash or a backend. */
    public static TargetResult targetResult(TargetResult.Settings config, String jdk, TargetResult.Memory idle,
                                            List<LevelResult> levels, int sustainableUsers, List<Integer> skipped,
                                            List<Integer> runOrder, String startedAt, String stoppedAt) {
        return new TargetResult(config, jdk, idle, levels, sustainableUsers, skipped, runOrder, startedAt, stoppedAt,
                null, null, null);
    }

    /** A level without a breakdown or a backend (a foreign server; files written before they were recorded). */
    public static LevelResult levelResult(int users, long requests, long ok, long ko, Map<String, Long> koReasons,
                                          double throughputRps, double efficiency, LevelResult.Latency latency,
                                          LevelResult.Footprint footprint, LevelResult.Cost cost,
                                          LevelResult.Harness harness) {
        return new LevelResult(users, requests, ok, ko, koReasons, throughputRps, efficiency, latency, footprint, cost,
                harness, null, null);
    }

    /** The same run with other targets, and its gap worked out again from them. */
    public static Results retargeted(Results results, Map<String, TargetResult> targets) {
        Gap gap = results.gap();
        return new Results(results.schema(), results.runId(), results.experiment(), results.provenance(), targets,
                gap == null ? null : Gap.of(targets, gap.of(), gap.over()), results.records());
    }

    private static Results withTargets(Results results, Map<String, TargetResult> targets) {
        return new Results(results.schema(), results.runId(), results.experiment(), results.provenance(), targets,
                Gap.of(targets, "virtual", "blocking"), results.records());
    }

    /**
     * A target's raw record as the old seven fields gave it: a target of ours that asked for {@code pauseMs} (0: a URL
     * requested as given), with nothing skipped.
     */
    public static nonblocking.record.TargetRecord targetRecord(long pauseMs, TargetResult.Memory idle, String startedAt,
            String stoppedAt, List<nonblocking.record.LevelRecord> levels, nonblocking.record.TargetRecord.Clock clock,
            Load load) {
        TargetResult.Settings settings = new TargetResult.Settings("http://127.0.0.1:9/", null, pauseMs > 0, null, null,
                null, List.of(), new TargetResult.Request("GET", pauseMs > 0, List.of(), 0, 5000, null, pauseMs), null);
        return new nonblocking.record.TargetRecord(settings, null, idle, startedAt, stoppedAt, levels, List.of(), clock, load,
                null);
    }

    /** The default experiment at this pause: a fixed ladder of the levels given, the SLO of that pause. */
    public static Experiment experiment(long pauseMs, List<Integer> levels) {
        return new Experiment("custom", Load.CLOSED, LevelPlan.fixed(levels, true), 6, 2, 2, 15, new Experiment.Wait("sleep", pauseMs, Map.of()),
                0, 5000, 0, Slo.forPause(pauseMs), 1);
    }

    /** A run of these targets (their levels make the plan) at a 1 s pause, on a 2-core machine. */
    public static Results results(Map<String, TargetResult> targets, Gap gap) {
        List<Integer> levels = targets.values().stream().flatMap(t -> java.util.stream.Stream.concat(
                t.levels().stream().map(LevelResult::users), t.skipped().stream())).distinct().sorted().toList();
        return new Results(Results.SCHEMA, "r", experiment(1000, levels.isEmpty() ? List.of(1) : levels),
                new Provenance("a", "b", new Provenance.Machine(2, "25", "Linux", 20000), null, null), targets, gap, null);
    }

    /** The same run as if its levels had been rates (the open model), without the early stop. */
    public static Results open(Results results) {
        return withExperiment(results, e -> new Experiment(e.profile(), Load.OPEN, LevelPlan.fixed(results.levelUsers(), false),
                e.holdS(), e.rampS(), e.warmupS(), e.warmupMaxS(), e.waitOn(), e.workMicros(), e.timeoutMs(), e.stallMs(), e.slo(),
                e.injectors()));
    }

    /** The results with another experiment (the targets and the rest as they were). */
    public static Results withExperiment(Results results, UnaryOperator<Experiment> edit) {
        return new Results(results.schema(), results.runId(), edit.apply(results.experiment()), results.provenance(),
                results.targets(), results.gap(), results.records());
    }

    /** An experiment with other run-wide settings; null keeps the one it has. */
    public static Experiment experiment(Experiment e, Double holdS, Slo slo, LevelPlan plan, Long pauseMs) {
        return new Experiment(e.profile(), e.load(), plan != null ? plan : e.plan(), holdS != null ? holdS : e.holdS(),
                e.rampS(), e.warmupS(), e.warmupMaxS(), pauseMs != null ? new Experiment.Wait(e.waitOn().kind(), pauseMs,
                e.waitOn().settings()) : e.waitOn(), e.workMicros(), e.timeoutMs(), e.stallMs(),
                slo != null ? slo : e.slo(), e.injectors());
    }

    public static LevelResult withEfficiency(LevelResult level, double efficiency) {
        return levelResult(level.users(), level.requests(), level.ok(), level.ko(), level.koReasons(),
                level.throughputRps(), efficiency, level.latency(), level.footprint(), level.cost(), level.harness());
    }

    public static Results withPause(Results results, long pauseMs) {
        return withExperiment(results, e -> experiment(e, null, null, null, pauseMs));
    }

    /** A level's latency: the one place tests build one, so that a new latency figure touches one test file. */
    public static LevelResult.Latency latency(double p50Ms, double p90Ms, double p99Ms, double p99AllMs, double maxMs) {
        return new LevelResult.Latency(p50Ms, p90Ms, p99Ms, p99AllMs, maxMs);
    }

    /** The level with another p99 of all responses (OK and KO), the latency the baseline's p99 rule compares. */
    public static LevelResult withP99All(LevelResult level, double p99AllMs) {
        return levelResult(level.users(), level.requests(), level.ok(), level.ko(), level.koReasons(),
                level.throughputRps(), level.efficiency(), latency(level.latency().p50Ms(),
                level.latency().p90Ms(), level.latency().p99Ms(), p99AllMs, level.latency().maxMs()), level.footprint(),
                level.cost(), level.harness());
    }

    public static LevelResult withP50(LevelResult level, double p50Ms) {
        return levelResult(level.users(), level.requests(), level.ok(), level.ko(), level.koReasons(),
                level.throughputRps(), level.efficiency(), latency(p50Ms, level.latency().p90Ms(),
                level.latency().p99Ms(), level.latency().p99AllMs(), level.latency().maxMs()), level.footprint(),
                level.cost(), level.harness());
    }

    /** The level with another throughput, and the efficiency that goes with it (throughput / (users / 1 s pause)). */
    public static LevelResult withThroughput(LevelResult level, double throughputRps) {
        return levelResult(level.users(), level.requests(), level.ok(), level.ko(), level.koReasons(),
                throughputRps, level.efficiency() * throughputRps / level.throughputRps(), level.latency(),
                level.footprint(), level.cost(), level.harness());
    }

    /** The level as if every request had timed out after {@code timeoutMs}: no OK response, no throughput, no p50. */
    public static LevelResult withoutOk(LevelResult level, double timeoutMs) {
        return levelResult(level.users(), level.requests(), 0, level.requests(), Map.of("timeout", level.requests()),
                0, 0, latency(0, 0, 0, timeoutMs, timeoutMs), level.footprint(), level.cost(), level.harness());
    }

    /** The results with other run-wide settings: hold, SLO, machine (cores) and plan; null keeps the recorded one. */
    public static Results withSettings(Results results, Double holdS, Slo slo, Integer cores, LevelPlan plan) {
        Provenance p = results.provenance();
        Provenance.Machine machine = p.machine();
        return new Results(results.schema(), results.runId(), experiment(results.experiment(), holdS, slo, plan, null),
                new Provenance(p.startedAt(), p.finishedAt(), cores != null
                        ? new Provenance.Machine(cores, machine.jdk(), machine.os(), machine.maxOpenFiles()) : machine,
                        p.source(), null), results.targets(), results.gap(), results.records());
    }

    /** The results with one target's config edited (its heap, pool, SLO...). */
    public static Results withConfig(Results results, String target, UnaryOperator<TargetResult.Settings> edit) {
        TargetResult old = results.targets().get(target);
        TargetResult edited = targetResult(edit.apply(old.config()), old.jdk(), old.idle(), old.levels(),
                old.sustainableUsers(), old.skipped(), old.runOrder(), old.startedAt(), old.stoppedAt());
        Map<String, TargetResult> targets = new LinkedHashMap<>(results.targets());
        targets.put(target, edited);
        return withTargets(results, targets);
    }

    /** A target config with other JVM options (heap). */
    public static TargetResult.Settings withJvmArgs(TargetResult.Settings config, String... jvmArgs) {
        return new TargetResult.Settings(config.url(), config.census(), config.managed(), config.model(), config.threads(),
                config.maxVirtualThreads(), List.of(jvmArgs), config.request(), config.slo());
    }

    /** A target config as if it had asked for the seed request at a pause of its own, or for its URL as given. */
    public static TargetResult.Settings withPause(TargetResult.Settings config, boolean seed, long pauseMs) {
        TargetResult.Request r = config.request();
        return new TargetResult.Settings(config.url(), config.census(), config.managed(), config.model(), config.threads(),
                config.maxVirtualThreads(), config.jvmArgs(), new TargetResult.Request(r.method(), seed, r.headers(),
                r.bodyBytes(), r.timeoutMs(), r.flow(), pauseMs), config.slo());
    }

    /** A target config with an SLO of its own. */
    public static TargetResult.Settings withSlo(TargetResult.Settings config, Slo slo) {
        return new TargetResult.Settings(config.url(), config.census(), config.managed(), config.model(), config.threads(),
                config.maxVirtualThreads(), config.jvmArgs(), config.request(), slo);
    }

    /** The fixed ladder of the default profile with the early stop: the plan the fixtures' runs would record. */
    public static LevelPlan defaultPlan() {
        return LevelPlan.fixed(List.of(25, 50, 100, 200, 400, 800, 1600, 3200), true);
    }
}
