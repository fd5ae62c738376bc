package nonblocking.ladder;

import nonblocking.NonblockingException;
import nonblocking.results.Load;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The profiles are files of ordinary keys, read beneath the keys given, over default.properties. */
class ProfileTest {

    private static LadderConfig run(String... keysAndValues) {
        Map<String, String> given = new java.util.LinkedHashMap<>(Map.of("nonblocking.output", "/tmp/x"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            given.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return LadderConfig.from(given);
    }

    @Test
    void everyProfileOnTheClasspathMakesARunOfKnownKeys() {
        assertThat(Profiles.names()).contains("default", "seed", "c10k", "cpu");
        for (String name : Profiles.names()) {
            assertThat(run("profile", name).profile()).isEqualTo(name);
        }
    }

    @Test
    void aProfileSetsWhatItChangesAndTheDefaultsTheRest() {
        LadderConfig seed = run("profile", "seed");

        assertThat(seed.pauseMs()).isEqualTo(100);
        assertThat(seed.plan().upFront()).containsExactly(5, 10, 20, 50, 100, 200);
        assertThat(seed.targets()).extracting(TargetSpec::name).containsExactly("blocking", "hybrid", "virtual", "async");
        assertThat(seed.targets().getFirst().threads()).isEqualTo(10);
        assertThat(seed.targets().get(1).threads()).isEqualTo(10);
        assertThat(seed.ramp()).as("from default.properties").hasSeconds(1);
        assertThat(seed.load()).isEqualTo(Load.CLOSED);
        assertThat(seed.experiment().waitOn().kind()).isEqualTo("sleep");
    }

    @Test
    void aKeyGivenWinsOverItsProfile() {
        LadderConfig seed = run("profile", "seed", "pause", "200", "blocking.threads", "20");

        assertThat(seed.pauseMs()).isEqualTo(200);
        assertThat(seed.targets().getFirst().threads()).isEqualTo(20);
        assertThat(seed.experiment().profile()).isEqualTo("seed");
    }

    @Test
    void anUnknownProfileIsOneLineNamingTheKnownOnes() {
        assertThatThrownBy(() -> run("profile", "sead"))
                .isInstanceOf(NonblockingException.class)
                .hasMessageStartingWith("-Dprofile=sead is unknown; use one of " + Profiles.names())
                .hasMessageNotContaining("\n");
        assertThat(Profiles.names()).contains("default", "seed", "calibrate").isSorted();   // a new profile is one file
        assertThatThrownBy(() -> run("profile", "../etc/passwd")).isInstanceOf(NonblockingException.class);
    }
}
