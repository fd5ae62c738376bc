package nonblocking.ladder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * THE command of a managed target: JVM options and TargetApp arguments, in one place. The Dockerfile and
 * compose file must run the targets the same way (same heap, same flags), so they copy it from here.
 *
 * <pre>
 * java -Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError -cp &lt;classpath&gt; nonblocking.target.TargetApp \
 *      --model blocking|virtual --host 127.0.0.1 --port 0 --pause &lt;ms&gt; \
 *      [--threads N] [--max-virtual-threads N] --census-port 0 --exit-with-parent
 * </pre>
 *
 * <p>{@code --census-port 0}: the census on a port and a 4-thread pool of its own (any free port, printed on the
 * ready line as {@code census=}), so that a saturated blocking pool still answers it; both models get it alike.
 */
public final class TargetCommand {

    public static final String MAIN_CLASS = "nonblocking.target.TargetApp";

    /** Heap of both targets unless a profile needs more (c10k: Jetty holds ~110 KB of heap per connection). */
    public static final String DEFAULT_HEAP = "512m";

    /** Same fixed heap for both models, so memory per user compares like with like; no pre-touch (RSS must move). */
    public static final List<String> JVM_OPTIONS = jvmOptions(DEFAULT_HEAP);

    /** The JVM options with another (still fixed: -Xms = -Xmx) heap size, e.g. "2g". */
    public static List<String> jvmOptions(String heap) {
        return List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError");
    }

    public static final String HOST = "127.0.0.1";

    private TargetCommand() {
    }

    /**
     * TargetApp's arguments.
     *
     * @param threads           blocking pool size (ignored by the virtual model), null for TargetApp's default
     * @param maxVirtualThreads virtual-thread cap, null for unbounded
     * @param censusPort        the census port, 0 for any free one, null for none (census on {@code port} only)
     * @param exitWithParent    true for child JVMs, so that a killed ladder leaves no stray server
     */
    public static List<String> arguments(String model, String host, int port, long pauseMs, Integer threads,
                                         Integer maxVirtualThreads, Integer censusPort, boolean exitWithParent) {
        List<String> args = new ArrayList<>(List.of("--model", model, "--host", host, "--port", Integer.toString(port),
                "--pause", Long.toString(pauseMs)));
        if (threads != null && "blocking".equals(model)) {
            args.addAll(List.of("--threads", threads.toString()));
        }
        if (maxVirtualThreads != null && "virtual".equals(model)) {
            args.addAll(List.of("--max-virtual-threads", maxVirtualThreads.toString()));
        }
        if (censusPort != null) {
            args.addAll(List.of("--census-port", censusPort.toString()));
        }
        if (exitWithParent) {
            args.add("--exit-with-parent");
        }
        return args;
    }

    /** Full command of a managed target on this machine: same JDK as this JVM, free ports, exits with us. */
    public static List<String> managed(String model, String heap, long pauseMs, Integer threads,
                                       Integer maxVirtualThreads, String classpath) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmOptions(heap));
        command.add("-cp");
        command.add(classpath);
        command.add(MAIN_CLASS);
        command.addAll(arguments(model, HOST, 0, pauseMs, threads, maxVirtualThreads, 0, true));
        return command;
    }

    /** The java of the running JVM (Gatling's), so that targets and load generator share one JDK. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
