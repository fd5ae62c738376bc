package nonblocking.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * There is no Docker engine here, so docker-compose.yml and the Dockerfile are checked statically: the two
 * services are identical but for the model and host port, and what they set means what TargetApp reads.
 */
class ContainerFilesTest {
    private static Path root;
    private static JsonNode compose;
    private static DockerfileStages dockerfile;
    /** The final stage: the target server, the image docker compose builds. */
    private static DockerfileStages.Stage runtime;

    @BeforeAll
    static void read() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docker-compose.yml above " + Path.of("").toAbsolutePath()).isNotNull();
        root = dir;
        compose = new YAMLMapper().readTree(root.resolve("docker-compose.yml").toFile());
        dockerfile = DockerfileStages.read(root.resolve("target-apps/Dockerfile"));
        runtime = dockerfile.last();
    }

    /** The default run's targets, their models, pool sizes and host ports. */
    private static final Map<String, ThreadModel> MODELS = Map.of("blocking", ThreadModel.BLOCKING,
            "tuned", ThreadModel.BLOCKING, "virtual", ThreadModel.VIRTUAL, "async", ThreadModel.ASYNC);
    private static final List<String> SERVICES = List.of("blocking", "tuned", "virtual", "async");
    /** What the targets' requests can wait on: the http wait's downstream server, the db wait's PostgreSQL. */
    private static final List<String> BACKENDS = List.of("downstream", "postgres");

    @Test
    void fourServicesOnTheirHostPorts() {
        JsonNode services = compose.get("services");
        assertThat(fieldNames(services)).containsExactlyElementsOf(concat(SERVICES, BACKENDS));
        // Load port first, census port second; both on the host's loopback only.
        for (int i = 0; i < SERVICES.size(); i++) {
            JsonNode service = services.get(SERVICES.get(i));
            assertThat(publishedPorts(service)).extracting(Published::host).containsExactly(8081 + i, 9081 + i);
            service.get("ports").forEach(p -> assertThat(p.asText()).startsWith("127.0.0.1:"));
        }
        assertThat(services.at("/tuned/environment/THREADS").asText()).isEqualTo("3200");
    }

    @Test
    void servicesAreIdenticalButForModelPoolSizeAndHostPort() {
        List<JsonNode> all = SERVICES.stream().map(name -> (JsonNode) compose.get("services").get(name).deepCopy()).toList();
        for (JsonNode service : all) {
            ((ObjectNode) service).remove("ports");
            ((ObjectNode) service.get("environment")).remove("MODEL");
            ((ObjectNode) service.get("environment")).remove("THREADS");
        }
        JsonNode blocking = all.getFirst();
        assertThat(all).allSatisfy(service -> assertThat(service).isEqualTo(blocking));

        JsonNode limits = blocking.at("/deploy/resources/limits");
        assertThat(limits.get("cpus").asText()).isEqualTo("2");
        // Room for the largest heap a profile gives (the downstream profile's 1g, HEAP=1g) and what lies outside it.
        assertThat(limits.get("memory").asText()).isEqualTo("2g");
        assertThat(blocking.at("/environment/JAVA_TOOL_OPTIONS").asText()).contains("-Xmx");
        // Enough for C10K (10,000 sockets and a margin), and below the 20,000 hard limit of our hosts, above which
        // the container runtime refuses to start the service.
        JsonNode nofile = blocking.at("/ulimits/nofile");
        assertThat(nofile.get("soft").asInt()).isEqualTo(nofile.get("hard").asInt()).isBetween(12_000, 20_000);
        assertThat(blocking.at("/build/dockerfile").asText()).isEqualTo("target-apps/Dockerfile");
        assertThat(blocking.at("/build/context").asText()).isEqualTo(".");
    }

    @TempDir
    Path tmp;

    @Test
    void environmentMeansWhatTargetAppReads() throws Exception {
        Map<String, String> imageEnv = dockerfileEnv();
        assertThat(imageEnv).containsEntry("HOST", "0.0.0.0");
        for (String name : SERVICES) {
            JsonNode service = compose.get("services").get(name);
            Map<String, String> env = new HashMap<>(imageEnv);
            service.get("environment").properties().forEach(e -> env.put(e.getKey(), interpolated(e.getValue().asText())));
            // Every variable is one TargetApp reads (catches typos) or the JVM's own.
            assertThat(env.keySet()).allSatisfy(variable -> assertThat(variable)
                    .isIn(concat(TargetApp.ENVIRONMENT.values(), List.of("JAVA_TOOL_OPTIONS"))));

            // In a child JVM with exactly this environment: picocli reads the real one.
            TargetConfig config = PrintConfig.inChild(tmp, env, entrypointArguments());

            assertThat(config.model()).isEqualTo(MODELS.get(name));
            assertThat(config.host()).isEqualTo("0.0.0.0");
            List<Published> published = publishedPorts(service);
            assertThat(config.port()).isEqualTo(published.get(0).container());
            // The census port, as the ladder's managed targets have one: a saturated pool still answers it.
            assertThat(config.censusPort()).isEqualTo(published.get(1).container());
            assertThat(config.pauseMs()).isEqualTo(TargetConfig.DEFAULT_PAUSE_MS);
            // Pointed at the two backends by their service names, whichever wait is chosen.
            assertThat(config.waitSpec().options()).containsEntry("downstream.url", "http://downstream:8080/")
                    .hasEntrySatisfying("db.url", url -> assertThat(url).startsWith("jdbc:postgresql://postgres:5432/"));
            assertThat(service.get("depends_on")).extracting(JsonNode::asText).containsExactlyElementsOf(BACKENDS);
        }
    }

    @Test
    void theDownstreamServiceIsOurAsyncAppAndPostgresHasRoomForThePools() throws Exception {
        Map<String, String> env = new HashMap<>(dockerfileEnv());
        compose.at("/services/downstream/environment").properties()
                .forEach(e -> env.put(e.getKey(), interpolated(e.getValue().asText())));
        TargetConfig downstream = PrintConfig.inChild(tmp, env, entrypointArguments());
        assertThat(downstream.model()).isEqualTo(ThreadModel.ASYNC);
        assertThat(downstream.waitSpec().kind()).isEqualTo(nonblocking.server.wait.WaitKind.SLEEP);
        JsonNode postgres = compose.at("/services/postgres");
        assertThat(postgres.get("image").asText()).startsWith("postgres:");
        String password = postgres.at("/environment/POSTGRES_PASSWORD").asText();
        assertThat(compose.at("/services/virtual/environment/WAIT_OPTIONS").asText()).contains("password=" + password);
        postgres.get("ports").forEach(p -> assertThat(p.asText()).startsWith("127.0.0.1:"));
    }

    /** What compose makes of a value: {@code ${VARIABLE:-default}} with the variable unset is its default. */
    private static String interpolated(String value) {
        return value.replaceAll("\\$\\{\\w+:-([^}]*)}", "$1");
    }

    @Test
    void dockerfileBuildsTheJarAndRunsItAsNonRoot() throws IOException {
        // The target server is the final stage, built by the stage `build`; the load injector's stages come before
        // it (simulations' ContainerCommandTest checks them), so a build without --target still gives this image.
        assertThat(runtime.from()).isEqualTo("eclipse-temurin:25-jre");
        DockerfileStages.Stage build = dockerfile.named("build");
        assertThat(build.from()).isEqualTo("maven:3.9-eclipse-temurin-25");
        assertThat(runtime.one("USER")).isNotEqualTo("root").isNotEqualTo("0").isNotBlank();
        List<String> entrypoint = runtime.execForm("ENTRYPOINT");
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size()))
                .containsExactly("-jar", "/app/target-apps.jar");
        // The jar and lib/ copied into the image are the ones this module's pom builds.
        assertThat(runtime.all("COPY")).contains("--from=build /src/target-apps/target/target-apps.jar /app/target-apps.jar",
                "--from=build /src/target-apps/target/lib/ /app/lib/");
        String manifest = new String(Files.readAllBytes(root.resolve("target-apps/pom.xml")));
        assertThat(manifest).contains("<finalName>target-apps</finalName>", "<classpathPrefix>lib/</classpathPrefix>");
        // Every module pom the aggregator lists is copied, or Maven refuses to start in the build stage.
        assertThat(build.all("COPY")).anyMatch(l -> l.startsWith("simulations/pom.xml"))
                .anyMatch(l -> l.startsWith("target-apps/pom.xml"));
    }

    /** The HEALTHCHECK command itself, run with bash against a real server: passes on 200, fails otherwise. */
    @Test
    void healthcheckCommandWorks() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/bin/bash"))).as("bash present").isTrue();
        String healthcheck = runtime.one("HEALTHCHECK");
        List<String> command = new ObjectMapper().readerForListOf(String.class)
                .readValue(healthcheck.substring(healthcheck.indexOf("CMD") + 3).trim());
        assertThat(command.get(0)).isEqualTo("bash");

        TargetConfig config = Configs.of(ThreadModel.VIRTUAL).stopTimeoutMs(1000).build();
        try (TargetServer server = new TargetServer(config).start()) {
            assertThat(runWithPort(command, server.port())).isZero();
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThat(runWithPort(command, closedPort)).isNotZero();
    }

    private static int runWithPort(List<String> command, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    // --- helpers ---

    /** ENV lines of the runtime stage, in the KEY=value form. */
    private static Map<String, String> dockerfileEnv() {
        Map<String, String> env = new HashMap<>();
        Matcher pair = Pattern.compile("(\\w+)=(\\S+)").matcher(runtime.one("ENV"));
        while (pair.find()) {
            env.put(pair.group(1), pair.group(2));
        }
        return env;
    }

    /** Arguments after the jar in ENTRYPOINT (none today; a CMD would add some). */
    private static String[] entrypointArguments() {
        List<String> entrypoint = runtime.execForm("ENTRYPOINT");
        int jar = entrypoint.indexOf("/app/target-apps.jar");
        return entrypoint.subList(jar + 1, entrypoint.size()).toArray(String[]::new);
    }

    /** One "ip:host:container" entry of a service's ports. */
    private record Published(int host, int container) {
    }

    private static List<Published> publishedPorts(JsonNode service) {
        assertThat(service.get("ports")).hasSize(2);
        List<Published> published = new ArrayList<>();
        service.get("ports").forEach(entry -> {
            String[] parts = entry.asText().split(":");
            published.add(new Published(Integer.parseInt(parts[parts.length - 2]),
                    Integer.parseInt(parts[parts.length - 1].replace("/tcp", ""))));
        });
        return published;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.properties().forEach(e -> names.add(e.getKey()));
        return names;
    }

    private static List<String> concat(Collection<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
