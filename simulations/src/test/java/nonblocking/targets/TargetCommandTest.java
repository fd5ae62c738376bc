package nonblocking.ladder;

import nonblocking.target.TargetApp;
import nonblocking.target.TargetConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TargetCommandTest {

    @Test
    void managedTargetsGetACensusPortOnAnyFreePort() {
        for (String model : List.of("blocking", "virtual")) {
            List<String> command = TargetCommand.managed(model, "512m", 1000, 200, null, "cp");
            List<String> args = command.subList(command.indexOf(TargetCommand.MAIN_CLASS) + 1, command.size());
            TargetConfig config = TargetApp.parse(Map.of(), args.toArray(String[]::new));
            assertThat(config.censusPort()).as(model).isZero();
            assertThat(config.port()).isZero();
            assertThat(config.model().label()).isEqualTo(model);
        }
    }

    @Test
    void noCensusPortUnlessAsked() {
        assertThat(TargetCommand.arguments("virtual", "127.0.0.1", 8082, 1000, null, null, null, false))
                .doesNotContain("--census-port");
    }
}
