package nonblocking.ladder;

import nonblocking.NonblockingException;
import nonblocking.Typo;
import nonblocking.server.wait.WaitKind;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every -D key of ours is known or refused: a misspelled key must not fall back to a default and send a whole
 * default ladder at someone's service. Ours are the run's keys ({@link Keys.Run}), every target's
 * {@code <name>.<key>} ({@link Keys.Target}), the waits' options ({@code downstream.url}, ...) and anything that
 * starts like them; so is a key a typo away from one of them ({@code -Dlevel}). The properties of the JVM, Maven
 * and Gatling (which reach the Gatling JVM with ours) are left alone.
 */
final class KnownKeys {

    /** The first words of keys that are the JVM's, Maven's, Gatling's or the gate's: never ours. */
    private static final Set<String> FOREIGN = Set.of("java", "jdk", "sun", "os", "user", "file", "line", "path",
            "native", "stdout", "stderr", "maven", "gatling", "gate", "results", "io", "org", "com", "net", "jansi",
            "library", "guice_custom_class_loading", "classworlds", "picocli", "logback", "slf4j", "awt", "jna",
            "style", "env", "skipTests", "test", "it", "surefire", "failsafe", "sort");
    /** The first words of our run keys that have a second one: anything under them is ours. */
    private static final Set<String> RUN_GROUPS = Set.of("slo", "auto", "gap", "target", "rendezvous", "nonblocking");

    private KnownKeys() {
    }

    /** Refuses the first key of ours in {@code props} that is not known, naming the nearest known one. */
    static void check(Map<String, String> props, List<String> targets) {
        Set<String> owners = new LinkedHashSet<>(targets);
        owners.addAll(TargetProperties.BUILT_IN.keySet());
        Set<String> known = new LinkedHashSet<>(Keys.names(Keys.Run.class));
        known.add(Overrides.CWD);
        known.add("settings");
        for (String owner : owners) {
            Keys.names(Keys.Target.class).forEach(key -> known.add(owner + "." + key));
        }
        known.addAll(WaitKind.keys());
        for (String key : props.keySet()) {
            if (known.contains(key) || header(key, owners)) {
                continue;
            }
            String first = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            boolean ours = owners.contains(first) || RUN_GROUPS.contains(first) || WaitKind.namespaces().contains(first);
            String nearest = nearest(key, known, ours);
            if (ours || (nearest != null && !FOREIGN.contains(first))) {
                throw new NonblockingException("-D" + key + " is not a key of nonblocking"
                        + (nearest == null ? "" : "; did you mean -D" + nearest + "?")
                        + " (docs/running.md lists every key)");
            }
        }
    }

    /** {@code <target>.header.<Name>}: one extra request header each, any name. */
    private static boolean header(String key, Set<String> owners) {
        return owners.stream().anyMatch(owner -> key.startsWith(owner + ".header.") && key.length() > owner.length() + 8);
    }

    /**
     * The known key closest to {@code key} (case aside) among those a typo away; for a key that is surely ours, also
     * among those with the same first word, however far.
     */
    private static String nearest(String key, Set<String> known, boolean ours) {
        String lower = key.toLowerCase(Locale.ROOT);
        String firstWord = lower.contains(".") ? lower.substring(0, lower.indexOf('.') + 1) : null;
        return Typo.nearest(key, known, candidate -> ours && firstWord != null && candidate.startsWith(firstWord));
    }
}
