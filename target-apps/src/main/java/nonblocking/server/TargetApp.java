package nonblocking.server;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nonblocking.server.wait.WaitKind;
import nonblocking.server.wait.WaitSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Command line of a target server: {@code java -jar target-apps/target/target-apps.jar --model virtual --port 8082}.
 * Every flag can also come from an environment variable (for containers; picocli does it, each default value reads
 * {@code ${env:VARIABLE:-default}}); a flag on the command line wins. Exit codes: 0 after a normal stop, 1 if the
 * server cannot start (e.g. port in use), 2 for bad flags.
 */
@Command(name = "target-apps", mixinStandardHelpOptions = true, version = "nonblocking target-apps",
        sortOptions = false,
        description = {
            "Serves the seed request (GET / -> \"Hello\", a wait, \"World\", chunked) on Jetty 12,",
            "on a blocking thread pool, on virtual threads, on virtual threads inside a blocking pool,",
            "or with async callbacks; the wait is a pause, a downstream HTTP call or a database query.",
            "Also GET /health. With --census-port, on a port and thread pool of their own (loopback",
            "unless --census-host says otherwise): GET /threads[?gc=true][&costs=true] (the census, JSON),",
            "POST /threads/reset[?costs=true], POST /threads/stall?ms=<n> and GET /health."},
        footer = {"", "Each option also reads the environment variable in brackets; a flag wins over it.",
            "The defaults shown are the effective ones: a variable that is set replaces the built-in default."})
public final class TargetApp implements Callable<Integer> {

