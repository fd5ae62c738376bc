package nonblocking.injectors;

import nonblocking.server.DockerfileStages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The injector image's fixed values, as the Dockerfile's injector stage and the Kubernetes manifests must both have
 * them: where the classes are, where the settings are mounted, where the parts go. One place for both tests.
 */
public final class InjectorImage {

    /** The injector stage's name: {@code docker build --target injector}. */
    public static final String STAGE = "injector";
    /** The JRE's feature release in the injector stage (eclipse-temurin:25-jre). */
    public static final int JAVA_FEATURE = 25;
    public static final String CLASSPATH = "/app/classes:/app/test-classes:/app/lib/*";
    /** The ConfigMap's mount and its one file. */
    public static final String SETTINGS_DIR = "/etc/nonblocking";
    public static final String SETTINGS_FILE = "ladder.properties";
    /** The shared volume: each injector writes its part under it, the merge reads them there. */
    public static final String RESULTS = "/results";
    /** Gatling's own results folder, inside the pod. */
    public static final Path GATLING_FOLDER = Path.of("/tmp/gatling");
    public static final List<String> PROPERTIES = List.of("-Dsettings=" + SETTINGS_DIR + "/" + SETTINGS_FILE,
            "-Dnonblocking.output=" + RESULTS, "-Dnonblocking.gatlingResults=" + GATLING_FOLDER);

    private InjectorImage() {
    }

    /** What the injector stage's ENTRYPOINT must be. */
    public static List<String> entrypoint() {
        return InjectorCommand.command(Path.of("java"), JAVA_FEATURE, CLASSPATH, PROPERTIES, GATLING_FOLDER);
    }

    /** The repository's root: the folder above the working directory that holds docker-compose.yml. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no docker-compose.yml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    public static DockerfileStages dockerfile() {
        return DockerfileStages.read(repositoryRoot().resolve("target-apps/Dockerfile"));
    }
}
