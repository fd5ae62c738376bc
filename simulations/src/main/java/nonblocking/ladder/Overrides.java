package nonblocking.ladder;

import nonblocking.NonblockingException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * How one {@code -D} property is read: a number in its range, seconds, a flag, a URL on this machine, and where the
 * -Dsettings file's keys go. Every bad value is a one-line error naming the property, "-D<key>=<raw> <problem>".
 * Rules that span several properties are {@link LadderConfig}'s; a target's own properties are
 * {@link TargetProperties}'.
 */
final class Overrides {

    private Overrides() {
    }

    /** The -Dsettings file's keys beneath the ones given. */
    static Map<String, String> withSettings(Map<String, String> given) {
        String file = given.get("settings");
        if (file == null || file.isBlank()) {
            return given;
        }
        java.util.Properties settings = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(Path.of(file.trim()))) {
            settings.load(in);
        } catch (java.io.IOException | RuntimeException e) {
            throw bad("settings", file, "cannot be read: " + e.getMessage());
        }
        Map<String, String> props = new LinkedHashMap<>();
        settings.forEach((key, value) -> props.put(key.toString(), value.toString().trim()));
        props.putAll(given);
        props.remove("settings");
        return props;
    }

    /** Every bad value is reported alike: "-D<key>=<raw> <problem>". */
    static NonblockingException bad(String key, Object raw, String problem) {
        return new NonblockingException("-D" + key + "=" + raw + " " + problem);
    }

    static <T> T parse(String key, String raw, Function<String, T> parser, String what) {
        try {
            return parser.apply(raw.trim());
        } catch (NumberFormatException e) {
            throw bad(key, raw, "must be " + what);
        }
    }

    static <T extends Number> T ranged(String key, String raw, Function<String, T> parser, String what, T min, T max) {
        T value = parse(key, raw, parser, what);
        if (!(value.doubleValue() >= min.doubleValue() && value.doubleValue() <= max.doubleValue())) {
            throw bad(key, raw, "must be between " + min + " and " + max);
        }
        return value;
    }

    static long longValue(Map<String, String> props, String key, long fallback, long min, long max) {
        String raw = props.get(key);
        return raw == null || raw.isBlank() ? fallback : ranged(key, raw, Long::parseLong, "a whole number", min, max);
    }

    static Duration seconds(Map<String, String> props, String key, double fallback, boolean zeroOk) {
        String raw = props.get(key);
        double s = raw == null ? fallback : parse(key, raw, Double::parseDouble, "a number of seconds");
        if (Double.isNaN(s) || s < 0 || (!zeroOk && s == 0) || s > 3600) {
            throw bad(key, raw, "must be " + (zeroOk ? ">= 0" : "> 0") + " and <= 3600 seconds");
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    static boolean bool(Map<String, String> props, String key) {
        String raw = props.getOrDefault(key, "false").trim().toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "true", "" -> true;   // a bare -Dremote means true, as for Maven's own flags
            case "false" -> false;
            default -> throw bad(key, props.get(key), "must be true or false");
        };
    }

    static URI optionalUrl(Map<String, String> props, String key, boolean remote) {
        String raw = props.get(key);
        return raw == null || raw.isBlank() ? null : url(key, raw.trim(), remote, true);
    }

    /** @param base true for a base URL (ends in "/", no query), false for a URL requested exactly as given */
    static URI url(String key, String raw, boolean remote, boolean base) {
        URI uri;
        try {
            uri = new URI(base && !raw.endsWith("/") ? raw + "/" : raw);
        } catch (URISyntaxException e) {
            throw bad(key, raw, "is not a URL: " + e.getReason());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || (base && uri.getRawQuery() != null)) {
            throw bad(key, raw, base ? "must be an http(s) base URL such as http://127.0.0.1:8080/ (the seed request adds its own query)"
                    : "must be an http(s) URL such as http://127.0.0.1:8080/orders");
        }
        if (!remote && !isLoopback(uri.getHost())) {
            // A load generator pointed at the wrong host is a denial of service: another machine needs a yes.
            throw bad(key, raw, "is not this machine's loopback; add -Dremote=true to send load to another host");
        }
        return uri;
    }

    /** True when every address the host resolves to is a loopback address (127.0.0.0/8, ::1). */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            throw new NonblockingException("cannot resolve host " + host + ": " + e.getMessage());
        }
    }
}
