package nonblocking.targets;

import nonblocking.ladder.TargetSpec;
import nonblocking.server.wait.WaitKind;
import nonblocking.server.wait.WaitSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * THE command of a managed target: JVM options and TargetApp arguments, in one place. The Dockerfile and compose
 * file must run the targets the same way (same heap, same flags), so they copy it from here. {@code --census-port 0}:
 * the census on a port and a 4-thread pool of its own (any free port, printed on the ready line as {@code census=}),
 * so that a saturated blocking pool still answers it; every model gets it alike.
 */
public final class TargetCommand {

    public static final String MAIN_CLASS = "nonblocking.server.TargetApp";
    public static final String HOST = "127.0.0.1";
    public static final String GC_LOG = "-Xlog:gc:stdout:time,uptime,level,tags";

    private TargetCommand() {
    }

    /**
     * Same fixed heap for every model, so memory per user compares like with like; no pre-touch (RSS must move);
     * a GC log on stdout ({@link #GC_LOG}).
     */
    public static List<String> jvmOptions(String heap) {
        return List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", GC_LOG);
    }

    /**
     * @param censusPort     the census port, 0 for any free one, null for none
     * @param wait           what each request waits on, with its options (the server waited on among them)
     * @param exitWithParent true for child JVMs, so that a killed ladder leaves no stray server
     */
    public static List<String> arguments(TargetSpec target, String host, int port, long pauseMs, Integer censusPort,
                                         WaitSpec wait, boolean exitWithParent) {
        List<String> args = new ArrayList<>(List.of("--model", target.modelName(), "--host", host,
                "--port", Integer.toString(port), "--pause", Long.toString(pauseMs)));
        if (wait.kind() != WaitKind.SLEEP) {
            args.addAll(List.of("--wait", wait.kind().label()));
        }
        // One flag per option: a value (a database URL) may hold the comma the flag's list would split at.
        wait.options().forEach((key, value) -> args.addAll(List.of("--wait-option", key + "=" + value)));
        if (target.threads() != null) {
            args.addAll(List.of("--threads", target.threads().toString()));
        }
        if (target.maxVirtualThreads() != null) {
            args.addAll(List.of("--max-virtual-threads", target.maxVirtualThreads().toString()));
        }
        if (censusPort != null) {
            args.addAll(List.of("--census-port", censusPort.toString()));
        }
        if (exitWithParent) {
            args.add("--exit-with-parent");
        }
        return args;
    }

    /** Full command of a managed target on this machine: same JDK as this JVM, exits with us; ports 0 for any free. */
    public static List<String> managed(TargetSpec target, String heap, long pauseMs, WaitSpec wait, String classpath,
                                       int port, int censusPort) {
        List<String> command = new ArrayList<>(List.of(javaExecutable().toString()));
        command.addAll(jvmOptions(heap));
        command.addAll(List.of("-cp", classpath, MAIN_CLASS));
        command.addAll(arguments(target, HOST, port, pauseMs, censusPort, wait, true));
        return command;
    }

    /** The java of the running JVM (Gatling's), so that targets and load generator share one JDK. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
