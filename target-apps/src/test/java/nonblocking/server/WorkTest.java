package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code ?work=<µs>} costs about that much CPU per request, in every model: measured on CPU time, not wall time. */
class WorkTest {
    private static final int REQUESTS = 30;
    private static final long WORK_MICROS = 20_000;

    @ParameterizedTest
    @EnumSource(ThreadModel.class)
    void eachRequestBurnsAboutTheCpuTimeItAskedFor(ThreadModel model) throws Exception {
        try (TargetServer server = Configs.of(model).stopTimeoutMs(2000).start(); TestHttp http = new TestHttp(server)) {
            assertThat(Work.calibrated().label()).as("a calibration of at least one iteration per µs").matches("[1-9][0-9]*iter/us");
            assertThat(server.readyLine()).endsWith(" work=" + Work.calibrated().label());
            http.get("/?pause=0&work=1000"); // warm up the path

            long before = http.threads().cpuTimeNs();
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(http.get("/?pause=0&work=" + WORK_MICROS).body()).isEqualTo("HelloWorld");
            }
            long burnt = http.threads().cpuTimeNs() - before;

            long asked = REQUESTS * WORK_MICROS * 1000;
            System.out.printf("%s: %d requests x %d us of work: process CPU time grew %d ms (asked %d ms)%n",
                    model, REQUESTS, WORK_MICROS, burnt / 1_000_000, asked / 1_000_000);
            // Loose on purpose: the whole JVM's CPU time (client, JIT, GC included) on a shared machine.
            assertThat(burnt).isBetween(asked / 2, asked * 3);
        }
    }
}
