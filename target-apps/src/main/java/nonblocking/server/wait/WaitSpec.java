package nonblocking.server.wait;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which wait a server's requests make and its options, as given ({@code --wait http --wait-option
 * downstream.calls=3}). Options of any kind are accepted, so that one set serves every kind (a compose file names the
 * downstream server and the database alike); each must be an option some kind has, so that a typo is an error, not a
 * default. The kind reads its own ({@link #settings}).
 *
 * @param options by full name ({@code downstream.calls}), as given
 */
public record WaitSpec(WaitKind kind, Map<String, String> options) {

    public static final WaitSpec SLEEP = new WaitSpec(WaitKind.SLEEP, Map.of());

    public WaitSpec {
        Objects.requireNonNull(kind, "kind");
        options = Map.copyOf(options == null ? Map.of() : options);
        options.keySet().stream().filter(key -> !WaitKind.keys().contains(key)).findFirst().ifPresent(key -> {
            throw new IllegalArgumentException("unknown wait option " + key + "; known: " + WaitKind.keys());
        });
    }

    /** The same spec with one option set (the address of a server the ladder started for the targets to wait on). */
    public WaitSpec with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(options);
        more.put(key, value);
        return new WaitSpec(kind, more);
    }

    /** Its kind's options without their namespace, defaults filled in; an option without a value is left out. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        kind.defaults().forEach((option, fallback) -> {
            String value = options.getOrDefault(kind.key(option), fallback);
            if (value != null && !value.isBlank()) {
                settings.put(option, value.trim());
            }
        });
        return settings;
    }

    /** A whole-number option in [min, max], or an IllegalArgumentException naming it. */
    public int number(String option, int min, int max) {
        String raw = settings().get(option);
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the message below says what it must be
        }
        throw new IllegalArgumentException(kind.key(option) + "=" + raw + " must be a whole number from " + min
                + " to " + max);
    }

    /** The option's value, or an IllegalArgumentException saying the kind needs it. */
    public String required(String option) {
        String value = settings().get(option);
        if (value == null) {
            throw new IllegalArgumentException("the " + kind.label() + " wait needs " + kind.key(option));
        }
        return value;
    }

    /** Reads its kind's options without making anything: an IllegalArgumentException names a bad one. */
    public void check() {
        kind.read(this);
    }

    /**
     * The wait itself, made once per server: {@code async} for a model that holds no thread per request (see
     * {@link WaitKind.Recipe#make}).
     */
    public Wait make(boolean async) {
        return kind.read(this).make(async);
    }

    /**
     * A server's address as it may be shown and recorded: without its query or fragment and user info, where a
     * database URL keeps its password.
     */
    public static String withoutSecrets(String url) {
        return url.replaceAll("[?#].*$", "").replaceAll("//[^/@]*@", "//");
    }

    public String describe(long pauseMs) {
        return kind.describe(pauseMs, settings());
    }
}
