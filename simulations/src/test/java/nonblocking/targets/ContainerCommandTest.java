package nonblocking.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import nonblocking.ladder.LadderConfig;
import nonblocking.ladder.TargetSpec;
import nonblocking.server.TargetApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker compose must start the targets the way the ladder does: the same main class and the same JVM options
 * (heap above all), so that a containerised run compares like with like. (target-apps' ContainerFilesTest checks
 * the rest of the files: services, ports, limits, environment, health check.)
 */
class ContainerCommandTest {

    private static Path root;
    private static JsonNode compose;
    private static String dockerfile;

    @BeforeAll
    static void read() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("docker-compose.yml"))) {
            root = root.getParent();
        }
        assertThat(root).as("docker-compose.yml above " + Path.of("").toAbsolutePath()).isNotNull();
        compose = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
        dockerfile = Files.readString(root.resolve("target-apps/Dockerfile"));
    }

    @Test
    void eachServiceRunsTheJvmOptionsOfAManagedTarget() throws IOException {
        for (String service : LadderConfig.from(Map.of()).targetNames()) {
            List<String> options = new ArrayList<>(entrypointJvmOptions());
            String toolOptions = compose.at("/services/" + service + "/environment/JAVA_TOOL_OPTIONS").asText("");
            options.addAll(Arrays.asList(toolOptions.trim().split("\\s+")));
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
            List<String> args = TargetCommand.arguments(target, TargetCommand.HOST, 0, config.pauseMs(), 0, true);
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
        assertThat(dockerfile).contains("\"-jar\", \"/app/target-apps.jar\"");
    }

    /** The options between {@code "java"} and {@code "-jar"} in the ENTRYPOINT's JSON array. */
    private static List<String> entrypointJvmOptions() throws IOException {
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT\\s+(\\[.*])\\s*$").matcher(dockerfile);
        assertThat(entrypoint.find()).as("an ENTRYPOINT in exec form").isTrue();
        List<String> words = new ArrayList<>();
        new ObjectMapper().readTree(entrypoint.group(1)).forEach(w -> words.add(w.asText()));
        assertThat(words.getFirst()).isEqualTo("java");
        return words.subList(1, words.indexOf("-jar"));
    }
}
