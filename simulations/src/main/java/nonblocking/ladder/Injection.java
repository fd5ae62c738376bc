package nonblocking.ladder;

import java.time.Duration;

/**
 * Which injector this run is, of how many (-Dinjectors, -Dinjector, -Dcoordinator, or the variables a pod of the
 * Kubernetes Indexed Job gets). One injector is the ordinary run. With N, either this JVM launches N local injectors
 * and merges their parts ({@link #launches}), or it is one of them ({@link #part}): it drives its {@link Split} of
 * every level from one common start time, which it learns at injector 0's rendezvous.
 *
 * @param count       N
 * @param index       this injector's index; null for the JVM that launches N local ones
 * @param coordinator host:port of injector 0's rendezvous; null for one injector or the launcher
 * @param rendezvous  how long the injectors wait for each other before a target's ladder
 */
public record Injection(int count, Integer index, String coordinator, Duration rendezvous) {

    public static final Injection ALONE = new Injection(1, 0, null, Duration.ZERO);

    /** True for one of N injectors: its share of the users, a common start, its part of the record. */
    public boolean part() {
        return count > 1 && index != null;
    }

    /** True for the JVM that starts N local injectors and merges their parts instead of sending load itself. */
    public boolean launches() {
        return count > 1 && index == null;
    }

    /** This injector's share of every level. */
    public Split split() {
        return index == null ? Split.ALONE : new Split(index, count);
    }

    /** True for the injector that reads the targets' census and serves the rendezvous: the only one, or index 0. */
    public boolean first() {
        return index != null && index == 0;
    }
}