    /**
     * Option -> environment variable, e.g. {@code --pause -> PAUSE_MS}, read from the options' own default values (so
     * it cannot drift from what picocli reads): part of the container contract (see docker-compose.yml).
     */
    public static final Map<String, String> ENVIRONMENT = environmentVariables();

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "blocking|hybrid|virtual|async", defaultValue = "${env:MODEL:-blocking}",
            description = "Who runs request handlers: a blocking thread pool, the pool with each wait on a virtual "
                    + "thread (the seed's middle step), virtual threads, or async callbacks [MODEL]. "
                    + "Default: ${DEFAULT-VALUE}.")
    ThreadModel model;

    @Option(names = "--host", defaultValue = "${env:HOST:-127.0.0.1}",
            description = "Interface to listen on [HOST]. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "${env:PORT:-8080}",
            description = "Port to listen on, 0 for any free port [PORT]. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--census-port", paramLabel = "port", defaultValue = "${env:CENSUS_PORT}",
            description = "Serve the census and its controls (/threads, /threads/reset, /threads/stall) and /health on "
                    + "this port, 0 for any free port, on a pool of its own: " + ServerThreads.CENSUS_THREADS
                    + " platform threads, the same in every model and counted in the census like any other. A "
                    + "saturated blocking pool then cannot hold up the census [CENSUS_PORT]. Default: none (no census).")
    Integer censusPort;

    @Option(names = "--census-host", defaultValue = "${env:CENSUS_HOST:-" + TargetConfig.DEFAULT_CENSUS_HOST + "}",
            description = "Interface of the census port: its endpoints can freeze the server, so loopback unless "
                    + "told otherwise [CENSUS_HOST]. Default: ${DEFAULT-VALUE}.")
    String censusHost;

    @Option(names = "--wait", paramLabel = "sleep|http|db", defaultValue = "${env:WAIT:-sleep}",
            converter = WaitKindConverter.class,
            description = "What each request waits on between Hello and World: a pause, sequential HTTP calls to a "
                    + "downstream server, or a query on PostgreSQL [WAIT]. Default: ${DEFAULT-VALUE}.")
    WaitKind wait;

    @Option(names = "--wait-option", paramLabel = "name=value", split = ",", mapFallbackValue = "",
            defaultValue = "${env:WAIT_OPTIONS:-_NULL_}",
            description = "An option of a wait, e.g. downstream.url=http://127.0.0.1:9000/, downstream.calls=3, "
                    + "db.url=jdbc:postgresql://..., db.pool=50; options of a wait not chosen are ignored, an "
                    + "unknown one is an error [WAIT_OPTIONS, comma-separated].")
    Map<String, String> waitOptions;

    @Option(names = "--threads", defaultValue = "${env:THREADS:-" + TargetConfig.DEFAULT_THREADS + "}",
            description = "blocking: threads serving requests; acceptor and selector threads come on top "
                    + "[THREADS]. Default: ${DEFAULT-VALUE} (Jetty's default pool size).")
    int threads;

    @Option(names = "--max-virtual-threads", paramLabel = "N|unbounded", converter = CapConverter.class,
            defaultValue = "${env:MAX_VIRTUAL_THREADS:-" + CapConverter.UNBOUNDED + "}",
            description = "virtual: requests handled at once; a low value cripples the server on purpose "
                    + "[MAX_VIRTUAL_THREADS]. Default: ${DEFAULT-VALUE}.")
    Integer maxVirtualThreads;

    @Option(names = "--pause", paramLabel = "ms", defaultValue = "${env:PAUSE_MS:-" + TargetConfig.DEFAULT_PAUSE_MS + "}",
            description = "Default pause between Hello and World, 0.." + Limits.PAUSE_MAX_MS
                    + "; a request may override it with ?pause=<ms> [PAUSE_MS]. Default: ${DEFAULT-VALUE}.")
    long pauseMs;

    @Option(names = "--idle-timeout", paramLabel = "ms",
            defaultValue = "${env:IDLE_TIMEOUT_MS:-" + TargetConfig.DEFAULT_IDLE_TIMEOUT_MS + "}",
            description = "Connection idle timeout [IDLE_TIMEOUT_MS]. Default: ${DEFAULT-VALUE}.")
    long idleTimeoutMs;

    @Option(names = "--stop-timeout", paramLabel = "ms",
            defaultValue = "${env:STOP_TIMEOUT_MS:-" + TargetConfig.DEFAULT_STOP_TIMEOUT_MS + "}",
            description = "On SIGTERM, wait this long for requests in flight [STOP_TIMEOUT_MS]. "
                    + "Default: ${DEFAULT-VALUE}.")
    long stopTimeoutMs;

    @Option(names = "--header-cache-size", paramLabel = "chars",
            defaultValue = "${env:HEADER_CACHE_SIZE:-" + TargetConfig.DEFAULT_HEADER_CACHE_SIZE + "}",
            description = "Jetty's per-connection request-header cache; Jetty's default 1024 holds ~45 KB of heap "
                    + "per connection, 0 turns it off [HEADER_CACHE_SIZE]. Default: ${DEFAULT-VALUE}.")
    int headerCacheSize;

    @Option(names = "--exit-with-parent", defaultValue = "${env:EXIT_WITH_PARENT:-false}", fallbackValue = "true",
            arity = "0..1", description = "Stop when the launching process exits [EXIT_WITH_PARENT=true].")
    boolean exitWithParent;

    private PrintWriter out;
    private PrintWriter err;

    /** The configuration the flags describe; throws ParameterException (exit 2) for out-of-range values. */
    TargetConfig config() {
        try {
            return new TargetConfig(model, host, port, threads, maxVirtualThreads, pauseMs, idleTimeoutMs,
                    stopTimeoutMs, headerCacheSize, censusPort, censusHost, new WaitSpec(wait, waitOptions));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        // config() outside started(): a bad flag is a usage error (exit 2), not a failed start (exit 1).
        TargetServer server = started(config());
        if (server == null) {
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

    /** The server, started; or null once one line on stderr has said why not, and nothing of it is left running. */
    private TargetServer started(TargetConfig config) {
        TargetServer server = null;
        try {
            server = new TargetServer(config);
            return server.start();
        } catch (Exception e) {
            // One line, no stack trace. A TargetException names what failed: a port (TargetServer.start binds every
            // port itself), or what the wait waits on (a database that does not answer, when the server is made).
            err.println("nonblocking target: "
                    + (e instanceof TargetException ? e.getMessage() : "cannot start: " + e));
            err.flush();
            if (server != null) {
                stopQuietly(server);
            }
            return null;
        }
    }

    private static void stopQuietly(TargetServer server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Already failing or stopping; nothing useful to add.
        }
    }

    /** The picocli command, wired to the given streams. Environment variables come from System.getenv. */
    static CommandLine command(TargetApp app, PrintWriter out, PrintWriter err) {
        app.out = out;
        app.err = err;
        return new CommandLine(app)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err);
    }

    /** Parses flags (and this process's environment, for flags not given) without starting anything. */
    public static TargetConfig parse(String... args) {
        TargetApp app = new TargetApp();
        PrintWriter sink = new PrintWriter(PrintWriter.nullWriter());
        command(app, sink, sink).parseArgs(args);
        return app.config();
    }

    /** Like main, but returns the exit code instead of exiting: blocks while the server runs. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        int code = command(new TargetApp(), out, err).execute(args);
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
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Each option's longest name -> the variable its {@code ${env:NAME...}} default value reads. */
    private static Map<String, String> environmentVariables() {
        Pattern variable = Pattern.compile("\\$\\{env:(\\w+)");
        Map<String, String> env = new LinkedHashMap<>();
        for (Field field : TargetApp.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option == null) {
                continue;
            }
            Matcher m = variable.matcher(option.defaultValue());
            if (!m.find()) {
                throw new IllegalStateException("option " + option.names()[0] + " reads no environment variable");
            }
            String longest = Arrays.stream(option.names()).max(Comparator.comparingInt(String::length)).orElseThrow();
            env.put(longest, m.group(1));
        }
        return Collections.unmodifiableMap(env);
    }

    /** A wait's name, in any case. */
    static final class WaitKindConverter implements CommandLine.ITypeConverter<WaitKind> {
        @Override
        public WaitKind convert(String value) {
            try {
                return WaitKind.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A positive number, or "unbounded" (null: no cap). */
    static final class CapConverter implements CommandLine.ITypeConverter<Integer> {
        static final String UNBOUNDED = "unbounded";

        @Override
        public Integer convert(String value) {
            if (UNBOUNDED.equalsIgnoreCase(value.trim())) {
                return null;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number or '" + UNBOUNDED + "'");
            }
        }
    }
}
