package nonblocking.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static nonblocking.results.Numbers.plain;

/**
 * What differs between two settings, field by field: both are written as results.json writes them and the two trees
 * are walked together, so that a field added to a record is compared without another line. A difference is named
 * by its path ({@code hold_s}, {@code slo.p99_ms}, {@code wait.pause_ms}): the names the gate's
 * {@code -Dgate.allowDifferent} accepts, a group ({@code slo}) standing for all of its fields.
 */
public final class Differences {

    private Differences() {
    }

    /** A setting that differs, by its path, its two values as text. */
    public record Difference(String field, String value, String other) {

        /** The group: {@code slo} for {@code slo.p99_ms}, the field itself for one without parts. */
        public String group() {
            int dot = field.indexOf('.');
            return dot < 0 ? field : field.substring(0, dot);
        }

        /** E.g. "hold_s 6 vs baseline 30", with {@code versus} "vs baseline". */
        public String text(String versus) {
            return field + " " + value + " " + versus + " " + other;
        }

        /** True when {@code allowed} names this field or a group it lies in. */
        public boolean allowedBy(Set<String> allowed) {
            return allowed.stream().anyMatch(name -> field.equals(name) || field.startsWith(name + "."));
        }
    }

    /** Every field whose value differs between {@code a} and {@code b}, under {@code prefix} (blank for none). */
    public static List<Difference> between(String prefix, Object a, Object b) {
        List<Difference> differences = new ArrayList<>();
        walk(prefix, tree(a), tree(b), differences);
        return differences;
    }

    /** Every path of the tree of {@code value}, groups and fields, under {@code prefix}. */
    public static Set<String> paths(String prefix, Object value) {
        Set<String> paths = new LinkedHashSet<>();
        collect(prefix, tree(value), paths);
        return paths;
    }

    /** "hold_s 6 vs baseline 30; slo.p99_ms 10000 vs baseline 1500". */
    public static String text(List<Difference> differences, String versus) {
        return differences.stream().map(difference -> difference.text(versus)).collect(Collectors.joining("; "));
    }

    private static JsonNode tree(Object value) {
        return value == null ? MissingNode.getInstance() : ResultsFile.MAPPER.valueToTree(value);
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Difference> differences) {
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> walk(join(path, name), a.path(name), b.path(name), differences));
        } else if (!same(a, b)) {
            differences.add(new Difference(path, text(a), text(b)));
        }
    }

    private static void collect(String path, JsonNode node, Set<String> paths) {
        if (!path.isEmpty()) {
            paths.add(path);
        }
        Iterator<String> names = node.isObject() ? node.fieldNames() : java.util.Collections.emptyIterator();
        names.forEachRemaining(name -> collect(join(path, name), node.get(name), paths));
    }

    /** Equal values; a whole number and the same number with decimals (3 and 3.0) are equal. */
    private static boolean same(JsonNode a, JsonNode b) {
        return a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0
                : absent(a) ? absent(b) : a.equals(b);
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.isArray() && node.isEmpty();
    }

    private static String text(JsonNode node) {
        if (absent(node)) {
            return "none";
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(text(item)));
            return String.join(" ", items);
        }
        return node.isNumber() ? plain(node.doubleValue()) : node.isTextual() ? node.asText() : node.toString();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
