package nonblocking.ladder;

import nonblocking.NonblockingException;
import nonblocking.server.Limits;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one {@code -D} property is checked once {@link Keys} has bound it: a number in its range, seconds, a URL on
 * this machine; and where the -Dsettings file's keys go. Every bad value is a one-line error naming the property, "-D<key>=<raw> <problem>".
 * Rules that span several properties are {@link LadderConfig}'s; a target's own properties are
 * {@link TargetProperties}'.
 */
final class Overrides {

    /** The folder the command ran from, as the pom passes it to the Gatling JVM. */
    static final String CWD = "nonblocking.cwd";

    private Overrides() {
    }

    /** The -Dsettings file's keys beneath the ones given. */
    static Map<String, String> withSettings(Map<String, String> given) {
        String file = given.get("settings");
        if (file == null || file.isBlank()) {
            return given;
        }
        java.util.Properties settings = new java.util.Properties();
        Path path = path(file);
        try (var in = java.nio.file.Files.newBufferedReader(path)) {
            settings.load(in);
        } catch (java.io.IOException | RuntimeException e) {
            throw bad("settings", file, "cannot be read: " + unreadable(path, e));
        }
        Map<String, String> props = new LinkedHashMap<>();
        settings.forEach((key, value) -> props.put(key.toString(), value.toString().trim()));
        props.putAll(given);
        props.remove("settings");
        return props;
    }

    /** Why a file cannot be read, with its full path: "/abs/item.json: no such file". */
    static String unreadable(Path path, Exception e) {
        String why = switch (e) {
            case java.nio.file.NoSuchFileException missing -> "no such file";
            case java.nio.file.AccessDeniedException denied -> "permission denied";
            case java.io.IOException io when java.nio.file.Files.isDirectory(path) -> "it is a folder";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
        return path + ": " + why;
    }

    /** Every bad value is reported alike: "-D<key>=<raw> <problem>". */
    static NonblockingException bad(String key, Object raw, String problem) {
        return new NonblockingException("-D" + key + "=" + raw + " " + problem);
    }

    /** The value (a profile gives every key a default), in the range, or a one-line error. */
    static long ranged(String key, Long value, Limits.Range range) {
        if (value == null) {
            throw new NonblockingException("-D" + key + " is not set, and no profile sets it");
        }
        return ranged(key, value, 0, range.min(), range.max());
    }

    /**
     * A path as given: a relative one is resolved against the folder the command ran from, which Maven passes as
     * {@value #CWD} (the Gatling JVM itself may run elsewhere), or this JVM's own folder without it.
     */
    static Path path(String raw) {
        Path given = Path.of(raw.trim());
        String cwd = System.getProperty(CWD);
        return (given.isAbsolute() || cwd == null || cwd.isBlank() ? given : Path.of(cwd).resolve(given))
                .toAbsolutePath().normalize();
    }

    /** The value, or the fallback where it is not given; in [min, max], or a one-line error. */
    static long ranged(String key, Long value, long fallback, long min, long max) {
        long checked = value == null ? fallback : value;
        if (checked < min || checked > max) {
            throw bad(key, checked, "must be between " + min + " and " + max);
        }
        return checked;
    }

    static double ranged(String key, Double value, double fallback, double min, double max) {
        double checked = value == null ? fallback : value;
        if (!(checked >= min && checked <= max)) {
            throw bad(key, plain(checked), "must be between " + plain(min) + " and " + plain(max));
        }
        return checked;
    }

    static Duration seconds(String key, Double value, double fallback, boolean zeroOk) {
        double s = value == null ? fallback : value;
        if (Double.isNaN(s) || s < 0 || (!zeroOk && s == 0) || s > 3600) {
            throw bad(key, plain(s), "must be " + (zeroOk ? ">= 0" : "> 0") + " and <= 3600 seconds");
        }
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /** 0.5 as 0.5, 100.0 as 100: a number as it was most likely given. */
    private static String plain(double value) {
        return Double.isFinite(value) ? new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString()
                : Double.toString(value);
    }

    static URI optionalUrl(String key, String raw, boolean remote) {
        return raw == null ? null : url(key, raw, remote, true);
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
