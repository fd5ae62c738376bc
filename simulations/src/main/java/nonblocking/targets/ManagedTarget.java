package nonblocking.targets;

import nonblocking.NonblockingException;
import nonblocking.server.TargetServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A target JVM the ladder started itself. Its stdout and stderr go to a log file; the first stdout line
 * starting with {@value TargetServer#READY_PREFIX} carries the URL (the port was chosen at run time with {@code --port 0})
 * and, when the target has a census port ({@code --census-port 0}), the census URL:
 * {@code nonblocking target ready: model=blocking url=http://127.0.0.1:41234/ census=http://127.0.0.1:41235/ pool=...}.
 */
public final class ManagedTarget implements AutoCloseable {

    static final String URL_FIELD = "url";
    /** The ready line's field with the census port's base URL; absent when the target has no census port. */
    static final String CENSUS_FIELD = "census";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private volatile String lastLine = "(no output)";
    /** A usage error (exit code 2) says why on its first line, above the usage. */
    private volatile String firstLine;
    private volatile URI url;
    private volatile URI censusUrl;

    private ManagedTarget(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts the JVM; returns at once. Call {@link #awaitReady} next. */
    public static ManagedTarget start(String name, List<String> command, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ManagedTarget target = new ManagedTarget(name, process, log);
            Thread.ofPlatform().daemon().name("target-log-" + name).start(target::pump);
            return target;
        } catch (IOException e) {
            throw new NonblockingException("cannot start the " + name + " target (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    /** Copies the child's output to the log file and spots the ready line. */
    private void pump() {
        try (BufferedReader in = process.inputReader(StandardCharsets.UTF_8);
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line + "\n");
                out.flush();
                lastLine = line;
                if (firstLine == null) {
                    firstLine = line;
                }
                if (!ready.isDone() && line.startsWith(TargetServer.READY_PREFIX)) {
                    ready.complete(line);
                }
            }
        } catch (IOException e) {
            // The child is gone or the log is unwritable; awaitReady reports what it can.
        } finally {
            ready.complete(null);
        }
    }

    /** Waits for the ready line, then for {@code GET /health} to answer 200; returns the ready line. */
    public String awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String line;
        try {
            line = ready.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new NonblockingException("the " + name + " target printed no ready line within " + timeout.toSeconds()
                    + " s; see " + log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NonblockingException("interrupted while starting the " + name + " target");
        } catch (ExecutionException e) {
            throw new NonblockingException("the " + name + " target failed to start: " + e.getCause());
        }
        if (line == null) {
            throw new NonblockingException("the " + name + " target exited before it was ready" + exitCode() + ": "
                    + (usageError() ? firstLine : lastLine) + " (log: " + log + ")");
        }
        url = readyUrl(line, URL_FIELD).orElseThrow(
                () -> new NonblockingException("the " + name + " target's ready line has no url=: " + line));
        censusUrl = readyUrl(line, CENSUS_FIELD).orElse(null);
        try (TargetClient client = new TargetClient(url, null)) {
            while (!client.healthy()) {
                if (!process.isAlive()) {
                    throw new NonblockingException("the " + name + " target exited before /health answered: " + lastLine);
                }
                if (System.nanoTime() > deadline) {
                    throw new NonblockingException("the " + name + " target's " + url + "health did not answer 200 within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NonblockingException("interrupted while waiting for a target");
        }
        return line;
    }

    /** A base URL from the ready line, {@code <field>=<url>}, ending in "/"; empty if absent, an error if not a URL. */
    static Optional<URI> readyUrl(String readyLine, String field) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(field) + "=(\\S+)").matcher(readyLine);
        if (!m.find()) {
            return Optional.empty();
        }
        String u = m.group(1);
        try {
            return Optional.of(new URI(u.endsWith("/") ? u : u + "/"));
        } catch (URISyntaxException e) {
            throw new NonblockingException("the ready line's " + field + "= is not a URL: " + u);
        }
    }

    public URI url() {
        return url;
    }

    /** Its exit code once it has exited by itself or been stopped; empty while it runs. */
    public java.util.Optional<Integer> exited() {
        return process.isAlive() ? java.util.Optional.empty() : java.util.Optional.of(process.exitValue());
    }

    /** Where its output goes. */
    public Path log() {
        return log;
    }

    /** The census port's base URL, or null when the target printed no {@code census=} (none, or an older one). */
    public URI censusUrl() {
        return censusUrl;
    }

    /** SIGTERM (graceful stop), then SIGKILL if it is still there after the grace time. Idempotent. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean usageError() {
        return !process.isAlive() && process.exitValue() == 2 && firstLine != null;
    }

    private String exitCode() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? " (exit code " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
