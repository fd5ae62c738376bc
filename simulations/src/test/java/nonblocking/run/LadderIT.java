package nonblocking.run;

import nonblocking.injectors.InjectorCommand;
import nonblocking.ladder.LadderConfig;
import nonblocking.record.LevelArithmetic;
import nonblocking.record.LevelRecord;
import nonblocking.record.RecordFile;
import nonblocking.record.RunRecord;
import nonblocking.record.TargetRecord;
import nonblocking.results.Gap;
import nonblocking.results.LevelResult;
import nonblocking.results.Results;
import nonblocking.results.ResultsFile;
import nonblocking.results.RunFolders;
import nonblocking.results.TargetResult;
import nonblocking.targets.Classpath;
import nonblocking.targets.TargetCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.fail;

/**
 * The whole ladder, end to end: a real Gatling run in a child JVM (as the Maven plugin forks it) that starts
 * both real targets, climbs two tiny levels on each and writes results.json; then nothing may be left running.
 * The blocking pool is cut to 5 threads so that its 10-user level must fail (10 users x 500 ms on 5 threads
 * take ~1 s > 1.5 pauses): the gap is visible even in a 40-second test.
 */
class LadderIT {

    /** What the test does while a run runs: it may throw. */
    @FunctionalInterface
    interface ThrowingConsumer<T> {
        void accept(T value) throws Exception;
    }

    /** Runs the Gatling simulation in a child JVM, as an injector of the Job runs it; returns its console output. */
    static String gatling(Path tmp, String... properties) throws Exception {
        return gatling(tmp, 0, null, properties);
    }

    /** The same, expecting {@code exitCode}; {@code meanwhile} (if any) runs while it does, given its log. */
    static String gatling(Path tmp, int exitCode, ThrowingConsumer<Path> meanwhile, String... properties) throws Exception {
        Path gatling = tmp.resolve("gatling");
        List<String> settings = new ArrayList<>(List.of(properties));
        settings.addAll(List.of("-DrunId=it", "-Dnonblocking.output=" + tmp.resolve("nonblocking"),
                "-Dnonblocking.gatlingResults=" + gatling));
        List<String> command = InjectorCommand.command(TargetCommand.javaExecutable(), Runtime.version().feature(),
                Classpath.current(), settings, gatling);
        Path log = tmp.resolve("gatling-run.log");
        Process gatlingJvm = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (meanwhile != null) {
            try {
                meanwhile.accept(log);
            } catch (Exception | AssertionError e) {
                gatlingJvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw e;
            }
        }
        if (!gatlingJvm.waitFor(150, TimeUnit.SECONDS)) {
            gatlingJvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("the Gatling run took longer than 150 s; its output:\n" + tail(log));
        }
        assertThat(gatlingJvm.exitValue()).as("Gatling's exit code; output:\n%s", tail(log)).isEqualTo(exitCode);
        return Files.readString(log);
    }

    /**
     * A service we did not write, driven as a user would: its own path, a POST with a JSON body and a header, no
     * pause, an SLO of its own. It records what it was sent, so the test sees the requests arrive exactly as given.
     */
    @Test
    void aServiceIsRequestedExactlyAsGiven(@TempDir Path tmp) throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer shop = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        shop.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        shop.createContext("/orders", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + new String(body));
            try {
                Thread.sleep(20);   // a tunable delay, like a real service's work
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        shop.start();
        try {
            Path order = Files.writeString(tmp.resolve("order.json"), "{\"item\":42}");
            String url = "http://127.0.0.1:" + shop.getAddress().getPort() + "/orders?region=eu";
            String console = gatling(tmp, "-Dtargets=shop", "-Dshop.url=" + url, "-Dshop.method=POST",
                    "-Dshop.body=" + order, "-Dshop.header.Content-Type=application/json", "-Dshop.slo.p99=500",
                    "-Dlevels=2,4", "-Dhold=2", "-Dramp=1", "-Dwarmup=1", "-Dtimeout=2000");

            assertThat(seen).isNotEmpty().allMatch(line -> line.equals("POST /orders?region=eu application/json {\"item\":42}"));
            assertThat(console).contains("[shop] level 2/2: 4 users", "sustainable concurrency: shop ≥4");
            Results results = ResultsFile.read(tmp.resolve("nonblocking/it").resolve(ResultsFile.NAME));
            TargetResult target = results.targets().get("shop");
            assertThat(target.config().request()).isEqualTo(new TargetResult.Request("POST", false, List.of("Content-Type"), 11, 2000, null, 0));
            assertThat(target.config().slo()).isEqualTo(new nonblocking.results.Slo(500, 1, null));
            assertThat(target.levels()).allSatisfy(level -> {
                assertThat(level.ko()).isZero();
                assertThat(level.latency().p50Ms()).isGreaterThanOrEqualTo(20);
                assertThat(level.efficiency()).isPositive();   // without a pause: latency inflation against the lowest level
            });
            assertThat(target.config().census()).isNull();
        } finally {
            shop.stop(0);
        }
    }

