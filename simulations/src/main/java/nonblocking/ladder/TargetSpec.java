package nonblocking.ladder;

import nonblocking.NonblockingException;
import nonblocking.results.Slo;
import nonblocking.server.ThreadModel;

import java.net.URI;

/**
 * One named target of a run, as {@code -D<name>.model|threads|maxVirtualThreads|url|census} describe it.
 * A target without a URL is managed: the ladder starts it as a child JVM with this model and these settings.
 *
 * @param name              the target's name in the run, the report and the gate
 * @param model             its thread model; null only for a server given by URL that does not say
 * @param threads           blocking pool size; null for any other model
 * @param maxVirtualThreads virtual-thread cap; null when unbounded or not virtual
 * @param url               the server to drive; null when the ladder starts one
 * @param census            its census base URL when it differs from {@code url}; null otherwise
 * @param request           what each user sends
 * @param slo               when one of its levels holds; null for the run's
 */
public record TargetSpec(String name, ThreadModel model, Integer threads, Integer maxVirtualThreads, URI url,
                         URI census, Request request, Slo slo) {

    /** A target that asks what the run asks of our own servers, judged by the run's SLO. */
    public TargetSpec(String name, ThreadModel model, Integer threads, Integer maxVirtualThreads, URI url, URI census) {
        this(name, model, threads, maxVirtualThreads, url, census, Request.of(url == null), null);
    }

    /** The same target without its census: for every injector but the one that reads it. */
    public TargetSpec withoutCensus() {
        return new TargetSpec(name, model, threads, maxVirtualThreads, url, null, request, slo);
    }

    /**
     * What each user of a target sends. The seed request is ours: {@code GET <url>?pause=<ms>[&work=<µs>]}, which
     * only our own servers understand. Any other target's URL is requested exactly as given, with this method,
     * these headers and this body. The rule is explicit: {@code -D<name>.seed}, true for the servers the ladder
     * starts and false for a URL, unless said otherwise.
     *
     * @param method    the HTTP method
     * @param headers   extra request headers
     * @param body      the request body; null for none
     * @param timeoutMs this target's request timeout; null for the run's
     * @param pauseMs   the pause this target's seed request asks for; null for the run's (a target made slower on
     *                  purpose, e.g. to see that the gate notices)
     * @param seed      true: the seed request (the run's pause and work as a query); false: the URL as given
     * @param flow      a Gatling chain of the user's own that each user loops instead (a class name); null for none
     */
    public record Request(String method, java.util.Map<String, String> headers, byte[] body, Long timeoutMs, boolean seed,
                          String flow, Long pauseMs) {
        public Request {
            headers = java.util.Map.copyOf(headers);
        }

        /** True when the ladder times the target against the run's pause: the seed request, not a flow of one's own. */
        public boolean paused() {
            return seed && flow == null;
        }

        public static Request of(boolean seed) {
            return new Request("GET", java.util.Map.of(), null, null, seed, null, null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Request r && method.equals(r.method) && headers.equals(r.headers)
                    && java.util.Arrays.equals(body, r.body) && java.util.Objects.equals(timeoutMs, r.timeoutMs)
                    && seed == r.seed && java.util.Objects.equals(flow, r.flow) && java.util.Objects.equals(pauseMs, r.pauseMs);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(method, headers, java.util.Arrays.hashCode(body), timeoutMs, seed, flow, pauseMs);
        }
    }

    public TargetSpec {
        if (url == null && model == null) {
            throw new NonblockingException("target " + name + " needs -D" + name + ".model=" + String.join("|",
                    java.util.Arrays.stream(ThreadModel.values()).map(ThreadModel::label).toList())
                    + " (a server the ladder starts) or -D" + name + ".url (one that runs already)");
        }
        // The one place that says which setting belongs to which model.
        if (threads != null && (model == null || !model.pooled())) {
            throw new NonblockingException("-D" + name + ".threads is a pool size, which only the "
                    + models(ThreadModel::pooled) + " models have (" + name + " is " + label(model) + ")");
        }
        if (maxVirtualThreads != null && (model == null || !model.capped())) {
            throw new NonblockingException("-D" + name + ".maxVirtualThreads is a cap of the "
                    + models(ThreadModel::capped) + " model only (" + name + " is " + label(model) + ")");
        }
        if (census != null && url == null) {
            throw new NonblockingException("-D" + name + ".census needs -D" + name
                    + ".url: a managed target's census port is found by the ladder itself");
        }
    }

    /** True when the ladder starts (and stops) this target itself. */
    public boolean managed() {
        return url == null;
    }

    /** The model's lower-case name, or null. */
    public String modelName() {
        return model == null ? null : label(model);
    }

    static String label(ThreadModel model) {
        return model == null ? "of no stated model" : model.label();
    }

    /** The models that take a setting, e.g. "blocking". */
    private static String models(java.util.function.Predicate<ThreadModel> takes) {
        return java.util.Arrays.stream(ThreadModel.values()).filter(takes).map(ThreadModel::label)
                .collect(java.util.stream.Collectors.joining(" and "));
    }
}
