package nonblocking.targets;

import nonblocking.NonblockingException;
import nonblocking.server.TargetApp;
import nonblocking.server.TargetConfig;
import nonblocking.server.TargetServer;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the target's ready line: url= always, census= when the target has a census port. */
class ManagedTargetTest {

    private static final String WITH_CENSUS = "nonblocking target ready: model=blocking url=http://127.0.0.1:41234/"
            + " census=http://127.0.0.1:41235/ pool=qtp(threads=200,acceptors=1,selectors=1,max=202,reserved=0)"
            + " pause=1000ms jdk=25.0.1 pid=4242";
    private static final String WITHOUT_CENSUS = "nonblocking target ready: model=virtual url=http://127.0.0.1:41236"
            + " pool=virtual(max-virtual-threads=unbounded,qtp-max=10,acceptors=1,selectors=1,reserved=0)"
            + " pause=1000ms jdk=21.0.5 pid=4243";

    @Test
    void readsUrlAndCensus() {
        assertThat(ManagedTarget.readyUrl(WITH_CENSUS, ManagedTarget.URL_FIELD))
                .contains(URI.create("http://127.0.0.1:41234/"));
        assertThat(ManagedTarget.readyUrl(WITH_CENSUS, ManagedTarget.CENSUS_FIELD))
                .contains(URI.create("http://127.0.0.1:41235/"));
    }

    @Test
    void noCensusFieldMeansNoCensusPortAndUrlsGetTheirSlash() {
        assertThat(ManagedTarget.readyUrl(WITHOUT_CENSUS, ManagedTarget.URL_FIELD))
                .contains(URI.create("http://127.0.0.1:41236/"));
        assertThat(ManagedTarget.readyUrl(WITHOUT_CENSUS, ManagedTarget.CENSUS_FIELD)).isEmpty();
        assertThat(ManagedTarget.readyUrl("nonblocking target ready: model=virtual", ManagedTarget.URL_FIELD)).isEmpty();
    }

    @Test
    void aFieldMatchesOnlyWhole() {
        // "census_url=" or "xurl=" are not url=.
        assertThat(ManagedTarget.readyUrl("ready: xurl=http://a:1/ census_url=http://b:2/", ManagedTarget.URL_FIELD))
                .isEmpty();
        assertThatThrownBy(() -> ManagedTarget.readyUrl("ready: url=http://bad^host/", ManagedTarget.URL_FIELD))
                .isInstanceOf(NonblockingException.class);
    }

    /** The contract with target-apps: what a real TargetServer prints is what the ladder reads. */
    @Test
    void readsWhatARealTargetPrints() throws Exception {
        TargetConfig config = TargetApp.parse("--model", "blocking", "--port", "0", "--census-port", "0", "--stop-timeout", "500");
        try (TargetServer server = new TargetServer(config).start()) {
            String line = server.readyLine();
            assertThat(line).startsWith(ManagedTarget.READY_PREFIX);
            assertThat(ManagedTarget.readyUrl(line, ManagedTarget.URL_FIELD)).contains(server.uri());
            assertThat(ManagedTarget.readyUrl(line, ManagedTarget.CENSUS_FIELD)).isEqualTo(server.censusUri());
        }
    }
}
