package nonblocking;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Which known key a misspelt one most likely meant, for "did you mean …?": the nearest, case aside, among those a
 * typo away (at most two edits: one swap of letters is two). The -D keys and the rules file's keys ask alike.
 */
public final class Typo {

    private static final LevenshteinDistance TYPO_AWAY = new LevenshteinDistance(2);
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private Typo() {
    }

    /** The candidate nearest to {@code key} a typo away; null for none. */
    public static String nearest(String key, Collection<String> candidates) {
        return nearest(key, candidates, candidate -> false);
    }

    /** The same, also among the candidates (lower-cased) that {@code alsoAmong} takes, however far they are. */
    public static String nearest(String key, Collection<String> candidates, Predicate<String> alsoAmong) {
        String lower = lower(key);
        return candidates.stream()
                .filter(candidate -> TYPO_AWAY.apply(lower, lower(candidate)) >= 0 || alsoAmong.test(lower(candidate)))
                .min(Comparator.comparingInt(candidate -> DISTANCE.apply(lower, lower(candidate))))
                .orElse(null);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
