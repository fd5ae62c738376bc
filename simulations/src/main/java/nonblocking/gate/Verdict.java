package nonblocking.gate;

/**
 * What one rule decided.
 *
 * @param rule     the rule's key in rules.yaml ("gap", "virtual_top_level", …), or "inputs" for a file that could not be read
 * @param metric   what was measured, e.g. "virtual.sustainable_users"
 * @param measured the run's value; null when it could not be measured (then {@code note} says why)
 * @param limit    the bound the value had to meet, as text (e.g. ">= 10", "= top level 3200")
 * @param baseline the baseline run's value of the same metric; null without a (readable) baseline
 * @param note     where the value comes from (e.g. "at 3200 users"), or the problem when nothing was measured
 * @param figure   what kind of number the values are, which sets how they print
 */
public record Verdict(String rule, String metric, Double measured, String limit, Double baseline, boolean pass, String note,
                      Figure figure) {

    /** A rule that could not be evaluated: always a FAIL. */
    public static Verdict error(String rule, String metric, String problem) {
        return new Verdict(rule, metric, null, null, null, false, problem, Figure.RATIO);
    }

    /** One line, e.g. {@code PASS virtual.sustainable_users  measured 3200  limit = top level 3200  baseline 3200  [virtual_top_level]}. */
    public String line() {
        String values = measured == null ? note
                : "measured " + measuredText() + "  limit " + limit + "  baseline " + baselineText();
        return (pass ? "PASS" : "FAIL") + " " + metric + "  " + values + "  [" + rule + "]";
    }

    /** The measured value with its note ("1170.0 (at 3200 users)"), or the problem when nothing was measured. */
    public String measuredText() {
        return measured == null ? note : figure.text(measured) + (note == null ? "" : " (" + note + ")");
    }

    public String baselineText() {
        return baseline == null ? "none" : figure.text(baseline);
    }
}
