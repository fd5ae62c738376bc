package nonblocking.ladder;

import nonblocking.NonblockingException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The profiles: files of ordinary -D keys, {@code nonblocking/profiles/<name>.properties} on the classpath, read
 * beneath the keys given. {@code default.properties} is the base of every run: it holds the default of each key; a
 * profile sets only what it changes, and may set any key. A new profile is one file.
 */
public final class Profiles {

    static final String FOLDER = "/nonblocking/profiles/";
    public static final String DEFAULT = "default";
    private static final String SUFFIX = ".properties";

    private Profiles() {
    }

    /** The keys given over the profile they name ({@code profile}, default "default") over default.properties. */
    static Map<String, String> beneath(Map<String, String> given) {
        String name = given.getOrDefault("profile", DEFAULT).trim().toLowerCase(Locale.ROOT);
        Map<String, String> props = new LinkedHashMap<>(read(DEFAULT));
        if (!name.equals(DEFAULT)) {
            props.putAll(read(name));
        }
        // A blank key given is not given (a bare flag, -Dremote, is blank too: it still counts where no profile sets it).
        given.forEach((key, value) -> {
            if (!value.isBlank() || !props.containsKey(key)) {
                props.put(key, value);
            }
        });
        props.put("profile", name);
        return props;
    }

    /** One profile's keys, as its file has them; an unknown name is a one-line error listing the known ones. */
    public static Map<String, String> read(String name) {
        if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
            throw unknown(name);
        }
        try (InputStream in = Profiles.class.getResourceAsStream(FOLDER + name + SUFFIX)) {
            if (in == null) {
                throw unknown(name);
            }
            Properties file = new Properties();
            file.load(in);
            Map<String, String> keys = new LinkedHashMap<>();
            file.stringPropertyNames().stream().sorted().forEach(key -> keys.put(key, file.getProperty(key).trim()));
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profile " + name, e);
        }
    }

    /** The names of the profiles on the classpath, sorted. */
    public static List<String> names() {
        try {
            URI folder = Profiles.class.getResource(FOLDER).toURI();
            if (!"jar".equals(folder.getScheme())) {
                return names(Path.of(folder));
            }
            try (FileSystem jar = FileSystems.newFileSystem(folder, Map.of())) {
                return names(jar.getPath(FOLDER));
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the profiles in " + FOLDER, e);
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(SUFFIX))
                    .map(file -> file.substring(0, file.length() - SUFFIX.length())).sorted().toList();
        }
    }

    private static NonblockingException unknown(String name) {
        return Overrides.bad("profile", name, "is unknown; use one of " + names()
                + " (each a file nonblocking/profiles/<name>.properties)");
    }
}
