package nonblocking.injectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import nonblocking.cli.Cli;
import nonblocking.ladder.LadderConfig;
import nonblocking.ladder.TargetSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes/ runs N injectors as one Indexed Job and merges their parts afterwards; there is no cluster
 * here, so every manifest is parsed into fabric8's typed model and held, field by field, to what
 * {@link InjectorCommand} and the image expect.
 */
class KubernetesManifestsTest {

    private static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";

    private static Path folder;
    private static Job injectors;
    private static Job merge;
    private static Service service;
    private static ConfigMap settings;
    private static PersistentVolumeClaim results;

    @BeforeAll
    static void read() throws IOException {
        folder = InjectorImage.repositoryRoot().resolve("deploy/kubernetes");
        injectors = parse("injectors-job.yaml", Job.class);
        merge = parse("merge/merge-job.yaml", Job.class);
        service = parse("service.yaml", Service.class);
        settings = parse("configmap.yaml", ConfigMap.class);
        results = parse("results-pvc.yaml", PersistentVolumeClaim.class);
    }

    // --- the files ---

    /**
     * `kubectl apply -f deploy/kubernetes/` (not recursive) applies the run and must not start the merge beside the
     * injectors: the merge Job is in a folder of its own.
     */
    @Test
    void applyingTheFolderStartsTheRunButNotTheMerge() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("configmap.yaml", "service.yaml", "results-pvc.yaml", "injectors-job.yaml");
        }
        try (Stream<Path> files = Files.list(folder.resolve("merge"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("merge-job.yaml");
        }
    }

    @Test
    void everyManifestIsOneObjectOfItsKindWithNoUnknownField() throws IOException {
        Map<String, HasMetadata> all = Map.of("injectors-job.yaml", injectors, "merge/merge-job.yaml", merge,
                "service.yaml", service, "configmap.yaml", settings, "results-pvc.yaml", results);
        Map<String, String> kinds = Map.of("injectors-job.yaml", "batch/v1 Job", "merge/merge-job.yaml", "batch/v1 Job",
                "service.yaml", "v1 Service", "configmap.yaml", "v1 ConfigMap", "results-pvc.yaml", "v1 PersistentVolumeClaim");
        for (var file : all.entrySet()) {
            HasMetadata object = file.getValue();
            assertThat(object.getApiVersion() + " " + object.getKind()).as(file.getKey()).isEqualTo(kinds.get(file.getKey()));
            assertThat(Files.readString(folder.resolve(file.getKey()))).as(file.getKey() + ": one document")
                    .doesNotContainPattern("(?m)^---");
            // fabric8 keeps a field it does not know (a typo, a wrong indentation) aside instead of failing.
            List<String> unknown = new ArrayList<>();
            unknownFields(object, object.getKind(), unknown);
            assertThat(unknown).as(file.getKey() + ": fields the model does not know").isEmpty();
            // In the namespace kubectl applies to: the coordinator's short DNS name relies on one namespace.
            assertThat(object.getMetadata().getNamespace()).as(file.getKey() + " namespace").isNull();
        }
        assertThat(injectors.getMetadata().getName()).isEqualTo("nonblocking-injectors");
        assertThat(merge.getMetadata().getName()).isEqualTo("nonblocking-merge");
        assertThat(service.getMetadata().getName()).isEqualTo("nonblocking-injectors");
        assertThat(settings.getMetadata().getName()).isEqualTo("nonblocking-ladder");
        assertThat(results.getMetadata().getName()).isEqualTo("nonblocking-results");
    }

    // --- the injectors' Job ---

    @Test
    void theInjectorsAreOneIndexedJobOfNPodsAtOnce() {
        var spec = injectors.getSpec();
        assertThat(spec.getCompletionMode()).isEqualTo("Indexed");
        int n = Integer.parseInt(env(injector(), LadderConfig.COUNT_ENV).getValue());
        assertThat(n).as(LadderConfig.COUNT_ENV).isBetween(2, LadderConfig.MAX_INJECTORS);
        assertThat(spec.getCompletions()).as("completions").isEqualTo(n);
        assertThat(spec.getParallelism()).as("parallelism").isEqualTo(n);
        assertThat(spec.getSuspend()).as("suspend").isNotEqualTo(Boolean.TRUE);
    }

    /** A replaced injector would join after T0 and miss its share of every level it missed: no retry, no tolerance. */
    @Test
    void aFailedInjectorFailsTheWholeJob() {
        var spec = injectors.getSpec();
        assertThat(spec.getBackoffLimitPerIndex()).as("backoffLimitPerIndex").isZero();
        assertThat(spec.getMaxFailedIndexes()).as("maxFailedIndexes").isZero();
        assertThat(pod(injectors).getRestartPolicy()).isEqualTo("Never");
        assertThat(spec.getPodFailurePolicy()).as("podFailurePolicy (it could ignore a failure)").isNull();
    }

    @Test
    void oneInjectorPerNode() {
        PodSpec pod = pod(injectors);
        assertThat(pod.getAffinity()).isNotNull();
        assertThat(pod.getAffinity().getPodAntiAffinity()).as("podAntiAffinity").isNotNull();
        List<PodAffinityTerm> terms = pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        assertThat(terms).as("requiredDuringSchedulingIgnoredDuringExecution").hasSize(1);
        PodAffinityTerm term = terms.getFirst();
        assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
        // On the Job's own pods, and on them alone: a selector that matches nothing would not keep two apart, an
        // empty one would keep them from any other pod.
        assertThat(selectorIsEmpty(term.getLabelSelector())).as("an empty labelSelector").isFalse();
        assertThat(selects(term.getLabelSelector(), podLabels(injectors))).as("the anti-affinity selects the injector pods").isTrue();
        assertThat(selects(term.getLabelSelector(), podLabels(merge))).as("the anti-affinity selects the merge pod").isFalse();
        assertThat(term.getNamespaces()).isNullOrEmpty();
        assertThat(term.getNamespaceSelector()).isNull();
    }

    @Test
    void theCoordinatorIsIndexZeroBehindTheHeadlessService() {
        PodSpec pod = pod(injectors);
        String serviceName = service.getMetadata().getName();
        assertThat(pod.getSubdomain()).as("subdomain").isEqualTo(serviceName);
        var spec = service.getSpec();
        assertThat(spec.getClusterIP()).as("clusterIP: headless").isEqualTo("None");
        assertThat(spec.getPublishNotReadyAddresses()).as("publishNotReadyAddresses").isTrue();
        assertThat(spec.getSelector()).as("the Service's selector").isNotEmpty();
        assertThat(podLabels(injectors)).as("the injector pods' labels").containsAllEntriesOf(spec.getSelector());
        assertThat(podLabels(merge).entrySet().containsAll(spec.getSelector().entrySet()))
                .as("the Service selects the merge pod").isFalse();
        assertThat(spec.getPorts()).hasSize(1);
        ServicePort port = spec.getPorts().getFirst();
        assertThat(port.getPort()).isEqualTo(InjectorCommand.RENDEZVOUS_PORT);
        assertThat(port.getProtocol()).isIn(null, "TCP");
        IntOrString target = port.getTargetPort();
        assertThat(target == null ? null : target.getIntVal()).as("targetPort").isIn(null, InjectorCommand.RENDEZVOUS_PORT);
        assertThat(injector().getPorts()).anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(InjectorCommand.RENDEZVOUS_PORT));

        // An Indexed Job's pod is named and hostnamed <job>-<index>: index 0 is <job>-0.<service>.
        assertThat(env(injector(), LadderConfig.COORDINATOR_ENV).getValue())
                .isEqualTo(injectors.getMetadata().getName() + "-0." + serviceName + ":" + InjectorCommand.RENDEZVOUS_PORT);
    }

    @Test
    void eachPodGetsTheInjectorsEnvironment() {
        Container container = injector();
        assertThat(container.getEnv()).extracting(EnvVar::getName).containsExactlyInAnyOrder(
                LadderConfig.INDEX_ENV, LadderConfig.COUNT_ENV, LadderConfig.COORDINATOR_ENV);
        EnvVar index = env(container, LadderConfig.INDEX_ENV);
        assertThat(index.getValue()).isNull();
        assertThat(index.getValueFrom()).isNotNull();
        assertThat(index.getValueFrom().getFieldRef()).as(LadderConfig.INDEX_ENV + " fieldRef").isNotNull();
        assertThat(index.getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.annotations['" + INDEX_ANNOTATION + "']");
        assertThat(env(container, LadderConfig.COUNT_ENV).getValue()).matches("\\d+");
        assertThat(container.getEnvFrom()).isNullOrEmpty();
        // The image's ENTRYPOINT is the injector command: nothing overrides or extends it.
        assertThat(container.getCommand()).as("command").isNullOrEmpty();
        assertThat(container.getArgs()).as("args").isNullOrEmpty();
        assertThat(container.getImage()).isNotBlank().isEqualTo(mergeContainer().getImage());
        assertThat(pod(injectors).getContainers()).hasSize(1);
        assertThat(pod(injectors).getInitContainers()).isNullOrEmpty();
    }

    /** Guaranteed QoS (requests equal to limits), and room for Gatling's heap and what the JVM needs beside it. */
    @Test
    void theResourcesAreGuaranteedAndHoldGatlingsHeap() {
        ResourceRequirements resources = injector().getResources();
        assertThat(resources).isNotNull();
        assertThat(resources.getRequests()).as("requests").containsOnlyKeys("cpu", "memory");
        assertThat(resources.getLimits()).as("limits").containsOnlyKeys("cpu", "memory");
        for (String resource : List.of("cpu", "memory")) {
            assertThat(Quantity.getAmountInBytes(resources.getRequests().get(resource))).as("requested " + resource)
                    .isPositive().isEqualByComparingTo(Quantity.getAmountInBytes(resources.getLimits().get(resource)));
        }
        long heap = InjectorCommand.JVM_OPTIONS.stream().filter(o -> o.startsWith("-Xmx")).findFirst()
                .map(o -> bytes(o.substring(4))).orElseThrow();
        BigDecimal memory = Quantity.getAmountInBytes(resources.getLimits().get("memory"));
        assertThat(memory).as("memory limit, against -Xmx plus 512 MiB off the heap")
                .isGreaterThanOrEqualTo(BigDecimal.valueOf(heap + (512L << 20)));
    }

    @Test
    void theSettingsAreMountedReadOnlyAndTheResultsVolumeShared() {
        PodSpec pod = pod(injectors);
        VolumeMount settingsMount = mountAt(injector(), InjectorImage.SETTINGS_DIR);
        assertThat(settingsMount.getReadOnly()).as(InjectorImage.SETTINGS_DIR + " readOnly").isTrue();
        ConfigMapVolumeSource source = volume(pod, settingsMount).getConfigMap();
        assertThat(source).as("the volume at " + InjectorImage.SETTINGS_DIR + " is a ConfigMap").isNotNull();
        assertThat(source.getName()).isEqualTo(settings.getMetadata().getName());
        assertThat(source.getOptional()).isNotEqualTo(Boolean.TRUE);
        // -Dsettings=/etc/nonblocking/ladder.properties finds the key ladder.properties.
        List<KeyToPath> items = source.getItems();
        if (items != null && !items.isEmpty()) {
            assertThat(items).anySatisfy(item -> {
                assertThat(item.getKey()).isEqualTo(InjectorImage.SETTINGS_FILE);
                assertThat(item.getPath()).isEqualTo(InjectorImage.SETTINGS_FILE);
            });
        }
        assertThat(settingsMount.getSubPath()).isNullOrEmpty();
        assertThat(settings.getData()).containsKey(InjectorImage.SETTINGS_FILE);

        assertSharedResults(pod, injector());
    }

    /** The pods run as the image's numeric user, so that they may write to the shared volume (fsGroup). */
    @Test
    void thePodsRunAsTheImagesUser() {
        long uid = Long.parseLong(InjectorImage.dockerfile().named(InjectorImage.STAGE).one("USER").split(":")[0]);
        for (Job job : List.of(injectors, merge)) {
            var context = pod(job).getSecurityContext();
            String name = job.getMetadata().getName();
            assertThat(context).as(name + " securityContext").isNotNull();
            assertThat(context.getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(context.getRunAsUser()).as(name + " runAsUser").isEqualTo(uid);
            assertThat(context.getFsGroup()).as(name + " fsGroup").isNotNull();
        }
    }

    // --- the settings ---

    @Test
    void theLadderSettingsSuitADistributedRun() throws IOException {
        Properties ladder = ladderProperties();
        assertThat(ladder.getProperty("runId")).as("ladder.properties runId").isNotBlank()
                .matches("[A-Za-z0-9._-]+").isEqualTo(settings.getData().get("runId"));
        // The target is not the pod's loopback.
        assertThat(ladder.getProperty("remote", "").trim()).as("remote").isEqualTo("true");
        String levels = ladder.getProperty("levels", "").trim();
        assertThat(levels).as("levels: fixed on several injectors").isNotEqualTo("auto").matches("\\d+(\\s*,\\s*\\d+)*");
        assertThat(ladder.getProperty("earlyStop", "false").trim()).as("earlyStop: refused on several injectors").isEqualTo("false");
        // The Job's environment says which injector, of how many, and where index 0 is.
        assertThat(ladder.stringPropertyNames()).doesNotContain("injectors", "injector", "coordinator", "settings",
                "nonblocking.output", "nonblocking.gatlingResults");
        List<String> targets = Arrays.stream(ladder.getProperty("targets", "").split(",")).map(String::trim)
                .filter(t -> !t.isEmpty()).toList();
        assertThat(targets).as("targets").isNotEmpty();
        for (String target : targets) {
            // The injector pods start no target JVM: every target is given by URL, and one the pod can reach.
            String url = ladder.getProperty(target + ".url", "").trim();
            assertThat(url).as(target + ".url").isNotEmpty();
            String host = URI.create(url).getHost();
            assertThat(host).as(target + ".url host").isNotNull().isNotEqualTo("localhost").doesNotStartWith("127.")
                    .isNotEqualTo("[::1]");
        }
    }

    /** Every injector of the Job loads the ConfigMap's settings as the ladder does: a fixed ladder, targets by URL. */
    @Test
    void theSettingsLoadForEveryInjector(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve(InjectorImage.SETTINGS_FILE), settings.getData().get(InjectorImage.SETTINGS_FILE));
        int n = injectors.getSpec().getCompletions();
        String coordinator = env(injector(), LadderConfig.COORDINATOR_ENV).getValue();
        for (int index = 0; index < n; index++) {
            LadderConfig config = LadderConfig.from(Map.of("settings", file.toString(), "injectors", Integer.toString(n),
                    "injector", Integer.toString(index), "coordinator", coordinator));
            assertThat(config.injection().part()).as("injector " + index + " runs a part").isTrue();
            assertThat(config.targets()).as("injector " + index + "'s targets").isNotEmpty().noneMatch(TargetSpec::managed);
            assertThat(config.runId()).isEqualTo(settings.getData().get("runId"));
        }
    }

    // --- the merge ---

    @Test
    void theMergeJobMergesTheRunsFolderOnTheSharedVolume() {
        var spec = merge.getSpec();
        assertThat(spec.getCompletionMode()).isIn(null, "NonIndexed");
        assertThat(spec.getCompletions()).isIn(null, 1);
        assertThat(spec.getParallelism()).isIn(null, 1);
        assertThat(spec.getBackoffLimit()).as("backoffLimit").isZero();
        assertThat(pod(merge).getRestartPolicy()).isEqualTo("Never");
        assertThat(pod(merge).getContainers()).hasSize(1);

        Container container = mergeContainer();
        List<String> command = container.getCommand();
        assertThat(command).as("command").hasSize(6);
        Matcher variable = Pattern.compile(Pattern.quote(InjectorImage.RESULTS + "/") + "\\$\\((\\w+)\\)").matcher(command.getLast());
        assertThat(variable.matches()).as("the folder " + command.getLast() + " is " + InjectorImage.RESULTS + "/$(VAR)").isTrue();
        assertThat(command).containsExactly("java", "-cp", InjectorImage.CLASSPATH, Cli.class.getName(), "merge",
                InjectorImage.RESULTS + "/$(" + variable.group(1) + ")");
        assertThat(container.getArgs()).as("args").isNullOrEmpty();
        assertThat(Arrays.stream(Cli.class.getAnnotation(CommandLine.Command.class).subcommands())
                .map(c -> c.getAnnotation(CommandLine.Command.class).name())).as("Cli's subcommands").contains("merge");
        // $(RUN_ID) is the ConfigMap's runId, which equals ladder.properties' (theLadderSettingsSuitADistributedRun).
        EnvVar runId = env(container, variable.group(1));
        assertThat(runId.getValueFrom()).isNotNull();
        assertThat(runId.getValueFrom().getConfigMapKeyRef()).as(runId.getName() + " configMapKeyRef").isNotNull();
        assertThat(runId.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo(settings.getMetadata().getName());
        assertThat(runId.getValueFrom().getConfigMapKeyRef().getKey()).isEqualTo("runId");
        assertThat(runId.getValueFrom().getConfigMapKeyRef().getOptional()).isNotEqualTo(Boolean.TRUE);
        assertThat(settings.getData().get("runId")).isNotBlank();

        assertSharedResults(pod(merge), container);
    }

    @Test
    void theResultsVolumeIsReadWriteMany() {
        assertThat(results.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        Quantity storage = results.getSpec().getResources().getRequests().get("storage");
        assertThat(storage).as("requested storage").isNotNull();
        assertThat(Quantity.getAmountInBytes(storage)).isGreaterThanOrEqualTo(BigDecimal.valueOf(1L << 30));
    }

    // --- helpers ---

    private static <T> T parse(String file, Class<T> type) throws IOException {
        return Serialization.unmarshal(Files.readString(folder.resolve(file)), type);
    }

    private static PodSpec pod(Job job) {
        return job.getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> podLabels(Job job) {
        Map<String, String> labels = job.getSpec().getTemplate().getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    private static Container injector() {
        return pod(injectors).getContainers().getFirst();
    }

    private static Container mergeContainer() {
        return pod(merge).getContainers().getFirst();
    }

    private static EnvVar env(Container container, String name) {
        List<EnvVar> found = container.getEnv() == null ? List.of()
                : container.getEnv().stream().filter(e -> name.equals(e.getName())).toList();
        assertThat(found).as(container.getName() + " env " + name).hasSize(1);
        return found.getFirst();
    }

    private static VolumeMount mountAt(Container container, String path) {
        List<VolumeMount> found = container.getVolumeMounts() == null ? List.of()
                : container.getVolumeMounts().stream().filter(m -> path.equals(m.getMountPath())).toList();
        assertThat(found).as(container.getName() + " mounts " + path).hasSize(1);
        return found.getFirst();
    }

    private static Volume volume(PodSpec pod, VolumeMount mount) {
        List<Volume> found = pod.getVolumes() == null ? List.of()
                : pod.getVolumes().stream().filter(v -> mount.getName().equals(v.getName())).toList();
        assertThat(found).as("volume " + mount.getName()).hasSize(1);
        return found.getFirst();
    }

    /** The results PVC, writable, at /results: where -Dnonblocking.output points and the merge reads. */
    private static void assertSharedResults(PodSpec pod, Container container) {
        VolumeMount mount = mountAt(container, InjectorImage.RESULTS);
        assertThat(mount.getReadOnly()).as(container.getName() + " " + InjectorImage.RESULTS + " readOnly").isNotEqualTo(Boolean.TRUE);
        assertThat(mount.getSubPath()).isNullOrEmpty();
        var claim = volume(pod, mount).getPersistentVolumeClaim();
        assertThat(claim).as(container.getName() + ": the volume at " + InjectorImage.RESULTS + " is a PVC").isNotNull();
        assertThat(claim.getClaimName()).isEqualTo(results.getMetadata().getName());
        assertThat(claim.getReadOnly()).isNotEqualTo(Boolean.TRUE);
    }

    private static Properties ladderProperties() throws IOException {
        String text = settings.getData().get(InjectorImage.SETTINGS_FILE);
        assertThat(text).as(InjectorImage.SETTINGS_FILE).isNotBlank();
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static boolean selectorIsEmpty(LabelSelector selector) {
        return selector == null || ((selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty()));
    }

    /** A label selector as Kubernetes evaluates it: every matchLabels entry and every matchExpressions requirement. */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        boolean all = labels.entrySet().containsAll(matchLabels.entrySet());
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (LabelSelectorRequirement requirement : expressions) {
            String value = labels.get(requirement.getKey());
            List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
            all &= switch (requirement.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator " + requirement.getOperator());
            };
        }
        return all;
    }

    /** -Xmx's size in bytes: 2g, 512m, 1024k. */
    private static long bytes(String size) {
        Map<Character, Long> units = new HashMap<>(Map.of('k', 1L << 10, 'm', 1L << 20, 'g', 1L << 30));
        char unit = Character.toLowerCase(size.charAt(size.length() - 1));
        return units.containsKey(unit) ? Long.parseLong(size.substring(0, size.length() - 1)) * units.get(unit)
                : Long.parseLong(size);
    }

    /**
     * Walks a parsed object through its getters and collects every field fabric8 did not know (its
     * additionalProperties), with its path.
     */
    private static void unknownFields(Object node, String path, List<String> unknown) {
        switch (node) {
            case null -> {
            }
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    unknownFields(list.get(i), path + "[" + i + "]", unknown);
                }
            }
            case Map<?, ?> map -> map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
            case Quantity ignored -> {
            }
            case IntOrString ignored -> {
            }
            default -> {
                if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
                    return;
                }
                for (Method getter : node.getClass().getMethods()) {
                    String name = getter.getName();
                    if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                            || !name.startsWith("get") || name.equals("getClass")) {
                        continue;
                    }
                    Object value = invoke(getter, node);
                    if (name.equals("getAdditionalProperties")) {
                        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                            unknown.add(path + ": " + extra.keySet());
                        }
                    } else {
                        unknownFields(value, path + "." + name.substring(3, 4).toLowerCase(Locale.ROOT) + name.substring(4), unknown);
                    }
                }
            }
        }
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(getter + ": " + e, e);
        }
    }
}
