package nonblocking.ladder;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The profiles are data: profiles.yaml, read strictly. */
class ProfileTest {

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCommittedProfilesAreTheOnesTheReadmeDescribes() {
        assertThat(Profile.ALL.keySet()).containsExactly("default", "seed", "c10k", "cpu");
        Profile standard = Profile.ALL.get("default");
        assertThat(standard).isEqualTo(new Profile("default", List.of(25, 50, 100, 200, 400, 800, 1600, 3200),
                6, 1, 2, 1000, 0, 5000, null, 200));
        assertThat(Profile.ALL.get("seed").pauseMs()).isEqualTo(100);
        assertThat(Profile.ALL.get("seed").blockingThreads()).isEqualTo(10);
        assertThat(Profile.ALL.get("c10k").levels()).endsWith(10_000);
        assertThat(Profile.ALL.get("cpu").sloP99Ms()).isEqualTo(250.0);
        assertThat(Profile.ALL.get("cpu").workMicros()).isEqualTo(2000);
    }

    @Test
    void aMissingOrUnknownKeyIsAnErrorNotADefault() throws java.io.IOException {
        String whole = """
                quick:
                  levels: [1, 2]
                  hold_s: 1
                  ramp_s: 0
                  warmup_s: 0
                  pause_ms: 10
                  work_micros: 0
                  timeout_ms: 100
                  slo_p99_ms: null
                  blocking_threads: 2
                """;
        assertThat(Profile.read(yaml(whole)).get("quick").name()).isEqualTo("quick");
        assertThatThrownBy(() -> Profile.read(yaml(whole.replace("  hold_s: 1\n", ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hold_s");
        assertThatThrownBy(() -> Profile.read(yaml(whole.replace("hold_s", "hold"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hold")
                .hasMessageNotContaining("\n");
    }
}
