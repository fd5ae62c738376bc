package nonblocking.injectors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How one injector is started: the same Gatling command for a local child JVM ({@code -Dinjectors=N}), for the
 * container image's injector stage and for every pod of the Kubernetes Indexed Job, which differ only in the
 * environment the ladder reads (LadderConfig.INDEX_ENV, COUNT_ENV, COORDINATOR_ENV; a test holds the Dockerfile and
 * the manifests to it).
 */
public final class InjectorCommand {

    /** The rendezvous port in the container (a local run picks a free one). */
    public static final int RENDEZVOUS_PORT = 7070;
    public static final String GATLING_MAIN = "io.gatling.app.Gatling";
    public static final String SIMULATION = "nonblocking.run.LadderSimulation";
    /** As gatling-maven-plugin 4.21 gives its fork (Gatling 3.15 needs the opens on JDK 21+), pom.xml's heap. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx2g",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true");
    /** On JDK 24+, Netty's Unsafe memory access would otherwise warn (JEP 498). */
    public static final String UNSAFE_ALLOW = "--sun-misc-unsafe-memory-access=allow";

    private InjectorCommand() {
    }

    /** {@code properties} are the ladder's {@code -D} settings, {@code gatlingFolder} Gatling's own {@code -rf}. */
    public static List<String> command(Path java, int javaFeature, String classpath, List<String> properties,
                                       Path gatlingFolder) {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(JVM_OPTIONS);
        if (javaFeature >= 24) {
            command.add(UNSAFE_ALLOW);
        }
        command.addAll(List.of("-cp", classpath));
        command.addAll(properties);
        command.addAll(List.of(GATLING_MAIN, "-s", SIMULATION, "-rf", gatlingFolder.toString()));
        return command;
    }
}
