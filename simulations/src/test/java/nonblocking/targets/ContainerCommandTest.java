package nonblocking.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import nonblocking.injectors.InjectorCommand;
import nonblocking.injectors.InjectorImage;
import nonblocking.ladder.LadderConfig;
import nonblocking.ladder.TargetSpec;
import nonblocking.server.DockerfileStages;
import nonblocking.server.TargetApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker compose must start the targets the way the ladder does: the same main class and the same JVM options
 * (heap above all), so that a containerised run compares like with like; and the image's injector stage must run
 * the injector the way {@link InjectorCommand} says. (target-apps' ContainerFilesTest checks the rest of the
 * files: services, ports, limits, environment, health check.)
 */
class ContainerCommandTest {

    private static Path root;
    private static JsonNode compose;
    private static DockerfileStages stages;

    @BeforeAll
    static void read() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("docker-compose.yml"))) {
            root = root.getParent();
        }
        assertThat(root).as("docker-compose.yml above " + Path.of("").toAbsolutePath()).isNotNull();
        compose = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
        stages = DockerfileStages.read(root.resolve("target-apps/Dockerfile"));
    }

    @Test
    void eachServiceRunsTheJvmOptionsOfAManagedTarget() throws IOException {
        for (String service : LadderConfig.from(Map.of()).targets().stream().map(TargetSpec::name).toList()) {
            List<String> options = new ArrayList<>(entrypointJvmOptions());
            String toolOptions = compose.at("/services/" + service + "/environment/JAVA_TOOL_OPTIONS").asText("");
            // Compose's own ${HEAP:-512m}: what runs when the variable is not set.
            options.addAll(Arrays.asList(toolOptions.replaceAll("\\$\\{\\w+:-([^}]*)}", "$1").trim().split("\\s+")));
            assertThat(options).as(service).containsExactlyInAnyOrderElementsOf(TargetCommand.jvmOptions(LadderConfig.DEFAULT_HEAP));
        }
    }

    /**
     * Every flag the ladder gives a managed target, compose gives its service as the variable TargetApp reads for
     * it, with the same value. Not host, port and exit-with-parent: a container listens on 0.0.0.0:8080 and has
     * no parent JVM to follow. The census port is fixed there (it must be published), 0 (any free) here.
     */
    @Test
    void eachServiceGetsTheManagedTargetsFlags() {
        LadderConfig config = LadderConfig.from(Map.of());
        Set<String> perProcess = Set.of("--host", "--port", "--exit-with-parent");
        for (TargetSpec target : config.targets()) {
            String service = target.name();
            List<String> args = TargetCommand.arguments(target, TargetCommand.HOST, 0, config.pauseMs(), 0, config.waitSpec(), true);
            JsonNode env = compose.at("/services/" + service + "/environment");
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
                String value = hasValue ? args.get(++i) : null;
                if (perProcess.contains(flag)) {
                    continue;
                }
                String variable = TargetApp.ENVIRONMENT.get(flag);
                assertThat(env.has(variable)).as(service + " sets " + variable + " for " + flag).isTrue();
                if (!"--census-port".equals(flag)) {
                    assertThat(env.get(variable).asText()).as(service + " " + variable).isEqualTo(value);
                }
            }
            assertThat(env.get("CENSUS_PORT").asInt()).as(service + " CENSUS_PORT").isPositive();
        }
    }

    @Test
    void theImageRunsTheManagedTargetsMainClass() throws IOException {
        Matcher mainClass = Pattern.compile("<mainClass>([^<]+)</mainClass>")
                .matcher(Files.readString(root.resolve("target-apps/pom.xml")));
        assertThat(mainClass.find()).isTrue();
        assertThat(mainClass.group(1)).isEqualTo(TargetCommand.MAIN_CLASS);
        assertThat(stages.last().execForm("ENTRYPOINT")).endsWith("-jar", "/app/target-apps.jar");
    }

    /**
     * The final stage, the one docker compose builds, is still the target server: the injector stage sits before
     * it, so that a build without --target gives the same image as before.
     */
    @Test
    void theFinalStageIsStillTheTargetServer() {
        DockerfileStages.Stage last = stages.last();
        assertThat(last.name()).as("the final stage's name").isNotEqualTo(InjectorImage.STAGE);
        assertThat(last.from()).isEqualTo("eclipse-temurin:25-jre");
        assertThat(last.execForm("ENTRYPOINT")).startsWith("java").endsWith("-jar", "/app/target-apps.jar");
        assertThat(last.all("HEALTHCHECK")).hasSize(1);
        assertThat(last.one("EXPOSE").split(" ")).contains("8080");
        assertThat(last.all("COPY")).anyMatch(c -> c.contains("/src/target-apps/target/target-apps.jar"));
        assertThat(stages.stages()).filteredOn(s -> InjectorImage.STAGE.equals(s.name())).hasSize(1);
    }

    /** The injector stage's ENTRYPOINT is InjectorCommand's command, word for word, with the container's values. */
    @Test
    void theInjectorStageRunsTheInjectorCommand() {
        DockerfileStages.Stage injector = stages.named(InjectorImage.STAGE);
        // The java feature release the command is built for is the image's.
        assertThat(injector.from()).isEqualTo("eclipse-temurin:" + InjectorImage.JAVA_FEATURE + "-jre");
        assertThat(injector.execForm("ENTRYPOINT")).containsExactlyElementsOf(
                InjectorCommand.command(Path.of("java"), 25, "/app/classes:/app/test-classes:/app/lib/*",
                        List.of("-Dsettings=/etc/nonblocking/ladder.properties", "-Dnonblocking.output=/results",
                                "-Dnonblocking.gatlingResults=/tmp/gatling"), Path.of("/tmp/gatling")))
                .containsExactlyElementsOf(InjectorImage.entrypoint());
        // A CMD would add arguments after Gatling's own.
        assertThat(injector.all("CMD")).isEmpty();
        assertThat(injector.one("EXPOSE").split(" ")).contains(Integer.toString(InjectorCommand.RENDEZVOUS_PORT));
        assertThat(injector.one("WORKDIR")).isNotBlank();
        // Non-root, and numeric, so that Kubernetes' runAsNonRoot can verify it.
        String user = injector.one("USER").split(":")[0];
        assertThat(user).matches("\\d+");
        assertThat(Integer.parseInt(user)).isPositive();
    }

    /**
     * Every folder of the classpath is copied from the build stage's simulations output: main classes, test
     * classes (LadderSimulation: Gatling is a test-scope dependency) and every jar of the test scope.
     */
    @Test
    void theInjectorImageHoldsItsClasspath() {
        DockerfileStages.Stage injector = stages.named(InjectorImage.STAGE);
        List<String> copies = injector.all("COPY");
        Pattern copy = Pattern.compile("--from=(\\S+) (\\S+?)/? (\\S+?)/?");
        Map<String, String> sources = new HashMap<>();
        String from = null;
        for (String c : copies) {
            Matcher m = copy.matcher(c);
            assertThat(m.matches()).as("COPY " + c + " copies from the build stage").isTrue();
            from = m.group(1);
            sources.put(m.group(3), m.group(2));
        }
        DockerfileStages.Stage build = stages.named(from);
        assertThat(sources).containsOnlyKeys("/app/classes", "/app/test-classes", "/app/lib");
        assertThat(List.of(InjectorImage.CLASSPATH.split(":"))).containsExactly("/app/classes", "/app/test-classes", "/app/lib/*");
        assertThat(sources.get("/app/classes")).isEqualTo("/src/simulations/target/classes");
        assertThat(sources.get("/app/test-classes")).isEqualTo("/src/simulations/target/test-classes");

        String run = String.join(" && ", build.all("RUN"));
        assertThat(run).contains("-pl simulations", "copy-dependencies", "-DincludeScope=test", "-DskipTests")
                .doesNotContain("maven.test.skip");   // that would skip compiling the test classes too
        Matcher output = Pattern.compile("-DoutputDirectory=(\\S+)").matcher(run);
        assertThat(output.find()).as("copy-dependencies' -DoutputDirectory").isTrue();
        assertThat(sources.get("/app/lib")).isEqualTo("/src/simulations/" + output.group(1).replaceAll("/$", ""));
        assertThat(build.all("COPY")).contains("simulations/src simulations/src", "target-apps/src target-apps/src");
    }

    /** The options between {@code "java"} and {@code "-jar"} in the target server's ENTRYPOINT. */
    private static List<String> entrypointJvmOptions() {
        List<String> words = stages.last().execForm("ENTRYPOINT");
        assertThat(words.getFirst()).isEqualTo("java");
        return words.subList(1, words.indexOf("-jar"));
    }
}
