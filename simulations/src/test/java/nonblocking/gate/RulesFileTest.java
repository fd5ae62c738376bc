package nonblocking.gate;

import nonblocking.Fixtures;
import nonblocking.NonblockingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesFileTest {

    @TempDir
    Path dir;

    @Test
    void theCommittedRulesHoldTheDocumentedDefaults() {
        Rules rules = RulesFile.read(Fixtures.COMMITTED_RULES);

        assertThat(rules.gap()).isEqualTo(new Rules.GapRule("virtual", "blocking", 10.0));
        assertThat(rules.topLevel().targets()).containsExactly("virtual", "async");
        assertThat(rules.efficiency().targets()).containsExactly("virtual", "async");
        assertThat(rules.efficiency().min()).isEqualTo(0.90);
        assertThat(rules.baseline().targets()).containsExactly("blocking", "tuned", "virtual", "async");
        assertThat(rules.baseline().maxEfficiencyDrop()).isEqualTo(0.10);
    }

    @Test
    void aMissingFileIsAOneLineError() {
        assertThatThrownBy(() -> RulesFile.read(dir.resolve("rules.yaml")))
                .isInstanceOf(NonblockingException.class)
                .hasMessage("no rules file at " + dir.resolve("rules.yaml"));
    }

    @Test
    void aCorruptFileIsAOneLineError() throws IOException {
        Path rules = write("gap: [min: 10\n");

        assertThatThrownBy(() -> RulesFile.read(rules))
                .isInstanceOf(NonblockingException.class)
                .hasMessageStartingWith("rules file " + rules + " is corrupt: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anUnknownKeyIsAnErrorNotASilentlyDroppedRule() throws IOException {
        Path rules = write(committed().replace("max_efficiency_drop:", "max_efficency_drop:"));

        assertThatThrownBy(() -> RulesFile.read(rules))
                .hasMessageStartingWith("rules file " + rules + " is corrupt: ")
                .hasMessageContaining("max_efficency_drop");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "min: 10|min: 0|gap needs of, over (target names) and min (a number above 0)",
            "over: blocking|over: ~|gap needs of, over (target names) and min (a number above 0)",
            "min: 0.90|min: 1.5|efficiency needs targets (a list) and min (a number in (0, 1])",
            "max_efficiency_drop: 0.10|max_efficiency_drop: 1|baseline.max_efficiency_drop must be a number in [0, 1)",
            "targets: [blocking, virtual]|targets: ~|baseline.targets must be a list (it may be empty)",
    })
    void anInvalidValueIsNamed(String from, String to, String problem) throws IOException {
        Path rules = write(committed().replace(from, to));

        assertThatThrownBy(() -> RulesFile.read(rules)).hasMessage("rules file " + rules + " is invalid: " + problem);
    }

    @Test
    void topLevelNeedsAList() throws IOException {
        Path rules = write(committed().replace("top_level:\n  targets: [virtual]", "top_level:\n  targets: ~"));

        assertThatThrownBy(() -> RulesFile.read(rules))
                .hasMessage("rules file " + rules + " is invalid: top_level.targets must be a list of target names (it may be empty)");
    }

    @Test
    void aTargetRuleNeedsAFloorOrACeiling() throws IOException {
        Path rules = write("targets:\n  shop: {}\n");
        assertThatThrownBy(() -> RulesFile.read(rules))
                .hasMessage("rules file " + rules + " is invalid: targets.shop needs min_sustainable_users or max_p99");
        Path p99 = write("targets:\n  shop:\n    max_p99: {users: 50}\n");
        assertThatThrownBy(() -> RulesFile.read(p99))
                .hasMessage("rules file " + p99 + " is invalid: targets.shop.max_p99 needs users (a level) and ms (above 0)");
    }

    @Test
    void anEmptyTargetListSwitchesTheBaselineRulesOff() throws IOException {
        Path rules = write(committed().replace("targets: [blocking, virtual]", "targets: []"));

        assertThat(RulesFile.read(rules).baseline().targets()).isEqualTo(List.of());
    }

    @Test
    void anEmptyFileIsAnError() throws IOException {
        Path rules = write("# nothing\n");

        assertThatThrownBy(() -> RulesFile.read(rules)).isInstanceOf(NonblockingException.class).hasMessageContaining(rules.toString());
    }

    private String committed() throws IOException {
        return Files.readString(Fixtures.RULES_FILE);
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("rules.yaml"), content);
    }
}
