package nonblocking.results;

/**
 * The load generator's ceiling on this machine in one load model, as the calibration measured it ({@link #profile}):
 * the highest rate it sustained against our async target at a short pause, and what a request cost it. Every run of
 * that model made on the same machine afterwards states the ceiling it ran under, and a level near it is flagged:
 * there the injector, not the target, may be what is measured.
 *
 * @param rps                the highest rate that held, requests/s
 * @param cpuUsPerRequest    the injector's CPU per request at that rate, µs
 * @param cores              the machine's cores when it was measured (a ceiling holds for that machine only)
 * @param measuredAt         when, ISO-8601
 * @param runId              the calibration run, for its report
 */
public record Ceiling(int rps, Double cpuUsPerRequest, int cores, String measuredAt, String runId) {

    /** A level at or above this share of the ceiling is flagged. */
    public static final double NEAR = 0.8;

    /** The profile that measures a load model's ceiling. */
    public static String profile(Load load) {
        return load == Load.OPEN ? "calibrate" : "calibrate-closed";
    }

    /** The share of the ceiling a level's throughput is. */
    public double share(double throughputRps) {
        return rps <= 0 ? 0 : throughputRps / rps;
    }
}
