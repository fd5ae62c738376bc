package nonblocking.results;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a level holds (the service level objective), and the rule that turns a ladder into one number: the highest
 * level a target holds. The ladder climbs from the bottom and stops at the first level that does not hold, so a
 * lucky level above a failed one does not count. The run records its SLO in results.json; headline, console,
 * report and gate all ask it, and none restates a limit.
 *
 * @param p99Ms         the highest p99 latency of a level that holds, ms, over all its responses (OK and KO: a
 *                      failure counts at its time to failure, as Gatling's own assertions count it)
 * @param minEfficiency the lowest throughput / (users / pause) of a level that holds; null without a pause; when
 *                      {@code offered} (the open model), the lowest achieved rate / offered rate
 */
public record Slo(double p99Ms, double koPercent, Double minEfficiency, boolean offered) {

    /** An open level holds only if it achieved this share of its offered rate. */
    public static final double MIN_ACHIEVED = 0.95;

    public static Slo open(double p99Ms, double koPercent) {
        return new Slo(p99Ms, koPercent, MIN_ACHIEVED, true);
    }

    /** The closed model's SLO. */
    public Slo(double p99Ms, double koPercent, Double minEfficiency) {
        this(p99Ms, koPercent, minEfficiency, false);
    }

    public static final double P99_PAUSES = 1.5;
    public static final double KO_PERCENT = 1.0;
    /**
     * A level with a pause must also serve this share of users / pause: a capped server can keep its p99 under 1.5
     * pauses by serving fewer requests (2,400 of 3,200 users at p99 1.4 s), which is not holding.
     */
    public static final double MIN_EFFICIENCY = 0.9;

    /** The default SLO of a run with this pause: p99 ≤ 1.5 × pause, KO ≤ 1 %, efficiency ≥ 0.9 when there is a pause. */
    public static Slo forPause(long pauseMs) {
        return new Slo(P99_PAUSES * pauseMs, KO_PERCENT, pauseMs > 0 ? MIN_EFFICIENCY : null);
    }

    public enum Limit {
        REQUESTS, P99, KO, EFFICIENCY
    }

    /** The limits in one line: "p99 ≤ 1500 ms, KO ≤ 1 %, throughput ≥ 0.9 × users / pause". */
    public String limits() {
        return "p99 ≤ " + Numbers.plain(p99Ms) + " ms, KO ≤ " + Numbers.plain(koPercent) + " %"
                + (minEfficiency == null ? "" : ", " + (offered ? "achieved rate ≥ " : "throughput ≥ ")
                + Numbers.plain(minEfficiency) + (offered ? " × offered" : " × users / pause"));
    }

    /** What breaking a limit means, e.g. "p99 over 1500 ms". */
    public String text(Limit limit) {
        return switch (limit) {
            case REQUESTS -> "no requests";
            case P99 -> "p99 over " + Numbers.plain(p99Ms) + " ms";
            case KO -> "KO over " + Numbers.plain(koPercent) + " %";
            case EFFICIENCY -> offered ? "achieved rate under " + Numbers.plain(minEfficiency) + " × offered"
                    : "throughput under " + Numbers.plain(minEfficiency) + " × users / pause";
        };
    }

    public Set<Limit> broken(LevelResult level) {
        if (level.requests() == 0) {
            return EnumSet.of(Limit.REQUESTS);
        }
        Set<Limit> broken = EnumSet.noneOf(Limit.class);
        if (level.latency().p99AllMs() > p99Ms) {
            broken.add(Limit.P99);
        }
        if (level.koPercent() > koPercent) {
            broken.add(Limit.KO);
        }
        if (minEfficiency != null && level.efficiency() < minEfficiency) {
            broken.add(Limit.EFFICIENCY);
        }
        return broken;
    }

    public boolean holds(LevelResult level) {
        return broken(level).isEmpty();
    }

    /**
     * The level's verdict: it holds, or it breaks; a level that breaks while the harness was the limit
     * ({@link LevelResult.Harness#harnessBound}) is inconclusive, neither held nor broken.
     */
    public LevelVerdict verdict(LevelResult level) {
        return holds(level) ? LevelVerdict.HOLDS
                : level.harnessBound() ? LevelVerdict.INCONCLUSIVE : LevelVerdict.BREAKS;
    }

    /** The capacity of these levels; a level that ran twice counts as {@link LevelVerdict#merge} says. */
    public Capacity capacity(List<LevelResult> levels) {
        return Capacity.of(levels.stream().collect(Collectors.toMap(LevelResult::users, this::verdict, LevelVerdict::merge)));
    }
}
