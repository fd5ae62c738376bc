package nonblocking.ladder;

import nonblocking.NonblockingException;
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
 */
public record TargetSpec(String name, ThreadModel model, Integer threads, Integer maxVirtualThreads, URI url,
                         URI census) {

    public TargetSpec {
        if (url == null && model == null) {
            throw new NonblockingException("target " + name + " needs -D" + name + ".model=blocking|virtual|async"
                    + " (a server the ladder starts) or -D" + name + ".url (one that runs already)");
        }
        // The one place that says which setting belongs to which model.
        if (threads != null && model != ThreadModel.BLOCKING) {
            throw new NonblockingException("-D" + name + ".threads is a pool size, which only the blocking model has ("
                    + name + " is " + label(model) + ")");
        }
        if (maxVirtualThreads != null && model != ThreadModel.VIRTUAL) {
            throw new NonblockingException("-D" + name + ".maxVirtualThreads is a cap of the virtual model only ("
                    + name + " is " + label(model) + ")");
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
        return model == null ? "of no stated model" : model.name().toLowerCase(java.util.Locale.ROOT);
    }
}
