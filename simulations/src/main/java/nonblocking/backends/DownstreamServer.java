package nonblocking.backends;

import nonblocking.NonblockingException;
import nonblocking.ladder.TargetSpec;
import nonblocking.server.Census;
import nonblocking.server.ThreadModel;
import nonblocking.server.wait.Figures;
import nonblocking.server.wait.WaitSpec;
import nonblocking.results.LevelResult;
import nonblocking.targets.Backend;
import nonblocking.targets.ManagedTarget;
import nonblocking.targets.TargetClient;
import nonblocking.targets.TargetCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The http wait's downstream server when none is given: our own app in the async model (it holds no thread per
 * request, so it is not the limit) with the plain pause, in a JVM of its own, started before the first target and
 * stopped after the last. Its census tells its CPU and its connections, so that a downstream server at its limit is
 * seen, and leaked connections too.
 */
final class DownstreamServer implements Backend {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(1500);

    private final ManagedTarget process;
    private final TargetClient client;
    private final Duration startup;

    private DownstreamServer(ManagedTarget process, TargetClient client, Duration startup) {
        this.process = process;
        this.client = client;
        this.startup = startup;
    }

    static DownstreamServer start(String heap, String classpath, int port, int censusPort, Path log, Duration timeout) {
        TargetSpec spec = new TargetSpec("downstream", ThreadModel.ASYNC, null, null, null, null);
        List<String> command = TargetCommand.managed(spec, heap, 0, WaitSpec.SLEEP, classpath, port, censusPort);
        long started = System.nanoTime();
        ManagedTarget process = ManagedTarget.start("downstream", command, log);
        try {
            process.awaitReady(timeout);
        } catch (NonblockingException e) {
            process.close();
            throw e;
        }
        return new DownstreamServer(process, new TargetClient(process.url(), process.censusUrl()),
                Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public String what() {
        return "the downstream server";
    }

    @Override
    public String url() {
        return process.url().toString();
    }

    @Override
    public Figures reading() {
        return client.census(false, false, READ_TIMEOUT).map(DownstreamServer::figures).orElse(Figures.NONE);
    }

    /** Its CPU, and how long it took to answer the calls it ended (so that a slow answer is seen as its own). */
    private static Figures figures(Census census) {
        Map<String, Long> counters = new HashMap<>(Map.of(LevelResult.Backend.HANDLER_NS, census.handlerNs(),
                LevelResult.Backend.ENDED, census.served() + census.failed() + census.abandoned()));
        if (census.cpuTimeNs() != null) {
            counters.put(LevelResult.Backend.CPU_NS, census.cpuTimeNs());
        }
        return new Figures(counters,
                Map.of("connections", (long) census.connections(), "in_flight", (long) census.inFlight()));
    }

    @Override
    public Optional<Duration> startup() {
        return Optional.of(startup);
    }

    @Override
    public Optional<String> gone() {
        return process.exited().map(code -> "its JVM exited with code " + code + ", log " + process.log());
    }

    @Override
    public void close() {
        client.close();
        process.close();
    }
}
