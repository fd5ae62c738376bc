package nonblocking.server;

import nonblocking.server.wait.WaitSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The command line: flags in-process; environment variables in a child JVM with an environment of its own (picocli
 * reads System.getenv); exit codes.
 */
class TargetAppCommandTest {

    @TempDir
    Path dir;

    /** Exit code and what went to stdout and stderr. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TargetApp.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private TargetConfig configInChild(Map<String, String> env, String... args) throws Exception {
        return PrintConfig.inChild(dir, env, args);
    }

    @Test
    void defaultsWithAnEmptyEnvironment() throws Exception {
        assertThat(configInChild(Map.of())).isEqualTo(new TargetConfig(ThreadModel.BLOCKING, "127.0.0.1", 8080, 200,
                null, 1000, 30_000, 5000, 0, null, "127.0.0.1", WaitSpec.SLEEP));
    }

    @Test
    void flagsSetEverything() {
        TargetConfig config = TargetApp.parse("--model", "virtual", "--host", "0.0.0.0", "--port", "8082",
                "--threads", "50", "--max-virtual-threads", "300", "--pause", "250", "--idle-timeout", "9000",
                "--stop-timeout", "100", "--header-cache-size", "0", "--census-port", "8090", "--census-host", "0.0.0.0",
                "--wait", "SLEEP");
        assertThat(config).isEqualTo(new TargetConfig(ThreadModel.VIRTUAL, "0.0.0.0", 8082, 50, 300, 250, 9000, 100, 0,
                8090, "0.0.0.0", WaitSpec.SLEEP));
    }

    @Test
    void modelsAreCaseInsensitiveAndUnboundedIsNull() {
        assertThat(TargetApp.parse("--model", "ASYNC").model()).isEqualTo(ThreadModel.ASYNC);
        assertThat(TargetApp.parse("--model=Virtual", "--max-virtual-threads", "Unbounded"))
                .extracting(TargetConfig::model, TargetConfig::maxVirtualThreads)
                .containsExactly(ThreadModel.VIRTUAL, null);
    }

    @Test
    void environmentFillsInAndFlagsWin() throws Exception {
        Map<String, String> env = Map.of("MODEL", "virtual", "HOST", "0.0.0.0", "PORT", "9000", "THREADS", "7",
                "MAX_VIRTUAL_THREADS", "300", "PAUSE_MS", "42", "IDLE_TIMEOUT_MS", "1234", "STOP_TIMEOUT_MS", "1",
                "HEADER_CACHE_SIZE", "256", "CENSUS_PORT", "0");
        assertThat(configInChild(env)).isEqualTo(new TargetConfig(ThreadModel.VIRTUAL, "0.0.0.0", 9000, 7, 300, 42,
                1234, 1, 256, 0, "127.0.0.1", WaitSpec.SLEEP));
        assertThat(configInChild(env, "--model", "blocking", "--port", "8081", "--pause", "5", "--census-port", "8091"))
                .isEqualTo(new TargetConfig(ThreadModel.BLOCKING, "0.0.0.0", 8081, 7, 300, 5, 1234, 1, 256, 8091,
                        "127.0.0.1", WaitSpec.SLEEP));
        assertThat(configInChild(Map.of("MODEL", "Async", "MAX_VIRTUAL_THREADS", "unbounded")))
                .extracting(TargetConfig::model, TargetConfig::maxVirtualThreads)
                .containsExactly(ThreadModel.ASYNC, null);
    }

    @Test
    void everyFlagReadsTheVariableComposeSets() {
        CommandLine cmd = new CommandLine(new TargetApp());
        assertThat(cmd.getCommandSpec().options())
                .filteredOn(o -> !o.usageHelp() && !o.versionHelp())
                .allSatisfy(o -> assertThat(TargetApp.ENVIRONMENT).containsKey(o.longestName()));
        // The container contract: these names, unchanged.
        assertThat(TargetApp.ENVIRONMENT).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("--model", "MODEL"), Map.entry("--host", "HOST"), Map.entry("--port", "PORT"),
                Map.entry("--census-port", "CENSUS_PORT"), Map.entry("--threads", "THREADS"),
                Map.entry("--max-virtual-threads", "MAX_VIRTUAL_THREADS"), Map.entry("--pause", "PAUSE_MS"),
                Map.entry("--idle-timeout", "IDLE_TIMEOUT_MS"), Map.entry("--stop-timeout", "STOP_TIMEOUT_MS"),
                Map.entry("--header-cache-size", "HEADER_CACHE_SIZE"), Map.entry("--census-host", "CENSUS_HOST"),
                Map.entry("--wait", "WAIT"), Map.entry("--wait-option", "WAIT_OPTIONS"),
                Map.entry("--exit-with-parent", "EXIT_WITH_PARENT")));
    }

    @Test
    void helpGoesToStdoutWithExitZero() {
        Run run = run("--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: target-apps", "--model", "--max-virtual-threads", "MODEL",
                "--census-port", "CENSUS_PORT", "async");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--model=fast", "--port=x", "--port=70000", "--threads=0",
            "--pause=60001", "--pause=-1", "--header-cache-size=-1", "--max-virtual-threads=0", "--max-virtual-threads=lots",
            "--census-port=-1", "--census-port=70000", "--census-port=x"})
    void badFlagsPrintUsageOnStderrAndExitTwo(String flag) {
        Run run = run(flag);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Usage: target-apps");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badEnvironmentValueIsAUsageErrorToo() throws Exception {
        try (ChildJvm child = ChildJvm.start(dir, TargetApp.class, Map.of("MODEL", "fast"))) {
            assertThat(child.exitCode()).isEqualTo(2);
            assertThat(child.stderr()).contains("fast", "Usage:");
            assertThat(child.stdout()).isEmpty();
        }
    }

    @Test
    void portInUseIsOneLineAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Run run = run("--port", Integer.toString(taken.getLocalPort()));
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).startsWith("nonblocking target: cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .contains("in use").hasLineCount(1);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void censusPortInUseIsOneLineNamingTheCensusPortAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Run run = run("--port", "0", "--census-port", Integer.toString(taken.getLocalPort()));
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err())
                    .startsWith("nonblocking target: cannot listen on census port 127.0.0.1:" + taken.getLocalPort())
                    .contains("in use").hasLineCount(1);
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void censusPortMustDifferFromThePort() {
        Run run = run("--port", "8085", "--census-port", "8085");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("census port must differ from port 8085");
    }

    @Test
    void configRejectsOutOfRangeValues() {
        assertThatThrownBy(() -> Configs.of(ThreadModel.BLOCKING).pauseMs(60_001).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Configs.of(ThreadModel.VIRTUAL).maxVirtualThreads(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
