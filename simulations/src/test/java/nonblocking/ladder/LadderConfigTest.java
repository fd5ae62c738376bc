package nonblocking.ladder;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LadderConfigTest {

    private static LadderConfig of(String... kv) {
        Map<String, String> props = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        props.putIfAbsent("nonblocking.output", "/tmp/out");
        return LadderConfig.from(props);
    }

    @Test
    void defaultProfileIsTheFullLadderAtOneSecond() {
        LadderConfig c = of();
        assertThat(c.profile()).isEqualTo("default");
        assertThat(c.levels()).containsExactly(25, 50, 100, 200, 400, 800, 1600, 3200);
        assertThat(c.pauseMs()).isEqualTo(1000);
        assertThat(c.hold()).isEqualTo(Duration.ofSeconds(6));
        assertThat(c.ramp()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.targets()).containsExactly("blocking", "virtual");
        assertThat(c.blockingThreads()).isEqualTo(200);
        assertThat(c.virtualMaxThreads()).isNull();
        assertThat(c.targetHeap()).isEqualTo("512m");
        assertThat(c.managed("blocking")).isTrue();
        assertThat(c.outputDir()).isEqualTo(Path.of("/tmp/out"));
        assertThat(c.gatlingResultsDir()).isEqualTo(Path.of("/tmp/gatling"));
        // the default run fits the 4-minute budget: two ladders of ~67 s plus drains
        assertThat(c.ladder().duration()).isLessThan(Duration.ofSeconds(70));
    }

    @Test
    void seedProfileIsTheBlogsExperiment() {
        LadderConfig c = of("profile", "seed");
        assertThat(c.levels()).containsExactly(5, 10, 20, 50, 100, 200);
        assertThat(c.pauseMs()).isEqualTo(100);
        assertThat(c.blockingThreads()).isEqualTo(10);
    }

    @Test
    void c10kProfileGoesToTenThousandUsers() {
        LadderConfig c = of("profile", "c10k");
        assertThat(c.maxUsers()).isEqualTo(10_000);
        assertThat(c.targetHeap()).as("the issue caps the heap at 512 MB").isEqualTo("512m");
        assertThat(c.pauseMs()).isEqualTo(1000);
    }

    @Test
    void overridesWinOverTheProfile() {
        LadderConfig c = of("levels", "25, 50", "hold", "3", "ramp", "1.5", "warmup", "0", "pause", "200",
                "timeout", "900", "targets", "virtual", "blocking.threads", "20", "virtual.maxVirtualThreads", "300",
                "runId", "ci-1", "target.heap", "1g");
        assertThat(c.levels()).containsExactly(25, 50);
        assertThat(c.hold()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.ramp()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.warmup()).isZero();
        assertThat(c.pauseMs()).isEqualTo(200);
        assertThat(c.timeoutMs()).isEqualTo(900);
        assertThat(c.targets()).containsExactly("virtual");
        assertThat(c.blockingThreads()).isEqualTo(20);
        assertThat(c.virtualMaxThreads()).isEqualTo(300);
        assertThat(c.runId()).isEqualTo("ci-1");
        assertThat(c.targetHeap()).isEqualTo("1g");
        assertThat(c.profile()).isEqualTo("custom");
    }

    @Test
    void shorterHoldsKeepTheProfileName() {
        assertThat(of("hold", "3").profile()).isEqualTo("default");
        assertThat(of("profile", "seed", "hold", "2").profile()).isEqualTo("seed");
        assertThat(of("levels", "25,50").profile()).isEqualTo("custom");
    }

    @Test
    void urlsMakeATargetForeignAndGetATrailingSlash() {
        LadderConfig c = of("blocking.url", "http://127.0.0.1:8081", "virtual.url", "http://localhost:8082/");
        assertThat(c.managed("blocking")).isFalse();
        assertThat(c.urls()).containsEntry("blocking", URI.create("http://127.0.0.1:8081/"))
                .containsEntry("virtual", URI.create("http://localhost:8082/"));
        assertThat(TargetClient.loadUri(c.urls().get("blocking"), 1000).toString())
                .isEqualTo("http://127.0.0.1:8081/?pause=1000");
    }

    @Test
    void aForeignTargetsCensusPortIsOptional() {
        LadderConfig c = of("blocking.url", "http://127.0.0.1:8081/", "blocking.census", "http://127.0.0.1:9081",
                "virtual.url", "http://127.0.0.1:8082/");
        assertThat(c.censusUrls()).containsOnly(Map.entry("blocking", URI.create("http://127.0.0.1:9081/")));
    }

    @Test
    void loadGoesOnlyToThisMachineUnlessRemoteIsSaidOutLoud() {
        assertThat(of("virtual.url", "http://localhost:8082/").urls()).containsKey("virtual");
        assertThat(of("virtual.url", "http://[::1]:8082/").urls()).containsKey("virtual");
        assertThat(of("virtual.url", "http://127.0.0.2:8082/").urls()).containsKey("virtual");
        // 192.0.2.0/24 is TEST-NET-1: never anybody's server, and a literal needs no DNS.
        assertThatThrownBy(() -> of("virtual.url", "http://192.0.2.1:8082/"))
                .isInstanceOf(LadderException.class)
                .hasMessageContaining("-Dremote=true");
        assertThatThrownBy(() -> of("blocking.url", "http://127.0.0.1:8081/", "blocking.census", "http://192.0.2.1:9081/"))
                .isInstanceOf(LadderException.class)
                .hasMessageContaining("blocking.census");
        assertThat(of("virtual.url", "http://192.0.2.1:8082/", "remote", "true").urls())
                .containsEntry("virtual", URI.create("http://192.0.2.1:8082/"));
    }

    @Test
    void unboundedCapIsNoCap() {
        assertThat(of("virtual.maxVirtualThreads", "unbounded").virtualMaxThreads()).isNull();
    }

    @Test
    void badValuesAreOneLineErrorsNamingTheProperty() {
        List<String[]> bad = List.of(
                new String[]{"profile", "huge"},
                new String[]{"levels", "50,25"},
                new String[]{"levels", "a,b"},
                new String[]{"levels", ""},
                new String[]{"hold", "0"},
                new String[]{"hold", "x"},
                new String[]{"ramp", "0.5"},
                new String[]{"pause", "-1"},
                new String[]{"timeout", "500"},
                new String[]{"targets", "both"},
                new String[]{"blocking.threads", "0"},
                new String[]{"virtual.url", "ftp://x/"},
                new String[]{"blocking.url", "http://127.0.0.1:8081/?pause=1"},
                new String[]{"blocking.census", "http://127.0.0.1:9081/"},   // without blocking.url
                new String[]{"remote", "maybe"},
                new String[]{"runId", "../x"},
                new String[]{"target.heap", "lots"});
        for (String[] kv : bad) {
            assertThatThrownBy(() -> of(kv[0], kv[1]))
                    .as("-D%s=%s", kv[0], kv[1])
                    .isInstanceOf(LadderException.class)
                    .hasMessageContaining(kv[0])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }
}
