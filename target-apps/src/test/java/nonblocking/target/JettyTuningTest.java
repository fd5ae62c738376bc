package nonblocking.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.server.HttpConfiguration;
import org.junit.jupiter.api.Test;

/** The one shared HttpConfiguration: Jetty's defaults unless a flag says otherwise. */
class JettyTuningTest {

    @Test
    void defaultHeaderCacheIsJettysOwn() {
        // If a Jetty upgrade changes its default, "out of the box" should follow: this test says so.
        assertThat(TargetConfig.DEFAULT_HEADER_CACHE_SIZE).isEqualTo(new HttpConfiguration().getHeaderCacheSize());
    }

    @Test
    void headerCacheSizeComesFromTheConfigAndProtectionsStay() {
        TargetConfig config = TargetConfig.defaults(ThreadModel.VIRTUAL).withHeaderCacheSize(0);
        HttpConfiguration http = JettyTuning.httpConfiguration(config);
        assertThat(http.getHeaderCacheSize()).isZero();
        assertThat(http.getRequestHeaderSize()).isEqualTo(new HttpConfiguration().getRequestHeaderSize());
        assertThat(http.getSendServerVersion()).isFalse();
    }
}
