package nonblocking.ladder;

import nonblocking.NonblockingException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A misspelled key of ours is one line naming the nearest known key; the JVM's, Maven's and Gatling's are left alone. */
class KnownKeysTest {

    private static LadderConfig of(String... keysAndValues) {
        Map<String, String> given = new LinkedHashMap<>(Map.of("nonblocking.output", "/tmp/x"));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            given.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return LadderConfig.from(given);
    }

    @Test
    void aRunKeyATypoAwayIsRefusedNamingTheKeyMeant() {
        assertThatThrownBy(() -> of("level", "10,20")).isInstanceOf(NonblockingException.class)
                .hasMessage("-Dlevel is not a key of nonblocking; did you mean -Dlevels? (docs/running.md lists every key)");
        assertThatThrownBy(() -> of("Levels", "10")).hasMessageContaining("did you mean -Dlevels?");
        assertThatThrownBy(() -> of("puase", "10")).hasMessageContaining("did you mean -Dpause?");
        assertThatThrownBy(() -> of("slo.p90", "10")).hasMessageContaining("did you mean -Dslo.p99?");
    }

    @Test
    void aTargetsKeyIsCheckedUnderItsName() {
        assertThatThrownBy(() -> of("targets", "shop", "shop.url", "http://127.0.0.1:9/orders", "shop.slo.p99", "100",
                "shop.methd", "POST"))
                .hasMessageStartingWith("-Dshop.methd is not a key of nonblocking; did you mean -Dshop.method?");
        assertThatThrownBy(() -> of("targets", "shop", "shop.url", "http://127.0.0.1:9/orders", "shop.slo.p99", "100",
                "sohp.url", "http://127.0.0.1:9/"))
                .hasMessageContaining("did you mean -Dshop.url?");
        assertThatThrownBy(() -> of("virtual.colour", "red")).hasMessageStartingWith("-Dvirtual.colour is not a key");
        assertThat(of("targets", "shop", "shop.url", "http://127.0.0.1:9/orders", "shop.slo.p99", "100",
                "shop.header.X-Trace", "1").targets().getFirst().request().headers()).containsEntry("X-Trace", "1");
    }

    @Test
    void theKeysOfTheJvmMavenAndGatlingAreLeftAlone() {
        assertThat(of("java.home", "/x", "maven.repo.local", "/m2", "gatling.simulationClass", "X", "skipTests", "",
                "user.dir", "/", "sun.jnu.encoding", "UTF-8", "style.color", "always", "test", "Foo", "results", "a.json",
                "gate.rules", "r.yaml", "jdk.debug", "release").profile()).isEqualTo("default");
    }
}
