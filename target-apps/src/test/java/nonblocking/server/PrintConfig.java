package nonblocking.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.ParameterException;

/** Run in a child JVM by tests: prints (as JSON) the TargetConfig that flags and the real environment give, then exits. */
public final class PrintConfig {
    private PrintConfig() {
    }

    /** What a child JVM with exactly this environment parses from {@code args}. */
    static TargetConfig inChild(java.nio.file.Path dir, java.util.Map<String, String> env, String... args)
            throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, PrintConfig.class, env, args)) {
            if (child.exitCode() != 0) {
                throw new AssertionError("PrintConfig failed: " + child.stderr());
            }
            return new ObjectMapper().readValue(child.stdout(), TargetConfig.class);
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            System.out.println(new ObjectMapper().writeValueAsString(TargetApp.parse(args)));
        } catch (ParameterException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
