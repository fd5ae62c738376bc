package nonblocking.ladder;

/**
 * How one request ended, from what the simulation can see after it: Gatling's failed flag, the status it saved
 * (absent when no response arrived), and the time it took.
 *
 * @param koReason null for OK, otherwise "timeout", "status N", "check", "connection" or "flow"
 */
public record Outcome(String koReason) {

    public static final Outcome OK = new Outcome(null);
    public static final String TIMEOUT = "timeout";
    public static final String CONNECTION = "connection";
    public static final String CHECK = "check";
    /** A pass through a user's own flow in which some request failed. */
    public static final Outcome FLOW = new Outcome("flow");

    /** Below this share of the timeout a failure without a response is a connection problem, not a timeout. */
    static final double TIMEOUT_SHARE = 0.98;

    public boolean ok() {
        return koReason == null;
    }

    /**
     * @param failed    Gatling marked the request KO (status check or transport failure)
     * @param status    HTTP status of the response, null when none arrived
     * @param elapsedMs how long the request took, from just before it was sent
     * @param timeoutMs the request timeout
     */
    public static Outcome classify(boolean failed, Integer status, double elapsedMs, long timeoutMs) {
        if (!failed) {
            return OK;
        }
        if (status != null) {
            return new Outcome(status / 100 == 2 ? CHECK : "status " + status);
        }
        return new Outcome(elapsedMs >= TIMEOUT_SHARE * timeoutMs ? TIMEOUT : CONNECTION);
    }
}
