package nonblocking.run;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import nonblocking.ladder.Arrivals;
import nonblocking.results.Load;
import nonblocking.ladder.Outcome;
import nonblocking.ladder.TargetSpec;
import nonblocking.ladder.LadderConfig;
import nonblocking.targets.TargetRun;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.gatling.javaapi.core.CoreDsl.ByteArrayBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The ladder in Gatling: per target one scenario whose users loop its request (the seed's {@code GET /?pause=<ms>},
 * or a service's URL as given, with its method, headers and body, or a flow of its own) until that target's
 * ladder ends. All of a target's users are injected at once and each sends only while the ladder admits it, so that
 * concurrency follows levels decided while the run goes on. The targets run one after the other, and between two of
 * them one user stops the target that ran and starts the next, so that one target JVM at a time shares the machine.
 * Everything else (targets, timing, recording, results) lives in plain classes of this package.
 *
 * <p>{@code ./mvnw gatling:test [-Dprofile=seed] [-Dlevels=25,50 -Dhold=3] ...}; see {@link LadderConfig}.
 */
public class LadderSimulation extends Simulation {

    private static final String T0 = "t0";
    /** The user's number within its target: the order in which the ladder admits it. */
    private static final String USER = "user";
    private static final String STATUS = "status";
    /** Open model: when the request a sender took is due, and whether it took it before then. */
    private static final String DUE = "due";
    private static final String EARLY = "early";
    /** Any 2xx is an answer: a service's POST may well say 201. */
    private static final List<Integer> OK_STATUSES = java.util.stream.IntStream.rangeClosed(200, 299).boxed().toList();

    private final LadderRun run;
    /** With -Dinjectors=N (and no index): the launcher of N local injectors, which sends no load itself. */
    private final LocalInjectors launcher;

    public LadderSimulation() {
        LadderConfig config = configOrExit();
        if (config.injection().launches()) {
            run = null;
            launcher = LocalInjectors.prepare(config, LadderConfig.systemProperties(), System.out);
            System.out.println(launcher.plan());
            // Gatling needs a population: one user who does nothing. The injectors' own runs are in before().
            setUp(scenario("injectors").exec(session -> session).injectOpen(atOnceUsers(1)));
            return;
        }
        launcher = null;
        run = prepareOrExit(config);
        System.out.println(run.plan());

        // One keep-alive connection per user (Gatling's default without shareConnections), like funkload's threads.
        HttpProtocolBuilder protocol = http
                .disableWarmUp()
                .disableCaching()
                .disableFollowRedirect()
                .disableAutoReferer()
                .userAgentHeader("nonblocking-ladder");

        List<PopulationBuilder> populations = new ArrayList<>();
        try {
            List<TargetRun> targets = run.targets();
            for (int i = 0; i < targets.size(); i++) {
                if (run.startsEachTarget(i)) {
                    populations.add(next(i, targets.get(i)).injectOpen(atOnceUsers(1)).protocols(protocol));
                }
                TargetRun target = targets.get(i);
                // Open model: the senders share one pool of keep-alive connections, so that a request reuses a
                // warm one whichever sender takes it (connection setup is not what a level measures).
                populations.add(scenarioOf(target).injectOpen(injection(target))
                        .protocols(run.config().load() == Load.OPEN ? protocol.shareConnections() : protocol));
            }
        } catch (nonblocking.NonblockingException e) {
            run.close();
            throw exit(e);   // a flow that cannot be found: one line, before any load
        }
        PopulationBuilder chain = populations.getLast();
        for (int i = populations.size() - 2; i >= 0; i--) {
            chain = populations.get(i).andThen(chain);
        }
        setUp(chain).maxDuration(run.maxDuration());
    }

    /**
     * A fixed ladder's users arrive with their level's ramp, so that Gatling's own report shows the staircase; each
     * still waits for its turn (see Ladder#active). Every user a capacity search (or the open model's pool) may need
     * comes at once instead: the search decides its levels while the target runs, and Gatling's injection is fixed up
     * front.
     */
    private static OpenInjectionStep[] injection(TargetRun target) {
        List<TargetRun.Injection> staircase = target.staircase();
        if (staircase.isEmpty()) {
            return new OpenInjectionStep[]{atOnceUsers(target.maxUsers())};
        }
        List<OpenInjectionStep> steps = new ArrayList<>();
        Duration elapsed = Duration.ZERO;
        for (TargetRun.Injection step : staircase) {
            if (step.at().compareTo(elapsed) > 0) {
                steps.add(nothingFor(step.at().minus(elapsed)));
                elapsed = step.at();
            }
            if (step.users() > 0) {
                // Gatling 3.15 never injects a ramp shorter than a second: such a level's users come at once.
                steps.add(step.during().compareTo(Duration.ofSeconds(1)) >= 0
                        ? rampUsers(step.users()).during(step.during()) : atOnceUsers(step.users()));
                elapsed = elapsed.plus(step.during().compareTo(Duration.ofSeconds(1)) >= 0 ? step.during() : Duration.ZERO);
            }
        }
        return steps.toArray(OpenInjectionStep[]::new);
    }

    /**
     * A bad property, an unreachable URL or a target that does not start is one line and exit code 1, before
     * any load (Gatling would otherwise print the stack trace twice). The shutdown hook stops what was started.
     */
    private static LadderRun prepareOrExit(LadderConfig config) {
        try {
            return LadderRun.prepare(config, System.out);
        } catch (nonblocking.NonblockingException e) {
            throw exit(e);
        }
    }

    private static LadderConfig configOrExit() {
        try {
            return LadderConfig.fromSystemProperties();
        } catch (nonblocking.NonblockingException e) {
            throw exit(e);
        }
    }

    /** The launcher's whole run: every target's N injectors, then the merge. One line and exit code 1 on failure. */
    @Override
    public void before() {
        if (launcher != null) {
            try {
                launcher.run();
            } catch (nonblocking.NonblockingException e) {
                launcher.close();
                throw exit(e);
            }
        }
    }

    /** One line and exit code 1; Gatling would otherwise print the stack trace twice. */
    private static RuntimeException exit(nonblocking.NonblockingException e) {
        nonblocking.LastWord.say("nonblocking: ERROR " + e.getMessage());
        System.exit(1);
        return e;
    }

    /**
     * One user before a target's ladder: stops the target before and starts this one (one target JVM at a time),
     * and with N injectors waits for all of them to agree on the common start.
     */
    private ScenarioBuilder next(int index, TargetRun target) {
        return scenario("start " + target.name()).exec(session -> {
            run.next(index);
            return session;
        });
    }

    private ScenarioBuilder scenarioOf(TargetRun target) {
        if (run.config().load() == Load.OPEN) {
            return arrivalsOf(target);
        }
        ChainBuilder request = target.request().flow() == null ? oneRequest(target) : flow(target);
        return scenario(target.name())
                .exec(session -> session.set(USER, target.userStarted(System.nanoTime())))
                .exec(asLongAs(session -> target.sending(System.nanoTime())).on(
                        doIfOrElse(session -> target.active(session.getInt(USER), System.nanoTime()))
                                .then(request)
                                .orElse(pause(session -> target.idle(session.getInt(USER), System.nanoTime())))));
    }

    /**
     * The open model: every user is a sender with its own connection. It takes the next request that is due, waits
     * for its time, and sends it; latency counts from when it was due, so a sender that was busy (the server
     * stalled) does not hide the wait.
     */
    private ScenarioBuilder arrivalsOf(TargetRun target) {
        return scenario(target.name())
                .exec(session -> session.set(USER, target.userStarted(System.nanoTime())))
                .exec(asLongAs(session -> target.sending(System.nanoTime())).on(
                        exec(session -> {
                            long now = System.nanoTime();
                            long due = target.take(now);
                            return session.set(DUE, due).set(EARLY, due > now);
                        })
                        .doIfOrElse(session -> session.getLong(DUE) != Arrivals.NONE)
                        .then(exec(pause(session -> Duration.ofNanos(Math.max(0, session.getLong(DUE) - System.nanoTime()))))
                                .exec(session -> {
                                    long due = session.getLong(DUE);
                                    target.sent(due, System.nanoTime(), session.getBoolean(EARLY));
                                    return session.set(T0, due).remove(STATUS);
                                })
                                .exec(call(target))
                                .exec(session -> recorded(target, session)))
                        .orElse(pause(TargetRun.OPEN_POLL))));
    }

    /** The user's own chain, timed as one transaction: KO when any of its requests failed. */
    private ChainBuilder flow(TargetRun target) {
        Flow flow = Flows.load(target.request().flow());
        ChainBuilder chain = flow.chain(new Flow.Target(target.name(), target.url().toString(), run.config().pauseMs(),
                Duration.ofMillis(target.timeoutMs())));
        return exec(session -> {
                    long t0 = System.nanoTime();
                    target.recorder().started(t0);
                    return session.set(T0, t0);
                })
                .exec(chain)
                .exec(session -> {
                    long t0 = session.getLong(T0);
                    target.recorder().record(t0, System.nanoTime() - t0, session.isFailed() ? Outcome.FLOW : Outcome.OK);
                    return session.markAsSucceeded();
                });
    }

    private ChainBuilder oneRequest(TargetRun target) {
        return exec(session -> {
                    long t0 = System.nanoTime();
                    target.recorder().started(t0);
                    return session.set(T0, t0).remove(STATUS);
                })
                .exec(call(target))
                .exec(session -> recorded(target, session));
    }

    /** The target's request, named by the level its start ({@code T0}) falls in. */
    private static HttpRequestActionBuilder call(TargetRun target) {
        TargetSpec.Request ask = target.request();
        HttpRequestActionBuilder call = http(session -> target.requestName(session.getLong(T0)))
                .httpRequest(ask.method(), target.loadUrl())
                .headers(ask.headers())
                .requestTimeout(Duration.ofMillis(target.timeoutMs()))
                .check(status().saveAs(STATUS), status().in(OK_STATUSES));
        return ask.body() == null ? call : call.body(ByteArrayBody(ask.body()));
    }

    /** Records the request that started at {@code T0}; a KO is counted, not left to fail the user. */
    private static io.gatling.javaapi.core.Session recorded(TargetRun target, io.gatling.javaapi.core.Session session) {
        Integer status = session.contains(STATUS) ? session.getInt(STATUS) : null;
        target.recorder().record(session.getLong(T0), System.nanoTime(), session.isFailed(), status);
        return session.markAsSucceeded();
    }

    @Override
    public void after() {
        if (launcher != null) {
            launcher.close();
            // Done and merged. Gatling would now fail the run for want of a request of its own (the injectors sent
            // them all, each with its own Gatling report), so end here with the run's own exit code.
            System.out.flush();
            System.exit(0);
        }
        try {
            run.finish(getClass().getSimpleName().toLowerCase(Locale.ROOT));
        } catch (nonblocking.NonblockingException e) {
            // Said once, last, with a non-zero exit, after Gatling has written its own report (see LadderRun#atExit).
            run.failed(e.getMessage());
        } finally {
            run.close();
        }
    }
}
