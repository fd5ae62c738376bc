package nonblocking.ladder;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTest {

    @Test
    void okIsOkWhateverTheTime() {
        assertThat(Outcome.classify(false, 200, 9_999, 5_000).ok()).isTrue();
    }

    @Test
    void aResponseWithAnotherStatusIsKoByStatus() {
        assertThat(Outcome.classify(true, 503, 10, 5_000).koReason()).isEqualTo("status 503");
        assertThat(Outcome.classify(true, 404, 10, 5_000).koReason()).isEqualTo("status 404");
    }

    @Test
    void aFailed200IsACheckFailure() {
        assertThat(Outcome.classify(true, 200, 10, 5_000).koReason()).isEqualTo("check");
    }

    @Test
    void noResponseAtTheTimeoutIsATimeoutEarlierAConnectionFailure() {
        assertThat(Outcome.classify(true, null, 5_000, 5_000).koReason()).isEqualTo("timeout");
        assertThat(Outcome.classify(true, null, 4_950, 5_000).koReason()).isEqualTo("timeout");
        assertThat(Outcome.classify(true, null, 2_000, 5_000).koReason()).isEqualTo("connection");
        assertThat(Outcome.classify(true, null, 0, 5_000).koReason()).isEqualTo("connection");
    }
}
