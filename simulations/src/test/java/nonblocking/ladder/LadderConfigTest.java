package nonblocking.ladder;

import nonblocking.NonblockingException;
import nonblocking.results.Slo;
import nonblocking.server.ThreadModel;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LadderConfigTest {

    private static LadderConfig of(String... kv) {
        Map<String, String> props = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        props.putIfAbsent("nonblocking.output", "/tmp/out");
        return LadderConfig.from(props);
    }

    private static TargetSpec target(LadderConfig config, String name) {
        return config.targets().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void defaultProfileIsTheFullLadderAtOneSecond() {
        LadderConfig c = of();
        assertThat(c.profile()).isEqualTo("default");
        assertThat(c.plan().upFront()).containsExactly(25, 50, 100, 200, 400, 800, 1600, 3200);
        assertThat(c.pauseMs()).isEqualTo(1000);
        assertThat(c.hold()).isEqualTo(Duration.ofSeconds(6));
        assertThat(c.ramp()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.targets()).containsExactly(
                new TargetSpec("blocking", ThreadModel.BLOCKING, 200, null, null, null),
                new TargetSpec("tuned", ThreadModel.BLOCKING, 3200, null, null, null),
                new TargetSpec("virtual", ThreadModel.VIRTUAL, null, null, null, null),
                new TargetSpec("async", ThreadModel.ASYNC, null, null, null, null));
        assertThat(c.slo()).isEqualTo(new Slo(1500, 1, 0.9));
        assertThat(c.workMicros()).isZero();
        assertThat(c.gapOf()).isEqualTo("virtual");
        assertThat(c.gapOver()).isEqualTo("blocking");
        assertThat(c.targetHeap()).isEqualTo("512m");
        assertThat(c.outputDir()).isEqualTo(Path.of("/tmp/out"));
        assertThat(c.gatlingResultsDir()).isEqualTo(Path.of("/tmp/gatling"));
        // the default run fits its budget: four ladders of 58 s plus drains
        assertThat(c.ladder().duration()).isEqualTo(Duration.ofSeconds(58));
    }

    @Test
    void tunedIsABlockingPoolSizedToTheTopOfTheLadder() {
        assertThat(target(of("profile", "c10k"), "tuned").threads()).isEqualTo(10_000);
        assertThat(target(of("levels", "10,20"), "tuned").threads()).isEqualTo(20);
        assertThat(target(of("tuned.threads", "500"), "tuned").threads()).isEqualTo(500);
    }

    @Test
    void theCpuProfileHasNoPauseSomeWorkAndALatencySlo() {
        LadderConfig c = of("profile", "cpu");
        assertThat(c.pauseMs()).isZero();
        assertThat(c.workMicros()).isEqualTo(2000);
        assertThat(c.slo()).isEqualTo(new Slo(250, 1, null));
        assertThat(of("pause", "0", "slo.p99", "40").slo()).isEqualTo(new Slo(40, 1, null));
        assertThatThrownBy(() -> of("pause", "0")).hasMessageContaining("-Dpause=0 needs -Dslo.p99");
    }

    @Test
    void propertiesAreBoundByTypeABlankOneIsNotGivenAndABareFlagIsTrue() {
        LadderConfig blank = of("pause", " ", "hold", "", "virtual.threads", "", "slo.ko", "");
        assertThat(blank.pauseMs()).isEqualTo(1000);
        assertThat(blank.hold()).isEqualTo(Duration.ofSeconds(6));
        assertThat(blank.slo()).isEqualTo(of().slo());
        assertThat(of("pause", " 500 ", "hold", "2.5").hold()).isEqualTo(Duration.ofMillis(2500));
        String[] remote = {"virtual.url", "http://192.0.2.1:8080/", "virtual.slo.p99", "200"};
        assertThatThrownBy(() -> of(remote)).hasMessageContaining("add -Dremote=true");
        assertThat(target(of(concat(remote, "remote", "")), "virtual").url()).isEqualTo(URI.create("http://192.0.2.1:8080/"));
        assertThat(of("earlyStop", "").plan()).isEqualTo(of().plan());
        assertThatThrownBy(() -> of("pause", "1.5")).hasMessage("-Dpause=1.5 must be a whole number");
        assertThatThrownBy(() -> of("hold", "soon")).hasMessage("-Dhold=soon must be a number");
        assertThatThrownBy(() -> of("virtual.seed", "yes")).hasMessage("-Dvirtual.seed=yes must be true or false");
        assertThatThrownBy(() -> of("virtual.maxVirtualThreads", "lots"))
                .hasMessage("-Dvirtual.maxVirtualThreads=lots must be a whole number");
        assertThatThrownBy(() -> of("slo.ko", "101")).hasMessage("-Dslo.ko=101 must be between 0 and 100");
    }

    @Test
    void aFixedLadderStopsEarlyUnlessToldNotTo() {
        assertThat(of().plan()).isEqualTo(new FixedLadder(List.of(25, 50, 100, 200, 400, 800, 1600, 3200), true));
        assertThat(of("earlyStop", "false").plan()).isEqualTo(new FixedLadder(List.of(25, 50, 100, 200, 400, 800, 1600, 3200), false));
        assertThatThrownBy(() -> of("earlyStop", "maybe")).hasMessage("-DearlyStop=maybe must be true or false");
    }

    @Test
    void levelsAutoIsACapacitySearchFromTheProfilesFirstLevel() {
        LadderConfig c = of("levels", "auto");
        assertThat(c.plan()).isEqualTo(new CapacitySearch(25, LadderConfig.AUTO_MAX, 10, 16));
        assertThat(c.profile()).isEqualTo("default");
        assertThat(c.experiment().plan().searched()).isTrue();
        assertThat(c.plan().maxUsers()).isEqualTo(10_000);
        assertThat(target(c, "tuned").threads()).as("tuned: a pool sized to the top of the search").isEqualTo(10_000);
        assertThat(c.ladder().levels()).extracting(Level::users).containsExactly(25);
        assertThat(c.ladder().ended()).as("the search appends its levels as it goes").isFalse();
        assertThat(of("levels", "AUTO", "auto.from", "10", "auto.max", "400", "auto.within", "5", "auto.probes", "8").plan())
                .isEqualTo(new CapacitySearch(10, 400, 5, 8));

    }

    @Test
    void badSearchSettingsAreOneLineErrors() {
        assertThatThrownBy(() -> of("auto.from", "10")).hasMessage("-Dauto.from=10 only applies to a capacity search: add -Dlevels=auto");
        assertThatThrownBy(() -> of("levels", "auto", "earlyStop", "false"))
                .hasMessageContaining("-DearlyStop=false only applies to a fixed ladder");
        assertThatThrownBy(() -> of("levels", "auto", "auto.from", "500", "auto.max", "100"))
                .hasMessage("-Dauto.max=100 must be at least -Dauto.from (500)");
        assertThatThrownBy(() -> of("levels", "auto", "auto.within", "0")).hasMessageContaining("-Dauto.within=0 must be between");
        assertThatThrownBy(() -> of("levels", "auto", "auto.probes", "x")).hasMessageContaining("-Dauto.probes=x must be a whole number");
    }

    @Test
    void seedProfileIsTheBlogsExperiment() {
        LadderConfig c = of("profile", "seed");
        assertThat(c.plan().upFront()).containsExactly(5, 10, 20, 50, 100, 200);
        assertThat(c.pauseMs()).isEqualTo(100);
        assertThat(target(c, "blocking").threads()).isEqualTo(10);
    }

    @Test
    void c10kProfileGoesToTenThousandUsers() {
        LadderConfig c = of("profile", "c10k");
        assertThat(c.plan().maxUsers()).isEqualTo(10_000);
        assertThat(c.targetHeap()).as("the issue caps the heap at 512 MB").isEqualTo("512m");
        assertThat(c.pauseMs()).isEqualTo(1000);
    }

    @Test
    void overridesWinOverTheProfile() {
        LadderConfig c = of("levels", "25, 50", "hold", "3", "ramp", "1.5", "warmup", "0", "pause", "200",
                "timeout", "900", "targets", "virtual,blocking", "blocking.threads", "20", "virtual.maxVirtualThreads", "300",
                "runId", "ci-1", "target.heap", "1g");
        assertThat(c.plan().upFront()).containsExactly(25, 50);
        assertThat(c.hold()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.ramp()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.warmup()).isZero();
        assertThat(c.pauseMs()).isEqualTo(200);
        assertThat(c.timeoutMs()).isEqualTo(900);
        assertThat(c.targets()).extracting(TargetSpec::name).containsExactly("virtual", "blocking");
        assertThat(target(c, "blocking").threads()).isEqualTo(20);
        assertThat(target(c, "virtual").maxVirtualThreads()).isEqualTo(300);
        assertThat(c.runId()).isEqualTo("ci-1");
        assertThat(c.targetHeap()).isEqualTo("1g");
        assertThat(c.profile()).as("the profile it started from; the experiment says what differs").isEqualTo("default");
    }

    @Test
    void anyNamedTargetWithAModelOrAUrl() {
        LadderConfig c = of("targets", "blocking,virtual,pool1k,given", "pool1k.model", "blocking", "pool1k.threads", "1000",
                "given.url", "http://127.0.0.1:9000", "given.slo.p99", "250");
        assertThat(c.targets()).extracting(TargetSpec::name).containsExactly("blocking", "virtual", "pool1k", "given");
        assertThat(target(c, "pool1k")).isEqualTo(new TargetSpec("pool1k", ThreadModel.BLOCKING, 1000, null, null, null));
        assertThat(target(c, "pool1k").managed()).isTrue();
        assertThat(target(c, "given").model()).isNull();
        assertThat(target(c, "given").managed()).isFalse();
        // a blocking model without a pool size gets the profile's
        assertThat(of("targets", "small", "small.model", "BLOCKING").targets().getFirst().threads()).isEqualTo(200);
        assertThatThrownBy(() -> of("targets", "blocking,mystery"))
                .isInstanceOf(NonblockingException.class)
                .hasMessage("target mystery needs -Dmystery.model=blocking|hybrid|virtual|async (a server the ladder starts)"
                        + " or -Dmystery.url (one that runs already)");
    }

    @Test
    void aPoolSizeBelongsToTheBlockingModelAndACapToTheVirtualOne() {
        assertThatThrownBy(() -> of("virtual.threads", "10"))
                .isInstanceOf(NonblockingException.class)
                .hasMessageContaining("-Dvirtual.threads is a pool size, which only the blocking and hybrid models have");
        assertThatThrownBy(() -> of("blocking.maxVirtualThreads", "10"))
                .isInstanceOf(NonblockingException.class)
                .hasMessageContaining("-Dblocking.maxVirtualThreads is a cap of the virtual model only");
    }

    @Test
    void theGapNamesTwoTargetsOfTheRun() {
        LadderConfig c = of("targets", "blocking,virtual,pool1k", "pool1k.model", "blocking", "gap.over", "pool1k");
        assertThat(c.gapOf()).isEqualTo("virtual");
        assertThat(c.gapOver()).isEqualTo("pool1k");
        assertThatThrownBy(() -> of("gap.over", "pool1k")).hasMessageContaining("must name two different targets");
    }

    @Test
    void theProfileIsTheOneTheRunStartedFromAndTheExperimentSaysWhatDiffers() {
        assertThat(of("hold", "3").profile()).isEqualTo("default");
        assertThat(of("profile", "seed", "hold", "2").profile()).isEqualTo("seed");
        assertThat(of("levels", "25,50").experiment().plan().levels()).containsExactly(25, 50);
    }

    @Test
    void aTargetCanAskForItsOwnPauseButOnlyWithTheSeedRequest() {
        assertThat(target(of("virtual.pause", "1200"), "virtual").request().pauseMs()).isEqualTo(1200L);
        assertThat(target(of(), "virtual").request().pauseMs()).isNull();
        assertThatThrownBy(() -> of("virtual.pause", "-1")).hasMessageStartingWith("-Dvirtual.pause=-1 ");
        assertThatThrownBy(() -> of("targets", "shop", "shop.url", "http://127.0.0.1:9000/", "shop.slo.p99", "100",
                "shop.pause", "100")).hasMessage("-Dshop.pause=100 only applies to the seed request (our own servers)");
    }

    @Test
    void aGivenUrlIsRequestedExactlyAsGivenUnlessItIsSaidToBeOurs() {
        LadderConfig c = of("targets", "shop", "shop.url", "http://127.0.0.1:9000/orders?region=eu", "shop.method", "post",
                "shop.header.Content-Type", "application/json", "shop.timeout", "2000", "shop.slo.p99", "250");
        TargetSpec shop = c.targets().getFirst();
        assertThat(shop.url()).isEqualTo(URI.create("http://127.0.0.1:9000/orders?region=eu"));
        assertThat(shop.request()).isEqualTo(new TargetSpec.Request("POST", Map.of("Content-Type", "application/json"),
                null, 2000L, false, null, null));
        assertThat(shop.slo()).isEqualTo(new Slo(250, 1, null));
        assertThatThrownBy(() -> of("targets", "shop", "shop.url", "http://127.0.0.1:9000/orders"))
                .hasMessageContaining("give it a latency limit, -Dshop.slo.p99=<ms>");
        assertThat(target(of("virtual.flow", "nonblocking.flows.LoginThenTwoCalls", "virtual.slo.p99", "3000"), "virtual")
                .request().flow()).isEqualTo("nonblocking.flows.LoginThenTwoCalls");
        assertThatThrownBy(() -> of("virtual.flow", "nonblocking.flows.LoginThenTwoCalls"))
                .hasMessageContaining("-Dvirtual.slo.p99=<ms>");
        assertThatThrownBy(() -> of("virtual.flow", "not a class", "virtual.slo.p99", "3000"))
                .hasMessageContaining("-Dvirtual.flow=not a class must be the class name of a nonblocking.run.Flow");
        assertThatThrownBy(() -> of("blocking.url", "http://127.0.0.1:8081/?pause=1", "blocking.seed", "true"))
                .hasMessageContaining("-Dblocking.url=http://127.0.0.1:8081/?pause=1 must be an http(s) base URL");
        assertThatThrownBy(() -> of("targets", "shop", "shop.url", "http://127.0.0.1:9000/", "shop.slo.p99", "250",
                "shop.body", "/no/such/file.json")).hasMessageContaining("-Dshop.body=/no/such/file.json cannot be read");
        // A managed target gets the seed request, and the run's SLO unless it has its own.
        assertThat(target(of(), "virtual").request().seed()).isTrue();
        assertThat(target(of(), "virtual").slo()).isNull();
        assertThat(target(of("virtual.slo.p99", "1200"), "virtual").slo()).isEqualTo(new Slo(1200, 1, 0.9));
    }

    @Test
    void urlsMakeATargetForeignAndGetATrailingSlash() {
        LadderConfig c = of("blocking.url", "http://127.0.0.1:8081", "virtual.url", "http://localhost:8082/",
                "blocking.seed", "true", "virtual.seed", "true");
        assertThat(target(c, "blocking").managed()).isFalse();
        assertThat(target(c, "blocking").url()).isEqualTo(URI.create("http://127.0.0.1:8081/"));
        assertThat(target(c, "blocking").threads()).as("a given server's pool is its own").isNull();
        assertThat(target(c, "virtual").url()).isEqualTo(URI.create("http://localhost:8082/"));
    }

    @Test
    void aForeignTargetsCensusPortIsOptional() {
        LadderConfig c = of("blocking.url", "http://127.0.0.1:8081/", "blocking.census", "http://127.0.0.1:9081",
                "virtual.url", "http://127.0.0.1:8082/", "slo.p99", "1500");
        assertThat(target(c, "blocking").census()).isEqualTo(URI.create("http://127.0.0.1:9081/"));
        assertThat(target(c, "virtual").census()).isNull();
    }

    @Test
    void loadGoesOnlyToThisMachineUnlessRemoteIsSaidOutLoud() {
        assertThat(target(of("virtual.url", "http://localhost:8082/", "virtual.seed", "true"), "virtual").url()).isNotNull();
        assertThat(target(of("virtual.url", "http://[::1]:8082/", "virtual.seed", "true"), "virtual").url()).isNotNull();
        assertThat(target(of("virtual.url", "http://127.0.0.2:8082/", "virtual.seed", "true"), "virtual").url()).isNotNull();
        // 192.0.2.0/24 is TEST-NET-1: never anybody's server, and a literal needs no DNS.
        assertThatThrownBy(() -> of("virtual.url", "http://192.0.2.1:8082/", "virtual.seed", "true"))
                .isInstanceOf(NonblockingException.class)
                .hasMessageContaining("-Dremote=true");
        assertThatThrownBy(() -> of("blocking.url", "http://127.0.0.1:8081/", "blocking.seed", "true",
                "blocking.census", "http://192.0.2.1:9081/"))
                .isInstanceOf(NonblockingException.class)
                .hasMessageContaining("blocking.census");
        assertThat(target(of("virtual.url", "http://192.0.2.1:8082/", "virtual.seed", "true", "remote", "true"), "virtual").url())
                .isEqualTo(URI.create("http://192.0.2.1:8082/"));
    }

    @Test
    void unboundedCapIsNoCap() {
        assertThat(target(of("virtual.maxVirtualThreads", "unbounded"), "virtual").maxVirtualThreads()).isNull();
    }

    @Test
    void badValuesAreOneLineErrorsNamingTheProperty() {
        List<String[]> bad = List.of(
                new String[]{"profile", "huge"},
                new String[]{"levels", "50,25"},
                new String[]{"levels", "a,b"},
                new String[]{"hold", "0"},
                new String[]{"hold", "x"},
                new String[]{"ramp", "0.5"},
                new String[]{"pause", "-1"},
                new String[]{"timeout", "500"},
                new String[]{"targets", "bl ocking"},
                new String[]{"targets", ","},
                new String[]{"blocking.threads", "0"},
                new String[]{"blocking.model", "greenlets"},
                new String[]{"virtual.url", "ftp://x/"},
                new String[]{"blocking.census", "http://127.0.0.1:9081/"},   // without blocking.url
                new String[]{"remote", "maybe"},
                new String[]{"runId", "../x"},
                new String[]{"target.heap", "lots"},
                new String[]{"work", "-5"},
                new String[]{"slo.p99", "fast"},
                new String[]{"slo.ko", "101"});
        for (String[] kv : bad) {
            assertThatThrownBy(() -> of(kv[0], kv[1]))
                    .as("-D%s=%s", kv[0], kv[1])
                    .isInstanceOf(NonblockingException.class)
                    .hasMessageContaining(kv[0])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void oneOfNInjectorsDrivesItsShareOfTargetsGivenByUrlAndOnlyInjectorZeroReadsTheCensus() {
        String[] given = {"injectors", "3", "coordinator", "nonblocking-injectors-0.nonblocking-injectors:7070",
                "runId", "c100k-1", "targets", "shop", "shop.url", "http://127.0.0.1:8080/orders", "shop.slo.p99", "200",
                "shop.census", "http://127.0.0.1:9090/", "levels", "10,100"};
        LadderConfig zero = of(concat(given, "injector", "0"));
        assertThat(zero.injection()).isEqualTo(new Injection(3, 0, "nonblocking-injectors-0.nonblocking-injectors:7070",
                Duration.ofSeconds(120)));
        assertThat(zero.injection().part()).isTrue();
        assertThat(zero.injection().split().share(100)).isEqualTo(34);
        assertThat(target(zero, "shop").census()).isEqualTo(URI.create("http://127.0.0.1:9090/"));
        assertThat(zero.plan()).isEqualTo(new FixedLadder(List.of(10, 100), false));   // one timeline: no early stop
        LadderConfig two = of(concat(given, "injector", "2"));
        assertThat(two.injection().split().share(100)).isEqualTo(33);
        assertThat(target(two, "shop").census()).as("injector 0 alone reads it").isNull();
    }

    @Test
    void withoutAnIndexNInjectorsAreLaunchedHereAndTheTargetsMayBeManaged() {
        LadderConfig launcher = of("injectors", "2", "targets", "virtual", "levels", "100,400");
        assertThat(launcher.injection().launches()).isTrue();
        assertThat(launcher.injection().part()).isFalse();
        assertThat(target(launcher, "virtual").managed()).isTrue();
        assertThat(of().injection()).isEqualTo(Injection.ALONE);
        // One timeline: the warm-up lasts what was asked on every injector, never lengthened by one alone.
        assertThat(launcher.warmupMax()).isEqualTo(launcher.warmup());
        assertThat(of().warmupMax()).isGreaterThan(of().warmup());
    }

    @Test
    void whatNInjectorsCannotShareIsRefusedInOneLine() {
        assertThatThrownBy(() -> of("injectors", "2", "levels", "auto")).isInstanceOf(NonblockingException.class)
                .hasMessage("-Dlevels=auto cannot run on 2 injectors: a capacity search needs one decider; give fixed levels");
        assertThatThrownBy(() -> of("injectors", "2", "earlyStop", "true")).isInstanceOf(NonblockingException.class)
                .hasMessageContaining("cannot run on 2 injectors: they follow one fixed timeline");
        assertThatThrownBy(() -> of("injectors", "2", "injector", "1", "coordinator", "h:7070", "runId", "r",
                "targets", "virtual")).isInstanceOf(NonblockingException.class)
                .hasMessageStartingWith("target virtual has no -Dvirtual.url: each of 2 injectors drives targets given by URL");
        assertThatThrownBy(() -> of("injectors", "2", "injector", "1", "coordinator", "h:7070",
                "targets", "s", "s.url", "http://127.0.0.1:1/", "s.slo.p99", "9")).isInstanceOf(NonblockingException.class)
                .hasMessageStartingWith("each of 2 injectors needs the same -DrunId");
        assertThatThrownBy(() -> of("injectors", "2", "injector", "2")).isInstanceOf(NonblockingException.class)
                .hasMessage("-Dinjector=2 must be between 0 and 1");
        assertThatThrownBy(() -> of("injectors", "2", "injector", "0", "coordinator", "nowhere")).isInstanceOf(NonblockingException.class)
                .hasMessageStartingWith("-Dcoordinator=nowhere must be host:port");
        assertThatThrownBy(() -> of("injectors", "65")).isInstanceOf(NonblockingException.class)
                .hasMessage("-Dinjectors=65 must be between 1 and 64");
        assertThatThrownBy(() -> of("injector", "1")).isInstanceOf(NonblockingException.class)
                .hasMessage("-Dinjector=1 needs -Dinjectors greater than it");
    }

    @Test
    void aSettingsFileIsReadBeneathThePropertiesGiven(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("ladder.properties"),
                "# as a ConfigMap gives them\nlevels=10,20\nhold=3\npause=200\n");
        LadderConfig config = of("settings", file.toString(), "hold", "4");
        assertThat(config.plan().upFront()).containsExactly(10, 20);
        assertThat(config.pauseMs()).isEqualTo(200);
        assertThat(config.hold()).as("the property given wins").isEqualTo(Duration.ofSeconds(4));
        assertThatThrownBy(() -> of("settings", dir.resolve("none.properties").toString()))
                .isInstanceOf(NonblockingException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void theOpenModelsLevelsAreRatesJudgedByTheRateAchievedWithABoundedPoolOfSenders() {
        LadderConfig open = of("load", "open", "targets", "virtual", "levels", "200,400", "pause", "10", "slo.p99", "100");
        assertThat(open.load()).isEqualTo(nonblocking.results.Load.OPEN);
        assertThat(open.slo()).isEqualTo(new Slo(100, 1, Slo.MIN_ACHIEVED, true));
        assertThat(open.slo().limits()).isEqualTo("p99 ≤ 100 ms, KO ≤ 1 %, achieved rate ≥ 0.95 × offered");
        assertThat(open.senders()).as("twice rate x p99, at least 50").isEqualTo(80);
        assertThat(open.connections()).isEqualTo(80);
        assertThat(of("load", "open", "levels", "auto", "pause", "100").plan().maxUsers()).isEqualTo(LadderConfig.AUTO_MAX_RATE);
        assertThat(of().load()).isEqualTo(nonblocking.results.Load.CLOSED);
        assertThat(of().connections()).isEqualTo(3200);
        assertThatThrownBy(() -> of("load", "half")).isInstanceOf(NonblockingException.class)
                .hasMessage("-Dload=half must be closed (levels of users) or open (levels of requests per second)");
        assertThatThrownBy(() -> of("load", "open", "targets", "virtual", "virtual.flow", "nonblocking.flows.LoginThenTwoCalls", "slo.p99", "500"))
                .isInstanceOf(NonblockingException.class).hasMessageContaining("target virtual's flow needs -Dload=closed");
    }

    @Test
    void aStallFreezesTheTargetOnceInEachHoldAndMustFitInIt() {
        assertThat(of("stall", "2000", "hold", "10").stallMs()).isEqualTo(2000);
        assertThat(of().stallMs()).isZero();
        assertThatThrownBy(() -> of("stall", "6000", "hold", "6")).isInstanceOf(NonblockingException.class)
                .hasMessageStartingWith("-Dstall=6000 must be shorter than the hold (6000 ms)");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
