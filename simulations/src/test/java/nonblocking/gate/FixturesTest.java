package nonblocking.gate;

import nonblocking.Fixtures;
import nonblocking.results.Gap;
import nonblocking.results.Results;
import nonblocking.results.TargetResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixtures say what the ladder would have written: their sustainable users and gap follow from their levels. */
class FixturesTest {

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.GOOD, Fixtures.BASELINE, Fixtures.CRIPPLED_VIRTUAL, Fixtures.REGRESSION, Fixtures.FOREIGN})
    void sustainableUsersAndGapFollowFromTheLevels(String name) {
        Results results = Fixtures.read(name);
        for (Map.Entry<String, TargetResult> target : results.targets().entrySet()) {
            assertThat(target.getValue().sustainableUsers())
                    .as(name + " " + target.getKey())
                    .isEqualTo(results.sloOf(target.getValue()).capacity(target.getValue().levels()).held());
        }
        assertThat(results.gap()).as(name + " gap").isEqualTo(Gap.of(results.targets(), "virtual", "blocking"));
    }
}
