package nonblocking.gate;

import nonblocking.results.Numbers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    @Test
    void aPassingLineNamesMetricMeasuredLimitBaselineAndRule() {
        Verdict verdict = new Verdict("top_level", "virtual.sustainable_users", 3200.0, "= top level 3200", 3200.0, true, null,
                Figure.COUNT);

        assertThat(verdict.line()).isEqualTo("PASS virtual.sustainable_users  measured 3200  limit = top level 3200  baseline 3200  [top_level]");
    }

    @Test
    void aFailingLineCarriesTheNoteAndAMissingBaseline() {
        Verdict verdict = new Verdict("max_p99", "virtual.p99_all_ms at 400", 1210.12345, "<= 1200.0", null, false,
                "at 400 users", Figure.LATENCY_MS);

        assertThat(verdict.line()).isEqualTo("FAIL virtual.p99_all_ms at 400  measured 1210.1 (at 400 users)  limit <= 1200.0  baseline none  [max_p99]");
    }

    @Test
    void valuesPrintAtThePrecisionOfTheirMetric() {
        Verdict latency = new Verdict("baseline_p99", "virtual.p99_all_ms", 1158.8413, "<= 1200.0", 1007.25, true, null,
                Figure.LATENCY_MS);
        Verdict throughput = new Verdict("baseline_throughput", "virtual.throughput_rps", 23.7413, ">= 22.0", 24.0, true,
                null, Figure.THROUGHPUT_RPS);

        assertThat(latency.measuredText()).isEqualTo("1158.8");
        assertThat(latency.baselineText()).isEqualTo("1007.3");
        assertThat(throughput.measuredText()).isEqualTo("23.7");
        assertThat(throughput.baselineText()).isEqualTo("24.0");
        assertThat(Figure.COUNT.text(3200.0)).isEqualTo("3200");
        assertThat(Figure.RATIO.text(16.0)).isEqualTo("16");
        assertThat(Figure.RATIO.text(0.9412)).isEqualTo("0.9412");
    }

    @Test
    void anErrorIsAFailWithItsProblem() {
        Verdict verdict = Verdict.error("inputs", "results.json", "no results file at x.json");

        assertThat(verdict.pass()).isFalse();
        assertThat(verdict.line()).isEqualTo("FAIL results.json  no results file at x.json  [inputs]");
    }

    @Test
    void numbersLoseTrailingZerosAndKeepFourDecimals() {
        assertThat(Numbers.plain(16.0)).isEqualTo("16");
        assertThat(Numbers.plain(12.5)).isEqualTo("12.5");
        assertThat(Numbers.plain(0.87930000001)).isEqualTo("0.8793");
        assertThat(Numbers.plain(Double.NaN)).isEqualTo("NaN");
    }
}
