package nonblocking.targets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up ends once the load generator's CPU per request stops falling, window by window. */
class WarmUpTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aCostStillFallingIsNotSettledAndAFlatOneIs() {
        WarmUp warmUp = new WarmUp();
        warmUp.sample(0, 0, 0);
        warmUp.sample(SECOND, 100_000_000, 100);          // 1 ms of CPU a request: the JIT at work
        assertThat(warmUp.settled()).as("one window says nothing yet").isFalse();
        warmUp.sample(2 * SECOND, 150_000_000, 200);      // 0.5 ms: still falling
        assertThat(warmUp.settled()).isFalse();
        warmUp.sample(3 * SECOND, 196_000_000, 300);      // 0.46 ms: within 10 % of the window before
        assertThat(warmUp.settled()).isTrue();
    }

    @Test
    void aWindowGoesOnUntilItHasEnoughRequests() {
        WarmUp warmUp = new WarmUp();
        warmUp.sample(0, 0, 0);
        warmUp.sample(SECOND, 10_000_000, 10);
        warmUp.sample(2 * SECOND, 20_000_000, 20);        // 20 requests over 2 s: too few to judge
        warmUp.sample(3 * SECOND, 30_000_000, 30);        // 30: the first window closes
        warmUp.sample(4 * SECOND, 39_000_000, 60);        // 30 more, cheaper per request: the second
        assertThat(warmUp.settled()).isFalse();
        warmUp.sample(5 * SECOND, 48_000_000, 90);
        assertThat(warmUp.settled()).isTrue();
    }

    @Test
    void withoutTheInjectorsCpuTheWarmUpKeepsItsPlannedLength() {
        WarmUp warmUp = new WarmUp();
        for (int s = 0; s < 10; s++) {
            warmUp.sample(s * SECOND, -1, 100L * s);
        }
        assertThat(warmUp.settled()).as("nothing to wait for: no extension beyond the planned warm-up").isTrue();
    }
}
