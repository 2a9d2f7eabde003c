package dev.floorgate.bench;

import dev.floorgate.pda.tools.VirtualPdas;
import dev.floorgate.pda.tools.VirtualPdasReport;
import dev.floorgate.protocol.OperationIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hundreds of pickers on one gateway (issue 7): virtual PDAs built on the real client library (enroll, badge
 * login, tasks, two scans and a PICK per unit, results by events) against the gateway process syncing into an
 * in-process core. Prints ops/s, time to 202 and the gateway's peak RSS.
 * Run: {@code ./floorgate bench PdaFleetBench [pdas] [seconds]} (defaults 300 and 30).
 */
public final class PdaFleetBench {
    private static final int SKUS = 50;

    private PdaFleetBench() {
    }

    public static void main(String[] args) throws Exception {
        int pdas = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = Files.createTempDirectory("fg-fleet-bench");
        System.out.printf("FloorGate PDA fleet benchmark: %d virtual PDAs for %d s, %d cores%n", pdas, seconds,
                Runtime.getRuntime().availableProcessors());
        try (BenchCore core = new BenchCore().start(0)) {
            core.call("PUT", "/v1/locations/acme/SH01/A-01-01", "{\"type\":\"BIN\"}");
            StringBuilder receive = new StringBuilder("{\"gatewayId\":\"seed\",\"operations\":[");
            for (int s = 0; s < SKUS; s++) {
                core.call("PUT", "/v1/skus/acme/SKU-" + s, "{\"name\":\"Item " + s + "\",\"unit\":\"EA\"}");
                receive.append(s == 0 ? "" : ",").append("{\"opId\":\"").append(OperationIds.newId())
                        .append("\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\",\"sku\":\"SKU-")
                        .append(s).append("\",\"qty\":1000000,\"location\":\"A-01-01\"}");
            }
            core.call("POST", "/v1/operations:batch", receive.append("]}").toString());
            for (int o = 0; o < pdas; o++) {
                core.call("POST", "/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-" + o
                        + "\",\"lines\":[{\"sku\":\"SKU-" + (o % SKUS) + "\",\"qty\":400,\"location\":\"A-01-01\"}]}");
            }
            Map<String, String> env = Map.of("FG_CORE_URL", core.url(), "FG_CORE_KEY_ID", BenchCore.KEY_ID,
                    "FG_CORE_SECRET", BenchCore.SECRET, "FG_SYNC_WAREHOUSES", "SH01", "FG_SYNC_POLL_INTERVAL", "1s");
            // The JVM flags of ./floorgate gateway (GATEWAY_JAVA_OPTS there): a small heap and the serial collector,
            // as on a 2-core mini PC; override with -Dfg.gateway.jvm="...".
            List<String> jvm = List.of(System.getProperty("fg.gateway.jvm", "-Xms32m -Xmx160m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m -Xss512k").split(" "));
            try (BenchGateway gateway = BenchGateway.start(dir, env, jvm)) {
                String probe = gateway.enroll("probe", "acme", "SH01");
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!tasks(gateway, probe).contains("SO-" + (pdas - 1)) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                AtomicLong peakKb = new AtomicLong();
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peakKb.accumulateAndGet(kb(gateway.rss()), Math::max);
                        try {
                            Thread.sleep(500);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "rss-sampler");
                sampler.setDaemon(true);
                sampler.start();
                Path storage = pdaStorage(dir);
                VirtualPdasReport report;
                try {
                    report = new VirtualPdas(VirtualPdas.Options.of(gateway.url(""), BenchGateway.ADMIN)
                            .withCount(pdas).withTenant("acme", "SH01").withDurationSeconds(seconds)
                            .withThinkMillis(200).withSettleSeconds(120).withEvents(!Boolean.getBoolean("bench.noEvents"))
                            .withWorkDir(storage.toFile())).run();
                } finally {
                    try (java.util.stream.Stream<Path> files = Files.walk(storage)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
                sampler.interrupt();
                System.out.println();
                System.out.println(report);
                System.out.printf("accepted ops/s over the load phase: %.0f%n", report.accepted() / (double) seconds);
                System.out.printf("p99 time to 202: %.1f ms (goal < 50 ms)%n", report.timeTo202Millis(99));
                System.out.printf("gateway peak RSS: %d MB (goal < 256 MB), now %s%n", peakKb.get() / 1024,
                        gateway.rss());
            }
        }
    }

    /**
     * Where the virtual PDAs keep their queue files: each real PDA has its own flash, so their fsyncs must not
     * queue on the gateway's disk; tmpfs stands in for 300 separate devices (the gateway's data stays on disk).
     */
    private static Path pdaStorage(Path fallback) throws java.io.IOException {
        Path shm = java.nio.file.Paths.get("/dev/shm");
        return Files.isDirectory(shm) ? Files.createTempDirectory(shm, "fg-fleet-pdas") : fallback.resolve("pdas");
    }

    private static String tasks(BenchGateway g, String token) {
        try {
            return g.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(g.url("/api/v1/tasks")))
                    .header("Authorization", "Bearer " + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static long kb(String rss) {
        try {
            return Long.parseLong(rss.replace("kB", "").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
