package nonblocking.targets;

import nonblocking.ladder.LadderConfig;
import nonblocking.ladder.Outcome;
import nonblocking.ladder.TargetSpec;
import nonblocking.results.LevelResult;
import nonblocking.results.TargetResult;
import nonblocking.run.ConsoleProgress;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TargetRunTest {

    private static final long MS = 1_000_000L;

    @Test
    void levelResultTurnsCountsIntoThroughputAndEfficiency() {
        LadderConfig config = LadderConfig.from(Map.of("levels", "10,20", "hold", "2", "ramp", "0", "warmup", "1",
                "pause", "1000", "timeout", "3000", "nonblocking.output", "/tmp/x"));
        List<String> lines = new ArrayList<>();
        TargetSpec spec = new TargetSpec("virtual", null, null, null, URI.create("http://127.0.0.1:9/"), null,
                TargetSpec.Request.of(true), null);
        try (TargetRun run = new TargetRun(spec, null, config, null, new ConsoleProgress(config.load(), lines::add))) {
            run.attach(null, new TargetClient(spec.url(), null), null);
            long t0 = 1_000_000_000L;
            run.userStarted(t0);
            assertThat(run.requestName(t0 + 500 * MS)).isEqualTo("virtual warm-up");
            assertThat(run.requestName(t0 + 1500 * MS)).isEqualTo("virtual 0010u");
            assertThat(run.requestName(t0 + 3500 * MS)).isEqualTo("virtual 0020u");
            // 10 users for 2 s at 1 s pause: 20 OK responses would be perfect; record 19 and one timeout
            for (int i = 0; i < 19; i++) {
                run.recorder().record(t0 + 1500 * MS, 1010 * MS, Outcome.OK);
            }
            run.recorder().record(t0 + 1500 * MS, 3000 * MS, new Outcome("timeout"));
            LevelResult level = run.levelResult(0);
            assertThat(level.users()).isEqualTo(10);
            assertThat(level.requests()).isEqualTo(20);
            assertThat(level.ok()).isEqualTo(19);
            assertThat(level.koReasons()).containsEntry("timeout", 1L);
            assertThat(level.throughputRps()).isEqualTo(9.5);
            assertThat(level.efficiency()).isCloseTo(0.95, within(1e-9));
            assertThat(level.latency().p50Ms()).isCloseTo(1010, within(1.0));
            assertThat(level.footprint().platformThreadsPeak()).isNull();   // no census
            assertThat(level.footprint().heapRetainedBytes()).isNull();

            TargetResult result = run.result();
            assertThat(result.levels()).hasSize(2);
            assertThat(result.config().managed()).isFalse();
            assertThat(result.config().jvmArgs()).isEmpty();
            assertThat(result.config().model()).isNull();
            assertThat(result.config().census()).isNull();
            assertThat(result.jdk()).isNull();
            assertThat(result.sustainableUsers()).isZero();     // 5% KO in the first level
            assertThat(run.loadUrl()).isEqualTo("http://127.0.0.1:9/?pause=1000");
            assertThat(result.config().request().pauseMs()).isEqualTo(1000);

            // The raw record: each level's window on the wall clock, 2 s long, the second right after the first.
            var record = run.record();
            assertThat(record.levels()).extracting(l -> l.holdEndMs() - l.holdStartMs()).containsExactly(2000L, 2000L);
            assertThat(record.levels().get(1).holdStartMs()).isEqualTo(record.levels().get(0).holdEndMs());
            assertThat(record.levels().get(0).allLatency().getTotalCount()).isEqualTo(20);
        }
    }

    @Test
    void aTargetsOwnPauseIsWhatItsUsersAskForAndWhatItIsTimedAgainst() {
        LadderConfig config = LadderConfig.from(Map.of("levels", "10", "hold", "2", "ramp", "0", "warmup", "0",
                "pause", "1000", "virtual.pause", "1200", "targets", "virtual", "nonblocking.output", "/tmp/x"));
        TargetRun.Launch launch = new TargetRun.Launch(List.of("java"), URI.create("http://127.0.0.1:9/"),
                java.nio.file.Path.of("/tmp/x/virtual.log"));
        try (TargetRun run = new TargetRun(config.targets().getFirst(), launch, config, null, new ConsoleProgress(config.load(), line -> { }))) {
            assertThat(run.loadUrl()).endsWith("?pause=1200");
            run.attach(null, new TargetClient(URI.create("http://127.0.0.1:9/"), null), null);
            run.userStarted(1_000_000_000L);
            for (int i = 0; i < 16; i++) {
                run.recorder().record(1_000_000_000L + 500 * MS, 1210 * MS, Outcome.OK);
            }
            // 16 answers in 2 s from 10 users at 1.2 s: efficiency 8 / (10 / 1.2)
            assertThat(run.levelResult(0).efficiency()).isCloseTo(0.96, within(1e-9));
            assertThat(run.result().config().request().pauseMs()).isEqualTo(1200);
        }
    }

    @Test
    void aLevelIsBrokenAlreadyWhenTooManyOfItsRequestsOutlastTheP99Limit() {
        LadderConfig config = LadderConfig.from(Map.of("levels", "10", "hold", "2", "ramp", "0", "warmup", "0",
                "pause", "1000", "timeout", "5000", "nonblocking.output", "/tmp/x"));   // p99 limit 1500 ms, KO 1 %
        TargetSpec spec = new TargetSpec("blocking", null, null, null, URI.create("http://127.0.0.1:9/"), null,
                TargetSpec.Request.of(true), null);
        try (TargetRun run = new TargetRun(spec, null, config, null, new ConsoleProgress(config.load(), line -> { }))) {
            run.attach(null, new TargetClient(spec.url(), null), null);
            long t0 = 1_000_000_000L;
            run.userStarted(t0);
            for (int i = 0; i < 100; i++) {
                run.recorder().started(t0 + 500 * MS);
            }
            for (int i = 0; i < 98; i++) {
                run.recorder().record(t0 + 500 * MS, 1000 * MS, Outcome.OK);
            }
            assertThat(run.conductor().brokenAlready(0, 1600 * MS)).as("2 of 100 still out: the KO limit and p99 may yet hold").isFalse();
            run.recorder().record(t0 + 500 * MS, 1000 * MS, Outcome.OK);
            run.recorder().started(t0 + 500 * MS);
            run.recorder().started(t0 + 500 * MS);
            // 102 started, 3 still out: more than KO limit + 1 %
            assertThat(run.conductor().brokenAlready(0, 1400 * MS)).as("before the p99 limit has passed").isFalse();
            assertThat(run.conductor().brokenAlready(0, 1600 * MS)).isTrue();
        }
    }
}
