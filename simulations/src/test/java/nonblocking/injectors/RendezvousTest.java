package nonblocking.injectors;

import nonblocking.NonblockingException;
import nonblocking.targets.FreePorts;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A real rendezvous on a real socket: N injectors learn one T0 ahead of them, or fail in one line. */
class RendezvousTest {

    private static String coordinator() {
        return "127.0.0.1:" + FreePorts.take("127.0.0.1", 1).getFirst();
    }

    @Test
    void allInjectorsLearnOneStartAheadOfTheLastToJoin() throws Exception {
        String at = coordinator();
        try (Rendezvous served = Rendezvous.serve(at, 3, Duration.ofSeconds(20));
             ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<Rendezvous.Start>> starts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int index = i;
                starts.add(pool.submit(() -> Rendezvous.join(at, "virtual", index, 3, Duration.ofSeconds(20))));
            }
            List<Rendezvous.Start> learned = new ArrayList<>();
            for (Future<Rendezvous.Start> start : starts) {
                learned.add(start.get(30, TimeUnit.SECONDS));
            }
            long t0 = learned.getFirst().t0Ms();
            assertThat(learned).allSatisfy(start -> {
                assertThat(start.t0Ms()).isEqualTo(t0);
                assertThat(start.joinedMs()).isLessThan(t0);   // learned before it: the lead covers the answers
                assertThat(Math.abs(start.offsetMs())).as("one machine, one clock").isLessThan(50);
            });
            // a second target is a round of its own
            assertThatThrownBy(() -> Rendezvous.join(at, "async", 0, 3, Duration.ofSeconds(1)))
                    .isInstanceOf(NonblockingException.class);
        }
    }

    @Test
    void tooFewInjectorsOrAnUnreachableCoordinatorFailInOneLine() {
        String at = coordinator();
        try (Rendezvous served = Rendezvous.serve(at, 2, Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> Rendezvous.join(at, "virtual", 0, 2, Duration.ofSeconds(5)))
                    .isInstanceOf(NonblockingException.class)
                    .hasMessage("injector 0: the rendezvous at " + at + " refused virtual: only 1 of 2 injectors were ready for virtual within 1 s");
            assertThatThrownBy(() -> Rendezvous.join(at, "virtual", 0, 3, Duration.ofSeconds(5)))
                    .isInstanceOf(NonblockingException.class).hasMessageContaining("does not belong to this run of 2 injectors");
        }
        assertThatThrownBy(() -> Rendezvous.join(at, "virtual", 1, 2, Duration.ofSeconds(1)))
                .isInstanceOf(NonblockingException.class)
                .hasMessageStartingWith("injector 1: cannot reach injector 0's rendezvous at " + at + " within 1 s")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aPortInUseIsOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String at = "127.0.0.1:" + taken.getLocalPort();
            assertThatThrownBy(() -> Rendezvous.serve(at, 2, Duration.ofSeconds(1))).isInstanceOf(NonblockingException.class)
                    .hasMessage("the rendezvous port " + taken.getLocalPort() + " is in use: free it or set another port in -Dcoordinator (" + at + ")");
        }
    }
}
