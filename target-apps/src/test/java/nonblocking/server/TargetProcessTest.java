package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real main in a child JVM: the start-up line, the port-in-use line, SIGTERM. */
class TargetProcessTest {
    static final Pattern READY = Pattern.compile(
            "nonblocking target ready: model=(blocking|hybrid|virtual|async) url=(http://\\S+/)(?: census=(http://\\S+/))?"
                    + " pool=(\\S+) pause=(\\d+)ms wait=(\\w+) jdk=(\\S+) pid=(\\d+) work=(\\d+)iter/us");

    @TempDir
    Path dir;

    private Process launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                TargetApp.class.getName()));
        command.addAll(List.of(args));
        // Both streams to files: reading a child's pipe after it exits can fail with "Stream closed".
        return new ProcessBuilder(command)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    /** The child's first stdout line, matched against {@link #READY}; fails if it is not a ready line. */
    private Matcher awaitReadyLine(Process process) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> !stdout().isEmpty() || !process.isAlive());
        String line = stdout().isEmpty() ? "" : stdout().get(0);
        Matcher ready = READY.matcher(line);
        assertThat(ready.matches()).as(line).isTrue();
        return ready;
    }

    private List<String> stdout() throws Exception {
        return Files.readAllLines(dir.resolve("stdout.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void printsOneReadyLineServesAndStopsOnSigterm() throws Exception {
        Process process = launch("--model", "virtual", "--port", "0", "--pause", "300", "--exit-with-parent");
        try {
            Matcher ready = awaitReadyLine(process);
            assertThat(ready.group(1)).isEqualTo("virtual");
            assertThat(ready.group(3)).as("no census port unless asked").isNull();
            assertThat(ready.group(4)).startsWith("virtual(max-virtual-threads=unbounded,");
            assertThat(ready.group(5)).isEqualTo("300");
            assertThat(ready.group(6)).isEqualTo("sleep");
            assertThat(Long.parseLong(ready.group(8))).isEqualTo(process.pid());

            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create(ready.group(2))).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).isEqualTo("HelloWorld");
            }

            process.destroy(); // SIGTERM: the shutdown hook stops Jetty gracefully
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(stdout()).as("exactly one line on stdout").hasSize(1);
            assertThat(Files.readString(dir.resolve("stderr.txt"))).isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void censusPortIsOnTheReadyLineAndServesTheCensusOnly() throws Exception {
        Process process = launch("--model", "blocking", "--port", "0", "--census-port", "0", "--exit-with-parent");
        try {
            Matcher ready = awaitReadyLine(process);
            URI url = URI.create(ready.group(2));
            URI census = URI.create(ready.group(3));
            assertThat(census.getHost()).isEqualTo("127.0.0.1");
            assertThat(census.getPort()).isPositive().isNotEqualTo(url.getPort());
            assertThat(ready.group(4)).startsWith("qtp(threads=200,");

            try (HttpClient client = HttpClient.newHttpClient()) {
                assertThat(client.send(HttpRequest.newBuilder(census.resolve("threads")).timeout(Duration.ofSeconds(20))
                        .build(), HttpResponse.BodyHandlers.ofString()).body()).contains("\"model\":\"blocking\"");
                assertThat(client.send(HttpRequest.newBuilder(census).timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            }

            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("stderr.txt"))).isEmpty();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void portInUseIsOneLineOnStderr() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Process process = launch("--port", Integer.toString(taken.getLocalPort()));
            try {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(process.exitValue()).isEqualTo(1);
                String stderr = Files.readString(dir.resolve("stderr.txt"));
                assertThat(stderr).hasLineCount(1)
                        .startsWith("nonblocking target: cannot listen on 127.0.0.1:" + taken.getLocalPort());
                assertThat(stdout()).isEmpty();
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
