package nonblocking.run;

import nonblocking.Fixtures;
import nonblocking.results.Ceiling;
import nonblocking.results.Results;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static nonblocking.results.Load.CLOSED;
import static nonblocking.results.Load.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

class CalibrationTest {

    @Test
    void aClosedCalibrationsCeilingIsTheThroughputItHeldNotItsUsers() {
        // good.json's first target held 200 users at 194.6 responses/s.
        Ceiling closed = Calibration.of(Fixtures.read(Fixtures.GOOD));
        assertThat(closed.rps()).isEqualTo(194);

        Results open = Fixtures.open(Fixtures.read(Fixtures.GOOD));
        assertThat(Calibration.of(open).rps()).isEqualTo(200);   // the rate offered
    }

    @Test
    void eachLoadModelReadsOnlyItsOwnCeiling(@TempDir Path output) {
        Ceiling open = new Ceiling(20_000, 38.8, 2, "2026-12-06T04:58:14Z", "calibrate-2");
        Path file = Calibration.write(open, output, OPEN);
        assertThat(file.getFileName()).hasToString("calibration-open.json");

        List<String> notes = new ArrayList<>();
        assertThat(Calibration.read(output, 2, OPEN, notes::add)).contains(open);
        assertThat(Calibration.read(output, 2, CLOSED, notes::add)).isEmpty();
        assertThat(Calibration.read(output, 4, OPEN, notes::add)).as("another machine's").isEmpty();
        assertThat(notes).isEmpty();
    }

    @Test
    void anUnreadableCeilingIsSaidOnceAndNamesTheProfileThatMeasuresIt(@TempDir Path output) throws IOException {
        Files.writeString(Calibration.file(output, CLOSED), "{ not json");
        List<String> notes = new ArrayList<>();
        assertThat(Calibration.read(output, 2, CLOSED, notes::add)).isEmpty();
        assertThat(notes).singleElement().asString().contains("calibration-closed.json is unreadable")
                .endsWith("run -Dprofile=calibrate-closed again");
    }
}
