package nonblocking.run;

import nonblocking.NonblockingException;
import nonblocking.ladder.LadderConfig;
import nonblocking.results.RunFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LadderRunTest {

    @Test
    void findsGatlingsFolderOfThisRun(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("laddersimulation-20261126033000000"));   // an older run
        Files.createDirectories(dir.resolve("laddersimulation-20261126034101234"));   // this run
        Files.createDirectories(dir.resolve("othersimulation-20261126034500000"));
        Files.createFile(dir.resolve("lastRun.txt"));
        Instant started = Instant.parse("2026-11-26T03:41:00Z");
        assertThat(GatlingRunDir.find(dir, "laddersimulation", started))
                .contains(dir.resolve("laddersimulation-20261126034101234").toAbsolutePath());
        assertThat(GatlingRunDir.find(dir, "laddersimulation", Instant.parse("2026-11-26T04:00:00Z"))).isEmpty();
        assertThat(GatlingRunDir.find(dir.resolve("missing"), "laddersimulation", started)).isEmpty();
    }

    @Test
    void tooFewFileDescriptorsIsAOneLineError() {
        long limit = LadderRun.maxOpenFiles();
        // Skipped, not passed, where the limit is unknown or too high to exceed.
        assumeTrue(limit > 0 && limit <= Integer.MAX_VALUE - LadderRun.FD_HEADROOM, "open-file limit " + limit);
        assertThatThrownBy(() -> LadderRun.checkOpenFiles((int) limit))
                .isInstanceOf(NonblockingException.class)
                .hasMessageContaining("open-file limit is " + limit)
                .hasMessageContaining("ulimit -n");
        LadderRun.checkOpenFiles(1);
    }

    @Test
    void moreUsersThanEphemeralPortsIsAOneLineError() {
        int[] range = nonblocking.targets.FreePorts.ephemeralRange();
        assumeTrue(range != null, "no ephemeral port range to read here");
        int ports = range[1] - range[0] + 1;
        assertThatThrownBy(() -> LadderRun.checkPorts(ports + 1, " on 2 injectors of one machine"))
                .isInstanceOf(NonblockingException.class)
                .hasMessage((ports + 1) + " users on 2 injectors of one machine need as many connections to one server, but"
                        + " the ephemeral port range " + range[0] + "-" + range[1] + " has " + ports
                        + " ports: lower the top level, or spread the users over injectors on several machines");
        LadderRun.checkPorts(ports, "");
    }

    /**
     * Managed targets start one at a time, during the load; a server given by URL is connected to before any load,
     * so that an unreachable one, even second in line, fails the run before it begins, and the first target's JVM,
     * started already, is stopped.
     */
    @Test
    void anUnreachableServerFailsTheRunBeforeAnyLoadAndStopsWhatStarted(@TempDir Path dir) throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        LadderConfig config = LadderConfig.from(java.util.Map.of("targets", "virtual,shop", "shop.url",
                "http://127.0.0.1:" + closed + "/", "shop.slo.p99", "100", "levels", "5", "hold", "1",
                "nonblocking.output", dir.toString(), "runId", "unreachable"));
        assertThatThrownBy(() -> LadderRun.prepare(config, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())))
                .isInstanceOf(NonblockingException.class)
                .hasMessageContaining("127.0.0.1:" + closed)
                .hasMessageNotContaining("\n");
        String log = Files.readString(dir.resolve("unreachable/virtual.log"));
        java.util.regex.Matcher pid = java.util.regex.Pattern.compile("ready: .* pid=(\\d+)").matcher(log);
        assertThat(pid.find()).as("virtual started first:\n%s", log).isTrue();
        assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false))
                .as("virtual's JVM stopped").isFalse();
    }

    @Test
    void latestIsAWholeCopyOfTheRunFolder(@TempDir Path dir) throws IOException {
        Path run = RunFolders.create(dir, "r1");
        assertThat(RunFolders.create(dir, "r1")).isEqualTo(dir.resolve("r1-2"));
        Files.createDirectories(run.resolve("sub"));
        Files.writeString(run.resolve("sub/x.txt"), "x");
        Files.writeString(dir.resolve("latest/../stale.txt").normalize(), "old run");
        Path latest = RunFolders.refreshLatest(run);
        assertThat(latest.resolve("sub/x.txt")).hasContent("x");
        Files.delete(run.resolve("sub/x.txt"));
        RunFolders.refreshLatest(run);
        assertThat(latest.resolve("sub/x.txt")).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("r1", "r1-2", "latest", "stale.txt");
        }
    }
}
