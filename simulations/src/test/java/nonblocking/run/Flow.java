package nonblocking.run;

import io.gatling.javaapi.core.ChainBuilder;

import java.time.Duration;

/**
 * A user's own flow on the ladder: what one simulated user does once, in Gatling's Java DSL, looped while the
 * target's ladder runs. The ladder times each pass through the chain as one transaction, counts it in the level
 * whose hold it started in, and counts it KO when any request in it failed; the chain's own request names show in
 * Gatling's report. Name the class with {@code -D<target>.flow=<class>} (a public class with a no-argument
 * constructor, in {@code simulations/src/test/java}, beside the simulation) and give the target an SLO
 * ({@code -D<target>.slo.p99}), since a flow is not timed against the seed's pause. See
 * {@link nonblocking.flows.LoginThenTwoCalls}.
 */
public interface Flow {

    /**
     * @param target where to send it and how
     * @return the chain each user loops
     */
    ChainBuilder chain(Target target);

    /**
     * @param name    the target's name in the run
     * @param url     its URL as given, or a managed target's base URL
     * @param pauseMs the run's pause, for a flow against our own servers
     * @param timeout the target's request timeout
     */
    record Target(String name, String url, long pauseMs, Duration timeout) {
    }
}