    /**
     * The db wait on a real PostgreSQL the run starts: the first level says where a request waited (in the pool, in the
     * query) and what PostgreSQL saw; then PostgreSQL is killed, which ends the target's ladder as a failure, never a
     * capacity, and leaves no process behind.
     */
    @Test
    void aDatabaseThatGoesAwayMidLadderIsAFailureNotACapacity(@TempDir Path tmp) throws Exception {
        Path pidFile = tmp.resolve("nonblocking/it/postgres/data/postmaster.pid");
        String console = gatling(tmp, 1, log -> {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                String sofar = Files.readString(log);
                assertThat(sofar).as("the run ended before its first level").doesNotContain("nonblocking: ERROR");
                return sofar.contains("[virtual] level 1/3");
            });
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        }, "-Dtargets=virtual", "-Dwait=db", "-Ddb.pool=4", "-Dlevels=2,8,16", "-Dpause=100", "-Dhold=3", "-Dramp=1",
                "-Dwarmup=1", "-Dtimeout=2000", "-Dslo.p99=1000");

        assertThat(console).contains("[virtual] STOPPED SERVING at 8 users: PostgreSQL is gone (its server process",
                "nonblocking: ERROR not every target ran its ladder: virtual stopped serving at 8 users");
        Results results = ResultsFile.read(tmp.resolve("nonblocking/it").resolve(ResultsFile.NAME));
        assertThat(results.experiment().waitOn().kind()).isEqualTo("db");
        assertThat(results.experiment().waitOn().settings()).containsEntry("url", "managed").containsEntry("pool", "4");
        TargetResult virtual = results.targets().get("virtual");
        assertThat(virtual.crash()).isNotNull();
        assertThat(virtual.crash().users()).isEqualTo(8);
        assertThat(virtual.bracket()).isNull();
        assertThat(results.gap()).isNull();
        LevelResult first = virtual.levels().getFirst();
        assertThat(first.users()).isEqualTo(2);
        assertThat(first.ko()).isZero();
        assertThat(first.breakdown().waitMs()).containsKeys("connection_ms", "query_ms");
        // pg_sleep(0.1) each; a mean over the hold's counters, whose edges cut queries in flight, can read a little under.
        assertThat(first.breakdown().waitMs().get("query_ms")).isGreaterThanOrEqualTo(90);
        assertThat(first.backend().peaks()).containsEntry("connections", 4L);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").contains(tmp.toString())));
    }

    /** The README's worked example of a flow of one's own: a "login", then two calls, timed as one transaction. */
    @Test
    void aFlowOfOnesOwnIsLoopedAndTimedAsOne(@TempDir Path tmp) throws Exception {
        String console = gatling(tmp, "-Dtargets=virtual", "-Dvirtual.flow=nonblocking.flows.LoginThenTwoCalls",
                "-Dvirtual.slo.p99=1000", "-Dlevels=2,4", "-Dhold=2", "-Dramp=1", "-Dwarmup=1", "-Dpause=200",
                "-Dtimeout=2000");

        Results results = ResultsFile.read(tmp.resolve("nonblocking/it").resolve(ResultsFile.NAME));
        TargetResult virtual = results.targets().get("virtual");
        assertThat(virtual.config().request().flow()).isEqualTo("nonblocking.flows.LoginThenTwoCalls");
        assertThat(virtual.levels()).allSatisfy(level -> {
            assertThat(level.ok()).isPositive();
            assertThat(level.ko()).isZero();
            assertThat(level.latency().p50Ms()).as("two calls of 200 ms each").isGreaterThanOrEqualTo(400);
        });
        assertThat(console).contains("sustainable concurrency: virtual ≥4");
        Path gatlingIndex = tmp.resolve("nonblocking/it").resolve(results.records().gatlingReport()).normalize();
        assertThat(Files.readString(gatlingIndex)).contains("login", "first call", "second call");
    }

    /**
     * {@code -Dlevels=auto} against a pool of 10 threads at 200 ms a request: 10 users keep every thread busy, 11
     * queue. The search doubles from 4 until a level breaks, then bisects: the bracket must enclose the pool.
     */
    @Test
    void aCapacitySearchBracketsABlockingPool(@TempDir Path tmp) throws Exception {
        String console = gatling(tmp, "-Dtargets=blocking", "-Dblocking.threads=10", "-Dlevels=auto", "-Dauto.from=4",
                "-Dauto.max=64", "-Dpause=200", "-Dhold=2", "-Dramp=1", "-Dwarmup=1", "-Dtimeout=2000");

        Results results = ResultsFile.read(tmp.resolve("nonblocking/it").resolve(ResultsFile.NAME));
        assertThat(results.experiment().searched()).isTrue();
        assertThat(results.experiment().plan()).isEqualTo(nonblocking.results.LevelPlan.auto(4, 64, 10.0, 16));
        TargetResult blocking = results.targets().get("blocking");
        assertThat(blocking.runOrder()).as("doubling while levels hold").startsWith(4, 8, 16);
        assertThat(blocking.levels()).extracting(LevelResult::users).isSorted();
        int held = blocking.capacity().held();
        Integer broke = blocking.capacity().broke();
        // 10 pool threads; one run held 11 (another Jetty thread served the eleventh): 10 or 11, within noise 8.
        assertThat(held).as("held").isBetween(8, 11);
        assertThat(broke).as("broke").isNotNull().isBetween(Math.max(held + 1, 10), 16);
        assertThat(broke - held <= 1 || broke <= held * 1.1).as("within 10 %%: [%d, %d]", held, broke).isTrue();
        assertThat(blocking.bracket()).containsExactly(held, broke);
        assertThat(blocking.skipped()).isEmpty();
        assertThat(console).contains("[blocking] capacity search done after " + blocking.runOrder().size() + " levels: sustains "
                + held + " users, bracket [" + held + ", " + broke + "]", "sustainable concurrency, each request waiting on a pause of 200 ms: blocking " + held + " [");
        assertThat(Files.readString(tmp.resolve("nonblocking/it/results.json"))).contains("\"bracket\" : [ " + held + ", " + broke + " ]");
    }

    /** A pool of 2 at 200 ms breaks at 4 and 8 users: the early stop skips 16 and 32, recorded as skipped. */
    @Test
    void aFixedLadderStopsEarlyAfterTwoBrokenLevels(@TempDir Path tmp) throws Exception {
        String console = gatling(tmp, "-Dtargets=blocking", "-Dblocking.threads=2", "-Dlevels=2,4,8,16,32",
                "-Dpause=200", "-Dhold=2", "-Dramp=1", "-Dwarmup=1", "-Dtimeout=2000");

        TargetResult blocking = ResultsFile.read(tmp.resolve("nonblocking/it").resolve(ResultsFile.NAME)).targets().get("blocking");
        assertThat(blocking.levels()).extracting(LevelResult::users).containsExactly(2, 4, 8);
        assertThat(blocking.skipped()).containsExactly(16, 32);
        assertThat(blocking.bracket()).containsExactly(2, 4);
        assertThat(console).contains("[blocking] early stop: the last 2 levels did not hold (they broke, or the harness was the limit); skipped [16, 32]",
                "skipped (early stop)", "sustainable concurrency, each request waiting on a pause of 200 ms: blocking 2 [2, 4]");
    }

    @Test
    void tinyLadderAgainstBothTargetsWritesResultsAndLeavesNothingRunning(@TempDir Path tmp) throws Exception {
        Path output = tmp.resolve("nonblocking");
        Path gatling = tmp.resolve("gatling");
        String console = gatling(tmp, "-Dlevels=5,10", "-Dhold=3", "-Dramp=1", "-Dwarmup=1", "-Dpause=500", "-Dtimeout=2000",
                "-Dblocking.threads=5", "-Dtargets=blocking,virtual,pool10", "-Dpool10.model=blocking",
                "-Dpool10.threads=10");
        assertThat(console).contains("[blocking] level 2/2: 10 users", "[virtual] level 2/2: 10 users",
                "[pool10] level 2/2: 10 users", "sustainable concurrency, each request waiting on a pause of 500 ms: blocking 5 [5, 10] (virtual ≥2x; ", " · virtual ≥10 · pool10 ≥10 (");
        // After Gatling's own summary, which counts warm-ups and failed levels too, the run says which numbers count.
        assertThat(console.lastIndexOf("Global Information")).isLessThan(console.lastIndexOf("nonblocking: Gatling's summary above"));

        Results results = ResultsFile.read(output.resolve("it").resolve(ResultsFile.NAME));
        RunRecord record = RecordFile.read(output.resolve("it"));
        assertThat(ResultsFile.read(output.resolve(RunFolders.LATEST).resolve(ResultsFile.NAME))).isEqualTo(results);
        assertThat(results.schema()).isEqualTo(Results.SCHEMA);
        assertThat(results.experiment().waitOn().pauseMs()).isEqualTo(500);
        // The run happens inside this repository's checkout: it records the commit it measured.
        assertThat(results.provenance().source()).isNotNull();
        assertThat(results.provenance().source().commit()).matches("[0-9a-f]{40}");
        assertThat(List.copyOf(results.targets().keySet())).containsExactly("blocking", "virtual", "pool10");
        for (var entry : results.targets().entrySet()) {
            TargetResult target = entry.getValue();
            assertThat(target.config().managed()).isTrue();
            assertThat(target.config().model()).isEqualTo(entry.getKey().equals("virtual") ? "virtual" : "blocking");
            assertThat(target.config().jvmArgs()).isEqualTo(TargetCommand.jvmOptions(LadderConfig.DEFAULT_HEAP));
            assertThat(target.jdk()).as("the target's own JDK, from its census").isEqualTo(System.getProperty("java.version"));
            assertThat(target.idle()).isNotNull();
            assertThat(target.idle().heapUsedBytes()).isPositive();
            assertThat(target.levels()).extracting(LevelResult::users).containsExactly(5, 10);
            for (LevelResult level : target.levels()) {
                assertThat(level.ok()).as("%s %d users ok", entry.getKey(), level.users()).isPositive();
                assertThat(level.latency().p50Ms()).isGreaterThanOrEqualTo(500);
                assertThat(level.footprint().platformThreadsPeak()).as("census of %s", entry.getKey()).isNotNull().isPositive();
                assertThat(level.footprint().inFlightPeak()).isNotNull().isPositive();
                assertThat(level.footprint().rssPeakBytes()).isNotNull().isPositive();
                // No GC is forced in a hold: a light one may see no collection, and then has no retained heap.
                assertThat(level.footprint().heapRetainedBytes()).satisfiesAnyOf(heap -> assertThat(heap).isNull(),
                        heap -> assertThat(heap).isPositive());
                // Costs over the hold, from the two census readings that bracket it.
                assertThat(level.cost()).as("cost of %s at %d", entry.getKey(), level.users()).isNotNull();
                assertThat(level.cost().cpuMsPerResponse()).isNotNull().isPositive();
                assertThat(level.cost().contextSwitchesPerResponse()).isNotNull().isPositive();
                assertThat(level.harness().machineCpu()).isNotNull().isBetween(0.0, 1.0);
                assertThat(level.harness().injectorCpuCores()).isNotNull().isPositive();
            }
        }
        assertThat(results.targets().get("blocking").config().threads()).isEqualTo(5);
        assertThat(results.targets().get("blocking").sustainableUsers()).isEqualTo(5);
        assertThat(results.targets().get("virtual").sustainableUsers()).isEqualTo(10);
        assertThat(results.targets().get("pool10").config().threads()).isEqualTo(10);
        assertThat(results.targets().get("pool10").sustainableUsers()).isEqualTo(10);
        assertThat(results.gap()).isEqualTo(new Gap("virtual", "blocking", 2.0, true, false));

        // Gatling's report, as the run recorded it: relative to the run folder, and the same from latest/.
        Path gatlingIndex = output.resolve("it").resolve(results.records().gatlingReport()).normalize();
        assertThat(gatlingIndex.getParent().getParent()).isEqualTo(gatling.toAbsolutePath().normalize());
        assertThat(gatlingIndex).exists();
        assertThat(Files.readString(gatlingIndex)).contains("virtual 0010u", "blocking warm-up", "pool10 0005u");
        assertThat(output.resolve(RunFolders.LATEST).resolve(results.records().gatlingReport()).normalize()).isEqualTo(gatlingIndex);
        assertThat(output.resolve("it/report.html")).hasSameTextualContentAs(output.resolve(RunFolders.LATEST).resolve("report.html"));

        // One managed target JVM at a time: each was stopped before the next started, and held its levels in between.
        List<TargetResult> inOrder = List.copyOf(results.targets().values());
        for (int i = 0; i < inOrder.size(); i++) {
            TargetResult target = inOrder.get(i);
            Instant started = Instant.parse(target.startedAt());
            Instant stopped = Instant.parse(target.stoppedAt());
            if (i > 0) {
                assertThat(started).as("target %d started after %d stopped", i, i - 1)
                        .isAfterOrEqualTo(Instant.parse(inOrder.get(i - 1).stoppedAt()));
            }
            for (LevelRecord level : record.targets().get(results.targets().keySet().stream().toList().get(i)).levels()) {
                assertThat(Instant.ofEpochMilli(level.holdStartMs())).isAfter(started);
                assertThat(Instant.ofEpochMilli(level.holdEndMs())).isBefore(stopped);
            }
        }

        // The raw record beside results.json gives back every level exactly, through the one arithmetic.
        assertThat(results.records()).extracting(Results.Records::histograms, Results.Records::levels, Results.Records::part)
                .containsExactly(RecordFile.HISTOGRAMS, RecordFile.LEVELS, null);
        results.targets().forEach((name, target) -> {
            TargetRecord raw = record.targets().get(name);
            assertThat(LevelArithmetic.levels(raw)).as(name).isEqualTo(target.levels());
            raw.levels().forEach(level -> {
                assertThat(level.allLatency().getTotalCount()).isEqualTo(level.requests());
                assertThat(level.okLatency().getTotalCount()).isEqualTo(level.ok());
            });
        });

        // No collection was forced during a hold: the targets' GC logs show the one before load, outside them.
        for (var entry : results.targets().entrySet()) {
            List<Instant> explicit = explicitCollections(output.resolve("it").resolve(entry.getKey() + ".log"));
            assertThat(explicit).as("%s: the idle census's GC, before load", entry.getKey()).isNotEmpty();
            for (LevelRecord level : record.targets().get(entry.getKey()).levels()) {
                assertThat(explicit).as("%s explicit GCs during the %d-user hold", entry.getKey(), level.users())
                        .noneMatch(at -> !at.isBefore(Instant.ofEpochMilli(level.holdStartMs()))
                                && at.isBefore(Instant.ofEpochMilli(level.holdEndMs() + 1000)));
            }
        }

        // Nothing left behind: the targets' ports are closed and their processes gone.
        for (var entry : results.targets().entrySet()) {
            URI url = URI.create(entry.getValue().config().url());
            assertThat(listening(url)).as("%s still listening on %s", entry.getKey(), url).isFalse();
            Path targetLog = output.resolve("it").resolve(entry.getKey() + ".log");
            // Managed targets have a census port, and the ladder read the census there.
            assertThat(Files.readString(targetLog)).contains(" census=http://127.0.0.1:");
            long pid = pidOf(Files.readString(targetLog));
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("%s target pid %d alive", entry.getKey(), pid).isFalse();
        }
    }

    /** The wall-clock times of the {@code System.gc()} collections in a target's log (TargetCommand.GC_LOG lines). */
    static List<Instant> explicitCollections(Path targetLog) throws IOException {
        Pattern line = Pattern.compile("^\\[(\\d{4}-\\d\\d-\\d\\dT[\\d:.]+)([+-]\\d\\d)(\\d\\d)].*Pause Full \\(System\\.gc\\(\\)\\)");
        List<Instant> at = new ArrayList<>();
        for (String l : Files.readAllLines(targetLog)) {
            Matcher m = line.matcher(l);
            if (m.find()) {
                at.add(java.time.OffsetDateTime.parse(m.group(1) + m.group(2) + ":" + m.group(3)).toInstant());
            }
        }
        return at;
    }

    private static boolean listening(URI url) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static long pidOf(String targetLog) {
        Matcher m = Pattern.compile("nonblocking target ready: .* pid=(\\d+)").matcher(targetLog);
        assertThat(m.find()).as("ready line in target log:\n%s", targetLog).isTrue();
        return Long.parseLong(m.group(1));
    }

    /**
     * {@code -Dinjectors=2}: the launcher starts the target, then two injector JVMs with the environment of the
     * Job's pods; each drives user u mod 2 of every level from one common start, and the merge writes one run.
     * Then the merge step is run again by hand on copies of the parts: one with another setting, one with a part
     * missing, each refused in one line with nothing written.
     */
    @Test
    void twoLocalInjectorsShareEveryLevelAndMergeIntoOneRun(@TempDir Path tmp) throws Exception {
        String console = gatling(tmp, "-Dinjectors=2", "-Dtargets=virtual", "-Dlevels=4,10", "-Dhold=2", "-Dramp=1",
                "-Dwarmup=1", "-Dpause=200", "-Dtimeout=2000");

        Path run = tmp.resolve("nonblocking/it");
        Results results = ResultsFile.read(run.resolve(ResultsFile.NAME));
        assertThat(results.experiment().injectors()).isEqualTo(2);
        assertThat(results.records().part()).isNull();
        assertThat(results.records().startSkewMs()).isNotNull().isBetween(0.0, 1000.0);
        TargetResult virtual = results.targets().get("virtual");
        assertThat(virtual.config().managed()).as("the launcher started it").isTrue();
        assertThat(virtual.config().model()).isEqualTo("virtual");
        assertThat(virtual.levels()).extracting(LevelResult::users).containsExactly(4, 10);
        assertThat(virtual.levels()).allSatisfy(level -> {
            assertThat(level.ko()).isZero();
            assertThat(level.efficiency()).as("both halves of the users: the whole throughput").isGreaterThan(0.8);
            assertThat(level.footprint().platformThreadsPeak()).as("injector 0 read the census").isNotNull();
        });
        assertThat(console).contains("2 injectors merged", "sustainable concurrency, each request waiting on a pause of 200 ms: virtual ≥10");

        RunRecord merged = RecordFile.read(run);
        Path parts = run.resolve("injectors/virtual");
        RunRecord zero = RecordFile.read(parts.resolve("injector-0"));
        RunRecord one = RecordFile.read(parts.resolve("injector-1"));
        assertThat(zero.targets().get("virtual").levels()).extracting(LevelRecord::share).containsExactly(2, 5);
        assertThat(one.targets().get("virtual").levels()).extracting(LevelRecord::share).containsExactly(2, 5);
        assertThat(zero.targets().get("virtual").clock().t0Ms()).isEqualTo(one.targets().get("virtual").clock().t0Ms());
        // One timeline: no injector lengthens its own warm-up (its holds would part from the other's).
        assertThat(zero.targets().get("virtual").run().warmupS()).isEqualTo(1.0);
        assertThat(one.targets().get("virtual").run().warmupS()).isEqualTo(1.0);
        for (int k = 0; k < 2; k++) {
            LevelRecord whole = merged.targets().get("virtual").levels().get(k);
            LevelRecord a = zero.targets().get("virtual").levels().get(k);
            LevelRecord b = one.targets().get("virtual").levels().get(k);
            assertThat(a.ok()).isPositive();
            assertThat(b.ok()).isPositive();
            assertThat(whole.ok()).isEqualTo(a.ok() + b.ok());
            assertThat(whole.okLatency().getTotalCount()).isEqualTo(a.okLatency().getTotalCount() + b.okLatency().getTotalCount());
            assertThat(whole.okLatency().getMaxValue()).isEqualTo(Math.max(a.okLatency().getMaxValue(), b.okLatency().getMaxValue()));
        }

        // Another setting in one part: refused, and the folder keeps no merge.
        Path otherHold = copy(parts, tmp.resolve("other-hold"));
        Path partResults = otherHold.resolve("injector-1").resolve(ResultsFile.NAME);
        Files.writeString(partResults, Files.readString(partResults).replace("\"hold_s\" : 2.0", "\"hold_s\" : 3.0"));
        assertThat(merge(otherHold)).contains("hold_s 3 vs 2").doesNotContain("\n\t");
        assertThat(otherHold.resolve(ResultsFile.NAME)).doesNotExist();

        // An injector that did not finish: its part has no record.
        Path missing = copy(parts, tmp.resolve("missing"));
        Files.delete(missing.resolve("injector-1").resolve(RecordFile.LEVELS));
        assertThat(merge(missing)).contains("part [injector-1]", "incomplete", "did not finish");
        assertThat(missing.resolve(ResultsFile.NAME)).doesNotExist();
        assertThat(missing.resolve(RecordFile.LEVELS)).doesNotExist();
    }

    /**
     * The README's stall: a 10 ms service that freezes for 1.5 s in the middle of the hold. One closed user stops
     * sending while it lasts, so one of its ~250 requests is slow and p99 does not move; the open model's requests
     * keep falling due at 100 a second, and every one the freeze delays counts from when it was due.
     */
    @Test
    void aStallThatTheClosedModelHidesTheOpenModelShows(@TempDir Path tmp) throws Exception {
        String[] common = {"-Dtargets=virtual", "-Dpause=10", "-Dslo.p99=100", "-Dhold=4", "-Dramp=1", "-Dwarmup=1",
                "-Dstall=1500", "-Dtimeout=3000"};
        gatling(Files.createDirectories(tmp.resolve("closed")), concat(common, "-Dlevels=1"));
        gatling(Files.createDirectories(tmp.resolve("open")), concat(common, "-Dload=open", "-Dlevels=100"));

        Results closed = ResultsFile.read(tmp.resolve("closed/nonblocking/it").resolve(ResultsFile.NAME));
        Results open = ResultsFile.read(tmp.resolve("open/nonblocking/it").resolve(ResultsFile.NAME));
        assertThat(closed.load()).isEqualTo(nonblocking.results.Load.CLOSED);
        assertThat(open.load()).isEqualTo(nonblocking.results.Load.OPEN);
        LevelResult user = closed.targets().get("virtual").levels().getFirst();
        LevelResult rate = open.targets().get("virtual").levels().getFirst();
        assertThat(user.latency().maxMs()).as("the closed user saw the freeze once").isGreaterThanOrEqualTo(1400);
        assertThat(user.latency().p99AllMs()).as("and p99 hides it").isLessThan(1000);
        assertThat(rate.latency().p99AllMs()).as("the open model counts every request it delayed").isGreaterThanOrEqualTo(1000);
        assertThat(rate.requests()).as("every request due in the hold was sent").isBetween(390L, 410L);
        assertThat(rate.harness().injectorLagP99Ms()).isNotNull();
        assertThat(user.harness().injectorLagP99Ms()).isNull();
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** The merge step as a user runs it: {@code Cli merge <folder>}; returns its error output, and fails on exit 0. */
    private static String merge(Path folder) throws Exception {
        List<String> command = List.of(TargetCommand.javaExecutable().toString(), "-cp", Classpath.current(),
                "nonblocking.cli.Cli", "merge", folder.toString());
        Process merge = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(merge.getInputStream().readAllBytes());
        assertThat(merge.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(merge.exitValue()).as(output).isEqualTo(1);
        assertThat(output.strip().lines()).as("one line").hasSize(1);
        return output;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
