package nonblocking.server.wait;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The kinds of wait, each a constant: its name ({@code --wait}, {@code -Dwait}), the namespace of its options
 * ({@code --wait-option downstream.calls=3}, {@code -Ddownstream.calls=3}) with their defaults, how it is made and how
 * it reads in a sentence. A new kind of wait is a class and a constant here; the ladder, its record, the results and
 * the report take it as it comes (they only carry its name, its settings and this description).
 */
public enum WaitKind {
    /** The seed's pause. */
    SLEEP("sleep", null, options(), spec -> async -> new Sleep()) {
        @Override
        public String describe(long pauseMs, Map<String, String> settings) {
            return "a pause of " + pauseMs + " ms";
        }
    },
    /** Sequential calls to a downstream HTTP server (ebarlas/project-loom-comparison's experiment). */
    HTTP("http", "downstream", options(WaitKind.URL, null, Downstream.CALLS, "3"), Downstream::read) {
        @Override
        public String describe(long pauseMs, Map<String, String> settings) {
            int calls = Integer.parseInt(settings.getOrDefault(Downstream.CALLS, "1"));
            return calls == 1 ? "1 HTTP call of " + pauseMs + " ms to a downstream server"
                    : calls + " sequential HTTP calls of " + pauseMs / calls + " ms to a downstream server";
        }
    },
    /** A query on PostgreSQL that lasts the pause, through a pool of connections. */
    DB("db", "db", options(WaitKind.URL, null, Database.POOL, "50", Database.TIMEOUT, "5000"), Database::read) {
        @Override
        public String describe(long pauseMs, Map<String, String> settings) {
            return Database.sql(pauseMs) + " on PostgreSQL through a pool of " + settings.get(Database.POOL)
                    + " connections";
        }
    };

    /** An option that names the server waited on; absent, the ladder starts one of its own (if it can). */
    public static final String URL = "url";

    private final String label;
    private final String namespace;
    private final Map<String, String> defaults;
    private final Function<WaitSpec, Recipe> read;

    /**
     * A kind's options, read and checked (no I/O, nothing started yet): what makes its wait. Reading them apart from
     * making the wait lets a bad option be a usage error before anything starts.
     */
    @FunctionalInterface
    public interface Recipe {
        /**
         * The wait of one server. {@code async}: the server's model holds no thread per request (the async model), so
         * only {@link Wait#start} will be called; otherwise only {@link Wait#await}. A wait that needs a different
         * client for each form makes only the one its model uses.
         *
         * @throws WaitFailed when what it waits on does not answer: the server does not start
         */
        Wait make(boolean async);
    }

    /**
     * @param namespace prefix of its options, or null for a kind without any
     * @param defaults  its options and their defaults, null for one without a default ({@value #URL})
     * @param read      reads a spec's options of this kind, or throws an IllegalArgumentException naming a bad one
     */
    WaitKind(String label, String namespace, Map<String, String> defaults, Function<WaitSpec, Recipe> read) {
        this.label = label;
        this.namespace = namespace;
        this.defaults = Collections.unmodifiableMap(defaults);
        this.read = read;
    }

    /** Options and their defaults in the order given, null allowed (Map.of takes neither). */
    private static Map<String, String> options(String... namesAndDefaults) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDefaults.length; i += 2) {
            options.put(namesAndDefaults[i], namesAndDefaults[i + 1]);
        }
        return options;
    }

    /** The lower-case name: in flags, JSON and every text. */
    public String label() {
        return label;
    }

    /** The prefix of its options ({@code downstream}), or null. */
    public String namespace() {
        return namespace;
    }

    /** Its options, without the namespace, and their defaults (null for none). */
    public Map<String, String> defaults() {
        return defaults;
    }

    /** The full name of one of its options, e.g. {@code downstream.calls}. */
    public String key(String option) {
        return namespace + "." + option;
    }

    /** One sentence for the console, the report and the headline, e.g. "3 sequential HTTP calls of 333 ms". */
    public abstract String describe(long pauseMs, Map<String, String> settings);

    Recipe read(WaitSpec spec) {
        return read.apply(spec);
    }

    /** The label: picocli lists and matches these in flags and errors. */
    @Override
    public String toString() {
        return label;
    }

    /** The kind of this name (any case), or an IllegalArgumentException listing the kinds. */
    public static WaitKind of(String name) {
        return Arrays.stream(values()).filter(kind -> kind.label.equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown wait " + name + "; use one of " + labels()));
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(WaitKind::label).toList();
    }

    /** Every option key of every kind, e.g. {@code downstream.url}: what a wait option may be called. */
    public static List<String> keys() {
        return Arrays.stream(values()).filter(kind -> kind.namespace != null)
                .flatMap(kind -> kind.defaults.keySet().stream().map(kind::key)).toList();
    }

    /** The namespaces of all kinds, lower case. */
    public static List<String> namespaces() {
        return Arrays.stream(values()).map(WaitKind::namespace).filter(ns -> ns != null)
                .map(ns -> ns.toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
