package nonblocking.gate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import nonblocking.Typo;

import java.util.Arrays;
import java.util.List;

/**
 * A key of the rules file that no rule has, in one line a newcomer can act on: its path, the valid key a typo away
 * from it (if any), and the valid keys at that place, e.g. {@code unknown key baseline.max_p99_increas; did you
 * mean max_p99_increase? (the keys of baseline: targets, max_p99_increase, ...)}.
 */
final class UnknownKey {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private UnknownKey() {
    }

    static String describe(UnrecognizedPropertyException e) {
        String place = RulesFile.path(e.getPath().subList(0, e.getPath().size() - 1));
        String key = e.getPropertyName();
        List<String> valid = keys(e.getReferringClass());
        String nearest = Typo.nearest(key, valid);
        return "unknown key " + (place.isEmpty() ? "" : place + ".") + key
                + (nearest == null ? "" : "; did you mean " + nearest + "?")
                + " (the keys " + (place.isEmpty() ? "at the top" : "of " + place) + ": " + String.join(", ", valid) + ")";
    }

    /** The keys a section may have, in the order its record declares them. */
    private static List<String> keys(Class<?> section) {
        return section.isRecord() ? Arrays.stream(section.getRecordComponents())
                .map(component -> SNAKE_CASE.translate(component.getName())).toList() : List.of();
    }
}
