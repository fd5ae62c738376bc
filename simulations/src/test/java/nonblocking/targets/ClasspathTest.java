package nonblocking.targets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

class ClasspathTest {

    @Test
    void booterJarsAreExpandedToTheirManifestClassPath(@TempDir Path dir) throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path a = Files.createFile(lib.resolve("a.jar"));
        Path classes = Files.createDirectories(dir.resolve("with space/classes"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/a.jar " + classes.toUri());
        Path booter = dir.resolve("booter.jar");
        try (OutputStream out = Files.newOutputStream(booter); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        Path other = dir.resolve("other");
        assertThat(Classpath.expand(booter + File.pathSeparator + other))
                .containsExactly(booter.toString(), a.toString(), classes.toString(), other.toString());
    }

    @Test
    void currentClasspathContainsThisTest() {
        String cp = Classpath.current();
        assertThat(cp.split(File.pathSeparator)).anyMatch(e -> e.endsWith("test-classes"));
    }
}
