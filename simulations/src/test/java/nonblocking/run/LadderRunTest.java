package nonblocking.ladder;

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
        assertThat(LadderRun.findGatlingRunDir(dir, "laddersimulation", started))
                .contains(dir.resolve("laddersimulation-20261126034101234").toAbsolutePath());
        assertThat(LadderRun.findGatlingRunDir(dir, "laddersimulation", Instant.parse("2026-11-26T04:00:00Z"))).isEmpty();
        assertThat(LadderRun.findGatlingRunDir(dir.resolve("missing"), "laddersimulation", started)).isEmpty();
    }

    @Test
    void tooFewFileDescriptorsIsAOneLineError() {
        long limit = LadderRun.maxOpenFiles();
        // Skipped, not passed, where the limit is unknown or too high to exceed.
        assumeTrue(limit > 0 && limit <= Integer.MAX_VALUE - LadderRun.FD_HEADROOM, "open-file limit " + limit);
        assertThatThrownBy(() -> LadderRun.checkOpenFiles((int) limit))
                .isInstanceOf(LadderException.class)
                .hasMessageContaining("open-file limit is " + limit)
                .hasMessageContaining("ulimit -n");
        LadderRun.checkOpenFiles(1);
    }

    @Test
    void copyAndDeleteTrees(@TempDir Path dir) throws IOException {
        Path from = Files.createDirectories(dir.resolve("run/sub"));
        Files.writeString(from.resolve("x.txt"), "x");
        Files.writeString(dir.resolve("run/results.json"), "{}");
        LadderRun.copyTree(dir.resolve("run"), dir.resolve("copy"));
        assertThat(dir.resolve("copy/sub/x.txt")).hasContent("x");
        assertThat(dir.resolve("copy/results.json")).hasContent("{}");
        LadderRun.deleteTree(dir.resolve("copy"));
        assertThat(dir.resolve("copy")).doesNotExist();
    }
}
