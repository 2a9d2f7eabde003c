package dev.floorgate.bench;

import dev.floorgate.protocol.OperationIds;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hundreds of pickers on one gateway (issues 7 and 11): virtual PDAs built on the real client library (enroll,
 * badge login, tasks, two scans and a PICK per unit, results by events) against the gateway process syncing into
 * the core. The gateway runs alone on one core ({@code taskset -c 0}); the PDA generator (VirtualPdas, its own
 * JVM), this JVM with the core, and Redis share the other, so the gateway-side figures (CPU time per operation,
 * heap per connected PDA, threads, RSS) do not depend on the generator. Several gateway jars are measured one
 * after the other in one run (before/after), one table row per jar and fleet size; {@code --jfr} profiles each
 * fleet run, {@code --soak-minutes} samples RSS over a long run with the admin page's API polled.
 * Run: {@code ./floorgate bench PdaFleetBench --help}.
 */
public final class PdaFleetBench {
    private static final int SKUS = 50;
    static final String DEFAULT_GATEWAY_JVM =
            "-Xms32m -Xmx96m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m -Xss512k -XX:TieredStopAtLevel=1 "
                    + "-XX:ReservedCodeCacheSize=32m -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000";
    private final FleetOptions options;
    private final BenchCore core;
    private final Path work;
    private final PrintStream log;

