package nonblocking.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A main class of this module in a child JVM with an environment of the test's choosing: the only honest way to test
 * what picocli reads from System.getenv. Both streams go to files (reading a dead child's pipe can fail).
 */
final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildJvm(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * @param env the child's whole environment (nothing is inherited but PATH), so the test's own cannot leak in
     */
    static ChildJvm start(Path dir, Class<?> main, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        String path = builder.environment().get("PATH");
        builder.environment().clear();
        if (path != null) {
            builder.environment().put("PATH", path);
        }
        builder.environment().putAll(env);
        return new ChildJvm(builder.start(), out, err);
    }

    /** Runs to the end (at most 60 s) and returns the exit code. */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("child JVM still running after 60 s");
        }
        return process.exitValue();
    }

    /** The first stdout line, once there is one (or the child has ended: then ""). */
    String firstLine() throws IOException {
        await().atMost(Duration.ofSeconds(30)).until(() -> !stdoutLines().isEmpty() || !process.isAlive());
        List<String> lines = stdoutLines();
        return lines.isEmpty() ? "" : lines.get(0);
    }

    List<String> stdoutLines() throws IOException {
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
