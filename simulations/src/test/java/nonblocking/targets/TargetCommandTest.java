package nonblocking.targets;

import nonblocking.ladder.TargetSpec;
import nonblocking.server.TargetApp;
import nonblocking.server.TargetConfig;
import nonblocking.server.ThreadModel;
import nonblocking.server.wait.WaitKind;
import nonblocking.server.wait.WaitSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TargetCommandTest {

    @Test
    void managedTargetsListenOnThePortsTheLadderChose() {
        for (TargetSpec spec : List.of(new TargetSpec("blocking", ThreadModel.BLOCKING, 200, null, null, null),
                new TargetSpec("pool1k", ThreadModel.BLOCKING, 1000, null, null, null),
                new TargetSpec("virtual", ThreadModel.VIRTUAL, null, 300, null, null))) {
            List<String> command = TargetCommand.managed(spec, "512m", 1000, WaitSpec.SLEEP, "cp", 21000, 21001);
            List<String> args = command.subList(command.indexOf(TargetCommand.MAIN_CLASS) + 1, command.size());
            TargetConfig config = TargetApp.parse(args.toArray(String[]::new));
            assertThat(config.censusPort()).as(spec.name()).isEqualTo(21001);
            assertThat(config.port()).isEqualTo(21000);
            assertThat(config.model()).isEqualTo(spec.model());
            if (spec.threads() != null) {
                assertThat(config.threads()).isEqualTo(spec.threads());
            }
            if (spec.maxVirtualThreads() != null) {
                assertThat(config.maxVirtualThreads()).isEqualTo(spec.maxVirtualThreads());
            }
        }
    }

    @Test
    void noCensusPortUnlessAsked() {
        assertThat(TargetCommand.arguments(new TargetSpec("virtual", ThreadModel.VIRTUAL, null, null, null, null),
                "127.0.0.1", 8082, 1000, null, WaitSpec.SLEEP, false))
                .doesNotContain("--census-port", "--wait", "--wait-option");
    }

    @Test
    void theWaitAndItsOptionsReachTheTargetOneFlagEach() {
        WaitSpec db = new WaitSpec(WaitKind.DB, java.util.Map.of("db.url", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres",
                "db.pool", "50"));
        List<String> args = TargetCommand.arguments(new TargetSpec("virtual", ThreadModel.VIRTUAL, null, null, null, null),
                "127.0.0.1", 8082, 100, 0, db, true);
        TargetConfig config = TargetApp.parse(args.toArray(String[]::new));
        assertThat(config.waitSpec()).isEqualTo(db);
        assertThat(args).containsSubsequence("--wait", "db");
    }
}
