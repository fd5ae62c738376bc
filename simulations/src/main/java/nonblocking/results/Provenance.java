package nonblocking.results;

/**
 * Where and when a run ran, and from which code: what tells two runs apart without making them different experiments
 * (the gate compares only the machine's cores).
 *
 * @param source  the commit the run was built from, when it ran inside a git checkout; else null
 * @param ceiling the load generator's ceiling on this machine, when a calibration measured one; else null
 */
public record Provenance(String startedAt, String finishedAt, Machine machine, Source source, Ceiling ceiling) {

    /** The code a run measured, so that a trend can name the commit that moved it. */
    public record Source(String commit, String branch, boolean dirty) {
    }

    /** Where it ran: enough to tell two machines apart when comparing runs. */
    public record Machine(int cores, String jdk, String os, long maxOpenFiles) {
    }
}
