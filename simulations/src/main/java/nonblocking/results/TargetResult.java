package nonblocking.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One target's ladder.
 *
 * @param jdk              the target's own JDK, from its census; null without one
 * @param idle             the target's memory before load; null without a census
 * @param levels           lowest users first
 * @param sustainableUsers the held of {@link Slo#capacity}; 0 when no level held
 * @param skipped          levels the early stop skipped (after two broken levels in a row), lowest first; not failures
 * @param runOrder         the users of the measured levels in the order they ran (a capacity search's path)
 * @param startedAt        when a managed target's JVM was started (ISO-8601), or when a given one was first probed
 * @param stoppedAt        when a managed target's JVM had stopped, or when the ladder was done with a given server;
 *                         managed targets run one at a time, so no two managed windows overlap
 * @param warmupS          how long the warm-up before the first level lasted, s: until the load generator's CPU per
 *                         request had settled (at least the experiment's {@code warmup_s}); null when unknown
 * @param crash            why the target stopped serving mid-ladder; null when it did not. Its levels up to then
 *                         are kept, but a crash is no capacity: there is no bracket and no gap
 * @param backendAfter     the connections of the server the target waited on, at the end of its ladder and once the
 *                         target had stopped; empty when it waits on none
 */
@JsonIgnoreProperties(value = {"bracket", "inconclusive_at"}, allowGetters = true)
public record TargetResult(Settings config, String jdk, Memory idle, List<LevelResult> levels, int sustainableUsers,
                           List<Integer> skipped, List<Integer> runOrder, String startedAt, String stoppedAt,
                           Double warmupS, Crash crash, Map<String, Long> backendAfter) {

    public TargetResult {
        levels = levels == null ? List.of() : List.copyOf(levels);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        runOrder = runOrder == null ? levels.stream().map(LevelResult::users).toList() : List.copyOf(runOrder);
        backendAfter = backendAfter == null ? Map.of() : new TreeMap<>(backendAfter);
    }

    /**
     * Where its capacity lies: its sustainable users, and the lowest level above them, which broke, or was the
     * harness's limit (the level says whether the harness bounded it).
     */
    public Capacity capacity() {
        LevelResult above = levels.stream().filter(level -> !sustains(level))
                .min(Comparator.comparingInt(LevelResult::users)).orElse(null);
        boolean harness = above != null && above.harnessBound();
        return new Capacity(sustainableUsers, above == null || harness ? null : above.users(),
                harness ? above.users() : null);
    }

    /** The capacity as {@code [held, broke]} for readers; null for a target that crashed, which has none. */
    @JsonProperty("bracket")
    public List<Integer> bracket() {
        Capacity capacity = capacity();
        return crash != null ? null : Arrays.asList(capacity.held(), capacity.broke());
    }

    /**
     * For readers: the level above the sustainable one where the harness, not the target, was the limit (then
     * {@link #bracket} has no upper end, and the capacity is a lower bound); null when there is none.
     */
    @JsonProperty("inconclusive_at")
    public Integer inconclusiveAt() {
        return crash != null ? null : capacity().inconclusive();
    }

    /**
     * The target stopped serving during its ladder: its JVM exited, or a server given by URL refused every
     * connection of a whole level.
     *
     * @param users    the level it was at
     * @param exitCode its JVM's exit code; null for a server given by URL
     * @param reason   in one line
     * @param log      a managed target's log; null otherwise
     */
    public record Crash(int users, Integer exitCode, String reason, String log) {
        /** "crashed" when its JVM exited; "stopped serving" when it, or the server it waits on, stopped answering. */
        public String what() {
            return exitCode != null ? "crashed" : "stopped serving";
        }
    }

    /** The levels counted as sustained: those at or below {@link #sustainableUsers}, lowest first; empty if none. */
    public List<LevelResult> sustainedLevels() {
        return levels.stream().filter(this::sustains).sorted(Comparator.comparingInt(LevelResult::users)).toList();
    }

    public LevelResult level(int users) {
        return levels.stream().filter(level -> level.users() == users).findFirst().orElse(null);
    }

    public boolean sustains(LevelResult level) {
        return level.users() <= sustainableUsers;
    }

    /**
     * @param census            base URL of its census, or null when it has none
     * @param managed           true when the ladder started (and stopped) the target itself
     * @param model             thread model (blocking, virtual, ...), or null for a server that does not say
     * @param maxVirtualThreads virtual-thread cap; null when unbounded or not applicable
     * @param request           what each user sent; null in files written before it was recorded
     * @param slo               the SLO its levels were judged by; null for the run's
     */
    public record Settings(String url, String census, boolean managed, String model, Integer threads,
                               Integer maxVirtualThreads, List<String> jvmArgs, Request request, Slo slo) {
        public Settings {
            jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        }
    }

    /**
     * What each user sent: the seed request ({@code ?pause=&work=} on our own servers) or the URL as given.
     *
     * @param headers the names of the extra headers (their values may be secrets, so they are not recorded)
     * @param flow    the class of the user's own Gatling chain each user looped instead; null for none
     * @param pauseMs the pause each request was timed against: the seed request's (the run's, or the target's own
     *                {@code -D<name>.pause}); 0 for a URL as given or a flow
     */
    public record Request(String method, boolean seed, List<String> headers, int bodyBytes, long timeoutMs, String flow,
                          long pauseMs) {
    }

    /** A memory reading: heap used after a GC (retained), and the process's resident set. */
    public record Memory(Long heapUsedBytes, Long rssBytes) {
    }
}
