package nonblocking.targets;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath of this JVM as plain file paths. Build tools often start JVMs with a single "booter" jar whose
 * manifest {@code Class-Path} lists the real entries (Gatling's Maven plugin and surefire/failsafe both do);
 * such jars are expanded, so child JVMs get a readable, self-contained classpath.
 */
public final class Classpath {

    private Classpath() {
    }

    public static String current() {
        return String.join(File.pathSeparator, expand(System.getProperty("java.class.path")));
    }

    static List<String> expand(String classpath) {
        Set<String> entries = new LinkedHashSet<>();
        Arrays.stream(classpath.split(File.pathSeparator)).filter(entry -> !entry.isBlank())
                .forEach(entry -> add(Path.of(entry).toAbsolutePath().normalize(), entries));
        return List.copyOf(entries);
    }

    private static void add(Path entry, Set<String> entries) {
        if (entries.add(entry.toString())) {
            manifestClassPath(entry).forEach(p -> add(p, entries));
        }
    }

    /** Entries of a jar's manifest {@code Class-Path} (URLs relative to the jar), empty for anything else. */
    private static List<Path> manifestClassPath(Path entry) {
        if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return List.of();
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            return Arrays.stream(classPath.trim().split("\\s+"))
                    .map(item -> Path.of(entry.toUri().resolve(item)).toAbsolutePath().normalize()).toList();
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
