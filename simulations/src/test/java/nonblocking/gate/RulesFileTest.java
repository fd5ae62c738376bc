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
        assertThat(rules.baseline().targets()).containsExactly("blocking", "tuned", "virtual", "async");
        assertThat(rules.baseline().perTarget()).isEmpty();
        assertThat(rules.baseline().noiseMultiple()).isEqualTo(2.0);
        for (String target : rules.baseline().targets()) {
            assertThat(rules.baseline().limits(target)).as(target).isEqualTo(new Rules.Limits(0.15, 0.10, 0.05));
        }
    }

    @Test
    void theFixturesRulesAreTheCommittedOnesCutToTwoTargets() throws IOException {
        String committed = Files.readString(Fixtures.COMMITTED_RULES);
        String fixtures = Files.readString(Fixtures.RULES_FILE);

        assertThat(fixtures.lines().filter(line -> !line.startsWith("#")).toList()).isEqualTo(committed
                .replace("targets: [virtual, async]", "targets: [virtual]")
                .replace("targets: [blocking, tuned, virtual, async]", "targets: [blocking, virtual]")
                .lines().filter(line -> !line.startsWith("#")).toList());
    }

    @Test
    void aMissingFileIsAOneLineError() {
        assertThatThrownBy(() -> RulesFile.read(dir.resolve("rules.yaml")))
                .isInstanceOf(NonblockingException.class)
                .hasMessage("no rules file at " + dir.resolve("rules.yaml"));
    }

    @Test
    void aFileThatIsNotYamlSaysWhereInOneLine() throws IOException {
        Path rules = write("gap: {of: virtual, min: 10\n");

        assertThatThrownBy(() -> RulesFile.read(rules))
                .isInstanceOf(NonblockingException.class)
                .hasMessageStartingWith("rules file " + rules + " is not valid YAML (line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aTypoNamesTheKeyItsNearestValidKeyAndTheValidKeysThere() throws IOException {
        Path rules = write(committed().replace("max_p99_increase:", "max_p99_increas:"));

        assertThatThrownBy(() -> RulesFile.read(rules)).isInstanceOf(NonblockingException.class)
                .hasMessage("rules file " + rules + " is invalid: unknown key baseline.max_p99_increas; did you mean"
                        + " max_p99_increase? (the keys of baseline: targets, max_p99_increase, max_p50_increase,"
                        + " max_throughput_drop, noise_multiple, per_target)");
    }

    @Test
    void aTypoInAServicesCeilingIsNamedToo() throws IOException {
        Path rules = write("targets:\n  shop:\n    max_p9: {users: 50, ms: 200}\n");

        assertThatThrownBy(() -> RulesFile.read(rules)).hasMessage("rules file " + rules + " is invalid: unknown key"
                + " targets.shop.max_p9; did you mean max_p99? (the keys of targets.shop: min_sustainable_users, max_p99)");
    }

    @Test
    void aRuleThatNoLongerExistsIsAnUnknownKeyWithoutAGuess() throws IOException {
        Path efficiency = write(committed() + "efficiency:\n  targets: [virtual]\n  min: 0.90\n");

        assertThatThrownBy(() -> RulesFile.read(efficiency)).hasMessage("rules file " + efficiency + " is invalid:"
                + " unknown key efficiency (the keys at the top: gap, top_level, targets, baseline)");
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByItsPath() throws IOException {
        Path rules = write(committed().replace("max_p99_increase: 0.15", "max_p99_increase: fifteen"));

        assertThatThrownBy(() -> RulesFile.read(rules))
                .hasMessageStartingWith("rules file " + rules + " is invalid: baseline.max_p99_increase: ")
                .hasMessageContaining("\"fifteen\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "min: 10|min: 0|gap needs of, over (target names) and min (a number above 0)",
            "over: blocking|over: ~|gap needs of, over (target names) and min (a number above 0)",
            "max_throughput_drop: 0.05|max_throughput_drop: 1|baseline.max_throughput_drop must be a number in [0, 1) (0.05: down to 95% of the baseline)",
            "max_throughput_drop: 0.05|max_throughput_drop: ~|baseline.max_throughput_drop must be a number in [0, 1) (0.05: down to 95% of the baseline)",
            "max_p99_increase: 0.15|max_p99_increase: -0.1|baseline.max_p99_increase must be a number of at least 0 (0.15: up to 15% above the baseline)",
            "max_p50_increase: 0.10|max_p50_increase: -1|baseline.max_p50_increase must be a number of at least 0 (0.10: up to 10% above the baseline)",
            "targets: [blocking, virtual]|targets: ~|baseline.targets must be a list (it may be empty)",
            "noise_multiple: 2|noise_multiple: -1|baseline.noise_multiple must be a number of at least 0 (2: a level's limit is at least twice the spread of the baseline's runs there; 0: the fixed limits alone)",
            "noise_multiple: 2|noise_multiple: ~|baseline.noise_multiple must be a number of at least 0 (2: a level's limit is at least twice the spread of the baseline's runs there; 0: the fixed limits alone)",
            "top_level:|top_levle:|unknown key top_levle; did you mean top_level? (the keys at the top: gap, top_level, targets, baseline)",
            "  min: 10|  minimum: 10|unknown key gap.minimum (the keys of gap: of, over, min)",
            "  max_p50_increase: 0.10|  maxP50Increase: 0.10|unknown key baseline.maxP50Increase; did you mean max_p50_increase? (the keys of baseline: targets, max_p99_increase, max_p50_increase, max_throughput_drop, noise_multiple, per_target)",
    })
    void anInvalidValueOrUnknownKeyIsNamedByItsPath(String from, String to, String problem) throws IOException {
        Path rules = write(committed().replace(from, to));

        assertThatThrownBy(() -> RulesFile.read(rules)).hasMessage("rules file " + rules + " is invalid: " + problem);
    }

    @Test
    void aBaselineSectionNeedsEveryLimit() throws IOException {
        Path rules = write(committed().replace("  max_p50_increase: 0.10\n", ""));

        assertThatThrownBy(() -> RulesFile.read(rules)).hasMessage("rules file " + rules + " is invalid:"
                + " baseline.max_p50_increase must be a number of at least 0 (0.10: up to 10% above the baseline)");
    }

    @Test
    void aTargetMayHaveLimitsOfItsOwn() throws IOException {
        Path rules = write(committed() + "  per_target:\n    virtual: {max_p99_increase: 0.30, max_throughput_drop: 0.1}\n");

        Rules.BaselineRules baseline = RulesFile.read(rules).baseline();

        assertThat(baseline.limits("virtual")).isEqualTo(new Rules.Limits(0.30, 0.10, 0.1));
        assertThat(baseline.limits("blocking")).isEqualTo(new Rules.Limits(0.15, 0.10, 0.05));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "shop: {max_p99_increase: 0.3}|baseline.per_target.shop: shop is not in baseline.targets [blocking, virtual]",
            "virtual: {}|baseline.per_target.virtual needs max_p99_increase, max_p50_increase or max_throughput_drop",
            "virtual: {max_throughput_drop: 1.5}|baseline.per_target.virtual.max_throughput_drop must be a number in [0, 1) (0.05: down to 95% of the baseline)",
    })
    void aTargetsOwnLimitsAreChecked(String entry, String problem) throws IOException {
        Path rules = write(committed() + "  per_target:\n    " + entry + "\n");

        assertThatThrownBy(() -> RulesFile.read(rules)).hasMessage("rules file " + rules + " is invalid: " + problem);
    }

    @Test
    void aTypoInATargetsOwnLimitsIsAnError() throws IOException {
        Path rules = write(committed() + "  per_target:\n    virtual: {max_p99_increse: 0.3}\n");

        assertThatThrownBy(() -> RulesFile.read(rules)).hasMessage("rules file " + rules + " is invalid: unknown key"
                + " baseline.per_target.virtual.max_p99_increse; did you mean max_p99_increase? (the keys of"
                + " baseline.per_target.virtual: max_p99_increase, max_p50_increase, max_throughput_drop)");
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
