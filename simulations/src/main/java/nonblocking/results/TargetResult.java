package nonblocking.results;

import java.util.Comparator;
import java.util.List;

/**
 * One target's ladder.
 *
 * @param config           how the target was run
 * @param jdk              the target's own JDK, from its census; null without one
 * @param idle             the target's memory before load (heap after GC, RSS); null without a census
 * @param levels           one entry per level, lowest users first
 * @param sustainableUsers see {@link Slo#sustainableUsers}; 0 when no level held
 */
public record TargetResult(TargetConfig config, String jdk, Memory idle, List<LevelResult> levels, int sustainableUsers) {

    public TargetResult {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    /** The levels counted as sustained: those at or below {@link #sustainableUsers}, lowest first; empty if none. */
    public List<LevelResult> sustainedLevels() {
        return levels.stream()
                .filter(this::sustains)
                .sorted(Comparator.comparingInt(LevelResult::users))
                .toList();
    }

    /** The level of this many users, or null when the target was not driven at it. */
    public LevelResult level(int users) {
        return levels.stream().filter(level -> level.users() == users).findFirst().orElse(null);
    }

    /** True when this level counts as sustained: at or below {@link #sustainableUsers}. */
    public boolean sustains(LevelResult level) {
        return level.users() <= sustainableUsers;
    }

    /** True when the target sustained the top of its ladder: its real limit lies higher, so its number is a lower bound. */
    public boolean heldTop() {
        return sustainableUsers > 0 && !levels.isEmpty() && sustainableUsers == levels.getLast().users();
    }

    /**
     * @param url               base URL the ladder drove
     * @param census            base URL of its census, or null when it has none
     * @param managed           true when the ladder started (and stopped) the target itself
     * @param model             thread model (blocking, virtual, ...), or null for a server that does not say
     * @param threads           blocking pool size, when known
     * @param maxVirtualThreads virtual-thread cap; null when unbounded or not applicable
     * @param jvmArgs           JVM options of a managed target (heap etc.), empty otherwise
     * @param request           what each user sent; null in files written before it was recorded
     * @param slo               the SLO its levels were judged by; null for the run's
     */
    public record TargetConfig(String url, String census, boolean managed, String model, Integer threads,
                               Integer maxVirtualThreads, List<String> jvmArgs, Request request, Slo slo) {
        public TargetConfig {
            jvmArgs = jvmArgs == null ? List.of() : List.copyOf(jvmArgs);
        }
    }

    /**
     * What each user sent: the seed request ({@code ?pause=&work=} on our own servers) or the URL as given.
     *
     * @param headers   the names of the extra headers (their values may be secrets, so they are not recorded)
     * @param bodyBytes the body's size; 0 for none
     * @param flow      the class of the user's own Gatling chain each user looped instead; null for none
     */
    public record Request(String method, boolean seed, List<String> headers, int bodyBytes, long timeoutMs, String flow) {
    }

    /** A memory reading: heap used after a GC (retained), and the process's resident set. */
    public record Memory(Long heapUsedBytes, Long rssBytes) {
    }
}
