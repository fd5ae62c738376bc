package nonblocking.report;

import nonblocking.Fixtures;
import nonblocking.results.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class GatlingReportsTest {

    @TempDir
    Path target;

    /** good.json ran from 09:00 to 10:00 UTC on 2026-01-10. */
    final Results good = Fixtures.read(Fixtures.GOOD);

    @Test
    void withoutAFolderFindsGatlingReportsWrittenDuringOrJustAfterTheRun() throws IOException {
        report("ladder-during", "2026-01-10T09:30:00Z");
        report("ladder-after", "2026-01-10T10:05:00Z");
        report("ladder-day-before", "2026-01-09T09:30:00Z");
        report("ladder-much-later", "2026-01-10T11:00:00Z");
        Files.createDirectories(target.resolve("gatling/unfinished"));

        assertThat(GatlingReports.links(target.resolve("nonblocking/latest"), null, good))
                .containsExactly("../../gatling/ladder-after/index.html", "../../gatling/ladder-during/index.html");
    }

    @Test
    void aGivenFolderIsLinkedAsIs() {
        assertThat(GatlingReports.links(target.resolve("nonblocking/20260110-090000"), target.resolve("gatling/x"), good))
                .containsExactly("../../gatling/x/index.html");
    }

    @Test
    void noGatlingFolderMeansNoLink() {
        assertThat(GatlingReports.links(target.resolve("nonblocking/latest"), null, good)).isEmpty();
    }

    private void report(String name, String written) throws IOException {
        Path index = Files.createDirectories(target.resolve("gatling").resolve(name)).resolve("index.html");
        Files.writeString(index, "<html></html>");
        Files.setLastModifiedTime(index, FileTime.from(Instant.parse(written)));
    }
}
