package nonblocking.history;

import nonblocking.Fixtures;
import nonblocking.results.Load;
import nonblocking.results.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The history says which load model each judged run used, so that a trend never mixes users with rates. */
class HistoryTest {

    @Test
    void eachEntryKeepsItsLoadModelAndOlderLinesAreClosed(@TempDir Path dir) throws Exception {
        Results closed = Fixtures.read("good.json");
        Results open = Fixtures.open(closed);
        Path file = dir.resolve(History.NAME);
        History.record(file, History.Entry.of(closed, true));
        History.Entry judged = History.Entry.of(new Results(open.schema(), "open-run", open.experiment(),
                open.provenance(), open.targets(), open.gap(), open.records()), false);
        History.record(file, judged);
        assertThat(History.read(file)).extracting(History.Entry::load).containsExactly(Load.CLOSED, Load.OPEN);

        String older = Files.readString(file).lines().findFirst().orElseThrow().replace(",\"load\":\"closed\"", "");
        assertThat(older).doesNotContain("\"load\"");
        Files.writeString(file, older + "\n");
        assertThat(History.read(file)).singleElement().extracting(History.Entry::load).isEqualTo(Load.CLOSED);
    }

    @Test
    void aTargetsCapacityIsWrittenFlatAsHeldAndBrokeAndReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(History.NAME);
        Results run = Fixtures.read("good.json");
        History.record(file, History.Entry.of(run, true));
        assertThat(Files.readString(file)).contains("\"blocking\":{\"held\":" + run.targets().get("blocking").capacity().held()
                + ",\"broke\":");
        assertThat(History.read(file).getFirst().targets().get("blocking").capacity())
                .isEqualTo(run.targets().get("blocking").capacity());
    }
}
