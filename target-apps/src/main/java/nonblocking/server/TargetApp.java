package nonblocking.server;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Command line of a target server:
 * {@code java -jar target-apps/target/target-apps.jar --model virtual --port 8082}.
 *
 * <p>Every flag can also come from an environment variable (for containers); a flag on the command line wins.
 * Exit codes: 0 after a normal stop, 1 if the server cannot start (e.g. port in use), 2 for bad flags.
 */
@Command(name = "target-apps", mixinStandardHelpOptions = true, version = "nonblocking target-apps",
        sortOptions = false,
        description = {
            "Serves the seed request (GET / -> \"Hello\", pause, \"World\", chunked) on Jetty 12,",
            "either on a blocking thread pool or on virtual threads.",
            "Also: GET /health, GET /threads[?gc=true] (JSON census), POST /threads/reset;",
            "with --census-port, these three also on a port and thread pool of their own."},
        footer = {"", "Each option also reads an environment variable (shown in brackets); a flag wins over it."})
public final class TargetApp implements Callable<Integer> {

    /** Option -> environment variable. Part of the container contract (see docker-compose.yml). */
    public static final Map<String, String> ENVIRONMENT = envMap();

    private static Map<String, String> envMap() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("--model", "MODEL");
        env.put("--host", "HOST");
        env.put("--port", "PORT");
        env.put("--census-port", "CENSUS_PORT");
        env.put("--threads", "THREADS");
        env.put("--max-virtual-threads", "MAX_VIRTUAL_THREADS");
        env.put("--pause", "PAUSE_MS");
        env.put("--idle-timeout", "IDLE_TIMEOUT_MS");
        env.put("--stop-timeout", "STOP_TIMEOUT_MS");
        env.put("--header-cache-size", "HEADER_CACHE_SIZE");
        env.put("--exit-with-parent", "EXIT_WITH_PARENT");
        return Map.copyOf(env);
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "blocking|virtual", converter = ModelConverter.class,
            defaultValue = "blocking",
            description = "Who runs request handlers: a blocking thread pool or virtual threads [MODEL]. "
                    + "Default: ${DEFAULT-VALUE}.")
    ThreadModel model;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to listen on [HOST]. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "8080",
            description = "Port to listen on, 0 for any free port [PORT]. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--census-port", paramLabel = "port",
            description = "Also serve /threads, /threads/reset and /health (nothing else) on this port, 0 for any "
                    + "free port, on a pool of its own: " + (ServerThreads.CENSUS_ACCEPTORS
                    + ServerThreads.CENSUS_SELECTORS + ServerThreads.CENSUS_WORKERS) + " platform threads, the same "
                    + "in both models and counted in the census like any other. A saturated blocking pool then "
                    + "cannot hold up the census [CENSUS_PORT]. Default: none (census on --port only).")
    Integer censusPort;

    @Option(names = "--threads", defaultValue = "" + TargetConfig.DEFAULT_THREADS,
            description = "blocking: threads serving requests; acceptor and selector threads come on top "
                    + "[THREADS]. Default: ${DEFAULT-VALUE} (Jetty's default pool size).")
    int threads;

    @Option(names = "--max-virtual-threads", paramLabel = "N|unbounded", converter = CapConverter.class,
            defaultValue = "unbounded",
            description = "virtual: requests handled at once; a low value cripples the server on purpose "
                    + "[MAX_VIRTUAL_THREADS]. Default: ${DEFAULT-VALUE}.")
    int maxVirtualThreads;

    @Option(names = "--pause", paramLabel = "ms", defaultValue = "" + TargetConfig.DEFAULT_PAUSE_MS,
            description = "Default pause between Hello and World, 0.." + TargetConfig.MAX_PAUSE_MS
                    + "; a request may override it with ?pause=<ms> [PAUSE_MS]. Default: ${DEFAULT-VALUE}.")
    long pauseMs;

    @Option(names = "--idle-timeout", paramLabel = "ms", defaultValue = "" + TargetConfig.DEFAULT_IDLE_TIMEOUT_MS,
            description = "Connection idle timeout [IDLE_TIMEOUT_MS]. Default: ${DEFAULT-VALUE}.")
    long idleTimeoutMs;

    @Option(names = "--stop-timeout", paramLabel = "ms", defaultValue = "" + TargetConfig.DEFAULT_STOP_TIMEOUT_MS,
            description = "On SIGTERM, wait this long for requests in flight [STOP_TIMEOUT_MS]. "
                    + "Default: ${DEFAULT-VALUE}.")
    long stopTimeoutMs;

    @Option(names = "--header-cache-size", paramLabel = "chars",
            defaultValue = "" + TargetConfig.DEFAULT_HEADER_CACHE_SIZE,
            description = "Jetty's per-connection request-header cache; Jetty's default 1024 holds ~45 KB of heap "
                    + "per connection, 0 turns it off [HEADER_CACHE_SIZE]. Default: ${DEFAULT-VALUE}.")
    int headerCacheSize;

    @Option(names = "--exit-with-parent", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            description = "Stop when the launching process exits [EXIT_WITH_PARENT=true].")
    boolean exitWithParent;

    private PrintWriter out;
    private PrintWriter err;

    /** The configuration the flags describe; throws ParameterException (exit 2) for out-of-range values. */
    TargetConfig config() {
        try {
            return new TargetConfig(model, host, port, threads, maxVirtualThreads, pauseMs, idleTimeoutMs,
                    stopTimeoutMs, headerCacheSize, censusPort);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        TargetConfig config = config();
        TargetServer server = new TargetServer(config);
        try {
            server.start();
        } catch (Exception e) {
            err.println("nonblocking target: " + startFailure(e));
            err.flush();
            stopQuietly(server);
            return 1;
        }
        server.stopAtShutdown();
        if (exitWithParent) {
            ParentWatch.watch(() -> {
                err.println("nonblocking target: parent process exited, stopping");
                err.flush();
                stopQuietly(server);
            });
        }
        out.println(server.readyLine());
        out.flush();
        server.join();
        return 0;
    }

    /** One line, no stack trace: what a person or the ladder needs to act on. */
    private static String startFailure(Exception e) {
        // TargetServer.start binds every port itself and throws CannotListen, with the port in its message.
        return e instanceof TargetServer.CannotListen ? e.getMessage() : "cannot start: " + e;
    }

    private static void stopQuietly(TargetServer server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Already failing or stopping; nothing useful to add.
        }
    }

    /** The picocli command, wired to the given streams and environment. */
    static CommandLine command(TargetApp app, PrintWriter out, PrintWriter err, Map<String, String> env) {
        app.out = out;
        app.err = err;
        CommandLine cmd = new CommandLine(app);
        cmd.setDefaultValueProvider(new EnvironmentDefaults(env));
        cmd.setOut(out);
        cmd.setErr(err);
        return cmd;
    }

    /**
     * Parses flags and environment without starting anything (used by tests and the compose-file check).
     *
     * @throws ParameterException for bad flags
     */
    public static TargetConfig parse(Map<String, String> env, String... args) {
        TargetApp app = new TargetApp();
        PrintWriter sink = new PrintWriter(PrintWriter.nullWriter());
        command(app, sink, sink, env).parseArgs(args);
        return app.config();
    }

    /** Like main, but returns the exit code instead of exiting: blocks while the server runs. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        int code = command(new TargetApp(), out, err, env).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        // Jetty logs through slf4j, which has no binding here (no-op); this also hides slf4j's own
        // "no providers" warning, so stderr carries only our one-line errors.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv());
        System.exit(code);
    }

    /** Reads an option's environment variable when the flag is absent. */
    record EnvironmentDefaults(Map<String, String> env) implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec arg) {
            if (arg instanceof OptionSpec option) {
                String variable = ENVIRONMENT.get(option.longestName());
                String value = variable == null ? null : env.get(variable);
                if (value != null && !value.isBlank()) {
                    return value.trim();
                }
            }
            return null;
        }
    }

    static final class ModelConverter implements CommandLine.ITypeConverter<ThreadModel> {
        @Override
        public ThreadModel convert(String value) {
            try {
                return ThreadModel.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A positive number, or "unbounded". */
    static final class CapConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if ("unbounded".equalsIgnoreCase(value.trim())) {
                return TargetConfig.UNBOUNDED;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number or 'unbounded'");
            }
        }
    }
}
