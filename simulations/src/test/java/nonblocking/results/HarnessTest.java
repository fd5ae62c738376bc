package nonblocking.results;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule that says when a level measured the harness rather than the target. */
class HarnessTest {

    @Test
    void aBusyMachineIsTheHarnessLimitWhenTheLoadGeneratorTookItsShare() {
        // the capacity search's 3,200 level here: machine 99 %, Gatling 0.78 of 2 cores
        LevelResult.Harness harness = LevelResult.Harness.of(0.99, 0.78, null, null, 2);
        assertThat(harness.harnessBound()).isTrue();
        assertThat(harness.boundBy()).containsExactly("machine CPU 99 %");
    }

    @Test
    void aTargetThatKeepsTheMachineBusyOnItsOwnIsItsOwnLimit() {
        // a wait that spins: machine 100 %, Gatling 0.15 cores, the target the rest
        assertThat(LevelResult.Harness.of(1.0, 0.15, null, null, 2).harnessBound()).isFalse();
    }

    @Test
    void aBackendOnTheSameMachineCountsAsHarness() {
        assertThat(LevelResult.Harness.of(0.94, 0.21, null, 0.38, 2).harnessBound()).isTrue();
        assertThat(LevelResult.Harness.of(0.50, 0.10, null, 0.85, 2).boundBy()).containsExactly("backend CPU 0.85 cores");
    }

    @Test
    void anOpenLevelSentLateIsTheInjectorsLimitWhateverTheMachine() {
        assertThat(LevelResult.Harness.of(0.60, 0.50, 9.4, null, 2).boundBy()).containsExactly("injector lag p99 9.4 ms");
    }

    @Test
    void withoutTheCoresABusyMachineStillCounts() {
        assertThat(LevelResult.Harness.of(0.95, 0.1, null, null, 0).harnessBound()).isTrue();
    }
}
