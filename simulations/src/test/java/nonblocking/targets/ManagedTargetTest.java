package nonblocking.targets;

import nonblocking.NonblockingException;
import nonblocking.ladder.TargetSpec;
import nonblocking.server.TargetApp;
import nonblocking.server.TargetConfig;
import nonblocking.server.TargetServer;
import nonblocking.server.ThreadModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Reading the target's ready line: url= always, census= when the target has a census port. */
class ManagedTargetTest {

    private static final String WITH_CENSUS = "nonblocking target ready: model=blocking url=http://127.0.0.1:41234/"
            + " census=http://127.0.0.1:41235/ pool=qtp(threads=200,acceptors=1,selectors=1,max=202,reserved=0)"
            + " pause=1000ms jdk=25.0.1 pid=4242";
    private static final String WITHOUT_CENSUS = "nonblocking target ready: model=virtual url=http://127.0.0.1:41236"
            + " pool=virtual(max-virtual-threads=unbounded,qtp-max=10,acceptors=1,selectors=1,reserved=0)"
            + " pause=1000ms jdk=21.0.5 pid=4243";

    @Test
    void readsUrlAndCensus() {
        assertThat(ManagedTarget.readyUrl(WITH_CENSUS, ManagedTarget.URL_FIELD))
                .contains(URI.create("http://127.0.0.1:41234/"));
        assertThat(ManagedTarget.readyUrl(WITH_CENSUS, ManagedTarget.CENSUS_FIELD))
                .contains(URI.create("http://127.0.0.1:41235/"));
    }

    @Test
    void noCensusFieldMeansNoCensusPortAndUrlsGetTheirSlash() {
        assertThat(ManagedTarget.readyUrl(WITHOUT_CENSUS, ManagedTarget.URL_FIELD))
                .contains(URI.create("http://127.0.0.1:41236/"));
        assertThat(ManagedTarget.readyUrl(WITHOUT_CENSUS, ManagedTarget.CENSUS_FIELD)).isEmpty();
        assertThat(ManagedTarget.readyUrl("nonblocking target ready: model=virtual", ManagedTarget.URL_FIELD)).isEmpty();
    }

    @Test
    void aFieldMatchesOnlyWhole() {
        // "census_url=" or "xurl=" are not url=.
        assertThat(ManagedTarget.readyUrl("ready: xurl=http://a:1/ census_url=http://b:2/", ManagedTarget.URL_FIELD))
                .isEmpty();
        assertThatThrownBy(() -> ManagedTarget.readyUrl("ready: url=http://bad^host/", ManagedTarget.URL_FIELD))
                .isInstanceOf(NonblockingException.class);
    }

    /** The contract with target-apps: what a real TargetServer prints is what the ladder reads. */
    @Test
    void readsWhatARealTargetPrints() throws Exception {
        TargetConfig config = TargetApp.parse("--model", "blocking", "--port", "0", "--census-port", "0", "--stop-timeout", "500");
        try (TargetServer server = new TargetServer(config).start()) {
            String line = server.readyLine();
            assertThat(line).startsWith(TargetServer.READY_PREFIX);
            assertThat(ManagedTarget.readyUrl(line, ManagedTarget.URL_FIELD)).contains(server.uri());
            assertThat(ManagedTarget.readyUrl(line, ManagedTarget.CENSUS_FIELD)).isEqualTo(server.censusUri());
        }
    }

    /** [wall clock][uptime][level][tags], as TargetCommand.GC_LOG decorates each line. */
    private static final String GC_LINE = "^\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}]"
            + "\\[\\d+\\.\\d{3}s]\\[info]\\[gc] ";

    /**
     * A real managed target, started with TargetCommand's JVM options: its GC log lines on stdout come before and
     * after the ready line, which is still found, and an explicit GC shows in the log with its time.
     */
    @Test
    void aManagedTargetLogsItsCollectionsAndIsStillFound(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("virtual.log");
        TargetSpec spec = new TargetSpec("virtual", ThreadModel.VIRTUAL, null, null, null, null);
        String ready;
        try (ManagedTarget target = ManagedTarget.start("virtual",
                TargetCommand.managed(spec, "64m", 0, nonblocking.server.wait.WaitSpec.SLEEP, Classpath.current(), 0, 0), log)) {
            ready = target.awaitReady(Duration.ofSeconds(30));
            assertThat(ready).startsWith(TargetServer.READY_PREFIX);
            assertThat(target.url().getHost()).isEqualTo(TargetCommand.HOST);
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> census = http.send(HttpRequest.newBuilder(target.censusUrl().resolve("threads?gc=true"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(census.statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(log).contains("Pause Full (System.gc())"));
        }
        List<String> lines = Files.readAllLines(log);
        int readyAt = lines.indexOf(ready);
        // G1 where the JVM sees 2+ CPUs and 1.75+ GiB, Serial below: the log names it either way, first.
        assertThat(lines.subList(0, readyAt)).as("before the ready line").anyMatch(l -> l.matches(GC_LINE + "Using \\w+$"));
        assertThat(lines.subList(readyAt + 1, lines.size())).as("after it")
                .anyMatch(l -> l.matches(GC_LINE + "GC\\(\\d+\\) Pause Full \\(System\\.gc\\(\\)\\) .*"));
    }
}
