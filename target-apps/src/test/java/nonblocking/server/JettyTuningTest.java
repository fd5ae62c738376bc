package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.jetty.server.HttpConfiguration;
import org.junit.jupiter.api.Test;

/** The one shared HttpConfiguration: Jetty's defaults but for the header cache, which is off. */
class JettyTuningTest {

    @Test
    void headerCacheIsOffByDefaultWhereJettyWouldKeepOnePerConnection() {
        // If a Jetty upgrade drops its per-connection cache, this tuning (and its README note) can go.
        assertThat(new HttpConfiguration().getHeaderCacheSize()).isPositive();
        assertThat(JettyTuning.httpConfiguration(Configs.of(ThreadModel.BLOCKING).build()).getHeaderCacheSize())
                .isZero();
    }

    @Test
    void headerCacheSizeComesFromTheConfigAndProtectionsStay() {
        TargetConfig config = Configs.of(ThreadModel.VIRTUAL).headerCacheSize(1024).build();
        HttpConfiguration http = JettyTuning.httpConfiguration(config);
        assertThat(http.getHeaderCacheSize()).isEqualTo(1024);
        assertThat(http.getRequestHeaderSize()).isEqualTo(new HttpConfiguration().getRequestHeaderSize());
        assertThat(http.getSendServerVersion()).isFalse();
    }
}