    private PdaFleetBench(FleetOptions options, BenchCore core, Path work, PrintStream log) {
        this.options = options;
        this.core = core;
        this.work = work;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        FleetOptions o;
        try {
            o = FleetOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Files.createDirectories(o.out);
        int cores = Runtime.getRuntime().availableProcessors();
        boolean pinned = o.pin && Cpu.pinThisProcess(o.loadCpu);
        System.out.printf("FloorGate PDA fleet benchmark: %s PDAs for %d s per run, jars %s, %d cores; %s%n",
                o.pdas, o.seconds, o.labels, cores, pinned
                        ? "gateway on core(s) " + o.gatewayCpu + ", generator + core + Redis on core(s) " + o.loadCpu
                        : "NOT pinned (taskset missing, one core, or --no-pin)");
        System.out.println("results and logs in " + o.out.toAbsolutePath());
        // The core's MariaDB is "everything else" too: unpinned, the write-back's inserts run on whichever core is
        // free, the gateway's as often as not. On a site it is across the WAN.
        long database = pinned ? CpuBill.localDatabasePid(BenchCore.MYSQL) : -1;
        AutoCloseable databasePin = database > 0 ? Cpu.pinOtherProcess(database, o.loadCpu) : null;
        System.out.println(databasePin != null ? "the local MariaDB (pid " + database + ") pinned to core(s) "
                + o.loadCpu + " for the run (its affinity is put back at the end)"
                : "the MariaDB server NOT pinned (" + (pinned ? "not local, or its affinity could not be set"
                        : "nothing is pinned") + "): it may take the gateway's core");
        Path work = Files.createTempDirectory("fg-fleet-bench");
        List<FleetRow> rows = new ArrayList<>();
        RssChart soak = new RssChart();
        try (BenchCore core = new BenchCore().start(0)) {
            PdaFleetBench bench = new PdaFleetBench(o, core, work, System.out);
            bench.seed();
            for (int j = 0; j < o.jars.size(); j++) {
                for (int n : o.pdas) {
                    FleetRow row = bench.fleetRun(o.jars.get(j), o.labels.get(j), o.jvmOptions.get(j), n, pinned);
                    rows.add(row);
                    System.out.println();
                    System.out.println(FleetRow.header());
                    System.out.println(row.line());
                }
            }
            if (o.soakMinutes > 0) {
                for (int j = 0; j < o.jars.size(); j++) {
                    new FleetSoak(o, bench, soak, pinned).run(o.jars.get(j), o.labels.get(j), o.jvmOptions.get(j));
                }
            }
        } finally {
            if (databasePin != null) {
                databasePin.close();
            }
            deleteTree(work);
            deleteTree(Paths.get("/dev/shm", "fg-fleet-pdas-" + ProcessHandle.current().pid())); // soak PDAs' queues
        }
        StringBuilder table = new StringBuilder();
        table.append(FleetRow.header()).append('\n');
        for (FleetRow r : rows) {
            table.append(r.line()).append('\n');
        }
        table.append(FleetRow.legend());
        System.out.println();
        System.out.println("=== PdaFleetBench results (goals: p99 < 50 ms, peak RSS < 256 MB) ===");
        System.out.print(table);
        Files.write(o.out.resolve("fleet-table.txt"), table.toString().getBytes(StandardCharsets.UTF_8));
        if (o.soakMinutes > 0) {
            soak.writeCsv(o.out.resolve("soak-rss.csv"));
            soak.writePng(o.out.resolve("soak-rss.png"), "Gateway RSS over a " + o.soakMinutes + "-minute soak ("
                    + o.soakPdas + " PDAs, admin page API every 5 s)", 200);
            System.out.println("soak RSS: " + o.out.resolve("soak-rss.csv") + ", " + o.out.resolve("soak-rss.png"));
        }
    }

    /** Locations, SKUs with stock, and one order per PDA of the largest fleet, at the core. */
    private void seed() throws IOException, InterruptedException {
        core.call("PUT", "/v1/locations/acme/SH01/A-01-01", "{\"type\":\"BIN\"}");
        StringBuilder receive = new StringBuilder("{\"gatewayId\":\"seed\",\"operations\":[");
        for (int s = 0; s < SKUS; s++) {
            core.call("PUT", "/v1/skus/acme/SKU-" + s, "{\"name\":\"Item " + s + "\",\"unit\":\"EA\"}");
            receive.append(s == 0 ? "" : ",").append("{\"opId\":\"").append(OperationIds.newId())
                    .append("\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\",\"sku\":\"SKU-")
                    .append(s).append("\",\"qty\":1000000,\"location\":\"A-01-01\"}");
        }
        core.call("POST", "/v1/operations:batch", receive.append("]}").toString());
        long qty = options.orderQty();
        for (int o = 0; o < orders(); o++) {
            core.call("POST", "/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-" + o
                    + "\",\"lines\":[{\"sku\":\"SKU-" + (o % SKUS) + "\",\"qty\":" + qty
                    + ",\"location\":\"A-01-01\"}]}");
        }
    }

    private int orders() {
        int max = options.soakPdas;
        for (int n : options.pdas) {
            max = Math.max(max, n);
        }
        return Math.max(1, max);
    }

    /** One jar, one fleet size: idle, connected and loaded measurements on a fresh gateway. */
    private FleetRow fleetRun(Path jar, String label, List<String> jvmOptions, int pdas, boolean pinned)
            throws Exception {
        String name = label.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + pdas;
        log.printf("%n--- %s, %d PDAs (%s%s) ---%n", label, pdas, jar, jvmOptions.isEmpty() ? ""
                : " " + String.join(" ", jvmOptions));
        try (BenchGateway gateway = startGateway(jar, jvmOptions, work.resolve(name), pinned)) {
            ProcessProbe probe = new ProcessProbe(gateway.pid());
            FleetRow row = new FleetRow(label, pdas);
            row.heapIdle = probe.heapUsedAfterGc();
            row.threadsIdle = probe.threads();
            row.idleCpuShare = idleCpuShare(gateway, probe);
            connectedPhase(gateway, probe, pdas, name, row);
            if (options.warmupSeconds > 0) {
                warmUp(gateway, pdas, name);
            }
            loadPhase(gateway, probe, pdas, name, row);
            row.peakRssKb = probe.peakRssKb();
            row.endRssKb = probe.rssKb();
            if (options.nmt) {
                List<String> nmt = ProcessProbe.run("jcmd", Long.toString(probe.pid()), "VM.native_memory",
                        "summary");
                Files.write(options.out.resolve(name + "-nmt.txt"), nmt, StandardCharsets.UTF_8);
                row.nativeMemory = committedByCategory(nmt);
            }
            Files.copy(gateway.logFile(), options.out.resolve(name + "-gateway.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return row;
        }
    }

    BenchGateway startGateway(Path jar, List<String> jvmOptions, Path dir, boolean pinned) throws Exception {
        Map<String, String> env = Map.of("FG_CORE_URL", core.url(), "FG_CORE_KEY_ID", BenchCore.KEY_ID,
                "FG_CORE_SECRET", BenchCore.SECRET, "FG_SYNC_WAREHOUSES", "SH01", "FG_SYNC_POLL_INTERVAL", "1s");
        // The JVM flags of ./floorgate gateway (GATEWAY_JAVA_OPTS there); override with -Dfg.gateway.jvm="...".
        // Pinned to one core the JVM would size its pools for one CPU; the mini PC has two.
        List<String> jvm = new ArrayList<>(List.of(System.getProperty("fg.gateway.jvm", DEFAULT_GATEWAY_JVM)
                .trim().split("\\s+")));
        if (options.nmt) {
            jvm.add("-XX:NativeMemoryTracking=summary");
        }
        if (pinned && options.gatewayActiveCpus > 0) {
            jvm.add("-XX:ActiveProcessorCount=" + options.gatewayActiveCpus);
        }
        jvm.addAll(jvmOptions);
        BenchGateway g = BenchGateway.start(jar, pinned ? Cpu.taskset(options.gatewayCpu) : List.of(), dir, env,
                jvm);
        String probe = g.enroll("probe", "acme", "SH01");
        long deadline = System.nanoTime() + 120_000_000_000L;
        String last = "SO-" + (orders() - 1) + "\"";
        while (!tasks(g, probe).contains(last)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the gateway did not list order " + last + " within 120 s; see "
                        + g.logFile());
            }
            Thread.sleep(250);
        }
        return g;
    }

    /**
     * The gateway's CPU share of one core with no PDA connected over 6 s, /metrics read every second as during the
     * load: its timers, pollers and the harness's own reads, to be taken off the load's CPU for a net cost per op.
     */
    private static double idleCpuShare(BenchGateway gateway, ProcessProbe probe) throws Exception {
        Thread.sleep(2000); // the forced GC and the start settle
        long t0 = System.nanoTime();
        long c0 = probe.cpuMicros();
        for (int i = 0; i < 6; i++) {
            acceptedTotal(gateway);
            Thread.sleep(1000);
        }
        return (probe.cpuMicros() - c0) / 1e6 / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * N PDAs enrolled, signed in, with their event streams open and one PICK each, then idle: heap after a full GC
     * and threads, compared with none connected. The generator is stopped once every PDA's PICK was accepted.
     */
    private void connectedPhase(BenchGateway gateway, ProcessProbe probe, int pdas, String name, FleetRow row)
            throws Exception {
        long before = acceptedTotal(gateway);
        List<String> args = generatorArgs(gateway, pdas, 900, 1, 600_000, 0, "hold-" + name + "-",
                options.events);
        long t0 = System.nanoTime();
        try (FleetGenerator gen = FleetGenerator.start(launcher(), args,
                options.out.resolve(name + "-connected-generator.txt"))) {
            long deadline = t0 + 240_000_000_000L;
            long connected = 0;
            while (System.nanoTime() < deadline && gen.isAlive()) {
                connected = acceptedTotal(gateway) - before;
                if (connected >= pdas) {
                    break;
                }
                Thread.sleep(500);
            }
            Thread.sleep(2000); // the last PICKs' results go out on the event streams
            row.connected = Math.min(pdas, acceptedTotal(gateway) - before);
            row.setupSeconds = (System.nanoTime() - t0) / 1e9;
            row.heapConnected = probe.heapUsedAfterGc();
            row.threadsConnected = probe.threads();
            row.threadGroups = probe.threadsByPrefix();
        }
        Thread.sleep(3000);
        row.threadsAfter = probe.threads();
        log.printf("connected phase: %d of %d PDAs connected after %.1f s; heap %d -> %d kB; threads %d -> %d "
                + "(%d after they left)%n", row.connected, pdas, row.setupSeconds, row.heapIdle / 1024,
                row.heapConnected / 1024, row.threadsIdle, row.threadsConnected, row.threadsAfter);
    }

    /** The same fleet for the warm-up time, unmeasured: the JIT compiles the hot paths before the measured run. */
    private void warmUp(BenchGateway gateway, int pdas, String name) throws Exception {
        long t0 = System.nanoTime();
        try (FleetGenerator gen = FleetGenerator.start(launcher(), generatorArgs(gateway, pdas, options.warmupSeconds,
                0, options.thinkMillis, 60, "warm-" + name + "-", options.events),
                options.out.resolve(name + "-warmup-generator.txt"))) {
            FleetGenerator.Report r = gen.await(options.warmupSeconds + 400L);
            log.printf("warm-up: %d ops accepted in %.1f s (not measured)%n", r.accepted,
                    (System.nanoTime() - t0) / 1e9);
        } finally {
            deleteTree(pdaStorage());
        }
    }

    /** The fleet at work: time to 202 from the generator, CPU per accepted op over the steady part of the load. */
    private void loadPhase(BenchGateway gateway, ProcessProbe probe, int pdas, String name, FleetRow row)
            throws Exception {
        Path jfr = options.out.resolve(name + ".jfr").toAbsolutePath();
        if (options.jfr) {
            ProcessProbe.run("jcmd", Long.toString(probe.pid()), "JFR.start", "name=fleet", "settings=profile",
                    "filename=" + jfr);
        }
        Path storage = pdaStorage();
        FleetLoadSampler sampler = new FleetLoadSampler(gateway, probe);
        FleetGenerator.Report report;
        Map<String, Long> threadCpuBefore = probe.threadCpuMicros();
        GatewayLatency latencyBefore = GatewayLatency.parse(gateway.get("/metrics"));
        try {
            sampler.start();
            long start = System.nanoTime();
            try (FleetGenerator gen = FleetGenerator.start(launcher(), generatorArgs(gateway, pdas, options.seconds,
                    0, options.thinkMillis, 120, "fleet-" + name + "-", options.events),
                    options.out.resolve(name + "-generator.txt"),
                    options.jfr ? options.out.resolve(name + "-generator.jfr") : null)) {
                sampler.generator(gen.pid());
                report = gen.await(options.seconds + 600L);
            }
            sampler.stop();
            sampler.window(start, start + options.seconds * 1_000_000_000L, row);
            row.gatewayLatency = GatewayLatency.parse(gateway.get("/metrics")).minus(latencyBefore);
        } finally {
            sampler.stop();
            deleteTree(storage);
            if (options.jfr) {
                ProcessProbe.run("jcmd", Long.toString(probe.pid()), "JFR.stop", "name=fleet");
            }
        }
        row.report = report;
        row.threadCpu = ProcessProbe.minus(probe.threadCpuMicros(), threadCpuBefore);
        row.jfr = options.jfr;
        log.print(report.text);
        if (options.jfr) {
            try (PrintStream out = new PrintStream(Files.newOutputStream(options.out.resolve(name + "-profile.txt")),
                    true, "UTF-8")) {
                JfrSummary.summarise(jfr, report.accepted, out);
            }
            log.println("JFR recording " + jfr + ", summary " + options.out.resolve(name + "-profile.txt")
                    + "; the generator's own recording " + options.out.resolve(name + "-generator.jfr"));
            JfrSummary.summarise(jfr, report.accepted, log);
        }
    }

    /** "Java Heap 81, Class 40, ..." (committed MB, largest first) from {@code VM.native_memory summary}. */
    static String committedByCategory(List<String> nmt) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
        java.util.regex.Pattern total = java.util.regex.Pattern.compile("^Total: reserved=\\d+KB, committed=(\\d+)KB");
        List<String[]> rows = new ArrayList<>();
        String all = "?";
        for (String line : nmt) {
            java.util.regex.Matcher m = p.matcher(line.trim());
            if (m.find()) {
                rows.add(new String[] {m.group(1).trim(), m.group(3)});
            }
            java.util.regex.Matcher t = total.matcher(line.trim());
            if (t.find()) {
                all = Long.toString(Long.parseLong(t.group(1)) / 1024);
            }
        }
        rows.sort((x, y) -> Long.compare(Long.parseLong(y[1]), Long.parseLong(x[1])));
        StringBuilder b = new StringBuilder("total " + all + " MB committed: ");
        for (int i = 0; i < Math.min(10, rows.size()); i++) {
            b.append(i == 0 ? "" : ", ").append(rows.get(i)[0]).append(' ')
                    .append(Long.parseLong(rows.get(i)[1]) / 1024);
        }
        return b.toString();
    }

    List<String> generatorArgs(BenchGateway gateway, int count, long seconds, int picksPerPda, long thinkMillis,
            long settleSeconds, String prefix, boolean events) throws IOException {
        List<String> a = new ArrayList<>(List.of("--count", Integer.toString(count), "--gateway", gateway.url(""),
                "--admin-token", BenchGateway.ADMIN, "--tenant", "acme", "--warehouse", "SH01", "--duration-s",
                Long.toString(seconds), "--picks-per-pda", Integer.toString(picksPerPda), "--think-ms",
                Long.toString(thinkMillis), "--settle-s", Long.toString(settleSeconds), "--device-prefix", prefix,
                "--work-dir", pdaStorage().toString()));
        if (!events) {
            a.add("--no-events");
        }
        return a;
    }

    List<String> launcher() {
        return Cpu.pinned() ? Cpu.taskset(options.loadCpu) : List.of();
    }

    /** The gateway's own count of operations acknowledged into its outbox (/metrics). */
    static long acceptedTotal(BenchGateway g) throws IOException, InterruptedException {
        for (String line : g.get("/metrics").split("\n")) {
            if (line.startsWith("floorgate_operations_accepted_total")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        throw new IOException("no floorgate_operations_accepted_total in the gateway's /metrics");
    }

    /**
     * Where the virtual PDAs keep their queue files: each real PDA has its own flash, so their fsyncs must not
     * queue on the gateway's disk; tmpfs stands in for 300 separate devices (the gateway's data stays on disk).
     */
    private Path pdaStorage() throws IOException {
        Path shm = Paths.get("/dev/shm");
        Path dir = Files.isDirectory(shm) ? shm.resolve("fg-fleet-pdas-" + ProcessHandle.current().pid())
                : work.resolve("pdas");
        return Files.createDirectories(dir);
    }

    private static String tasks(BenchGateway g, String token) {
        try {
            return g.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(g.url("/api/v1/tasks")))
                    .header("Authorization", "Bearer " + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
