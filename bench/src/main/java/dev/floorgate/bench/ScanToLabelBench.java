package dev.floorgate.bench;

import dev.floorgate.devices.sim.PrintedLabel;
import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.devices.sim.ScannerSimulator;
import dev.floorgate.sync.MasterDataCache;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.OrderLine;
import dev.floorgate.templates.LabelTemplate;
import dev.floorgate.templates.PreviewResult;
import dev.floorgate.templates.TemplateCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Scan to label (DESIGN.md, "Performance"): the time from a scanner frame leaving a scanner to the last byte of
 * its label ({@code ^XZ}) arriving at the printer, with many packing stations busy at once.
 *
 * <p>The gateway runs from its shaded jar as its own JVM, as on site, configured (a YAML file named by
 * MICRONAUT_CONFIG_FILES) with N printers, N TCP scanners and N stations that print the {@code order-label} site
 * template for orders in its cache (written into the data directory's cache.db before the start, as the change
 * feed would). The printer and scanner simulators run in this JVM, so the frame's send time and the label's arrival
 * ({@link PrintedLabel#printedAt()}, taken when the simulator has parsed {@code ^XZ}) are read from one clock. Each
 * station scans an order, waits for its label, and scans the next (closed loop, all stations at once) for the
 * measured time after a warm-up. The path measured: TCP frame, scanner framing, decode, cache lookup, template
 * render, the spool's QUEUED commit, the worker's PRINTING commit, the printer's status round trip, the send.
 * Beside it, scan to confirmed label: from the same frame to the job's PRINTED, which the gateway records once the
 * printer's label counter proves the label came out (DESIGN.md guarantee 14; the job's {@code printedAt} from the
 * print-jobs API, the newest 500 jobs per printer of the phase, same host clock). {@code --label-ms} gives the
 * simulated printers a time per label (default 0: the counter moves as soon as {@code ^XZ} is parsed).
 *
 * <p>Then, in this JVM with print-templates: template renders per second and the PNG preview time per label.
 * Run: {@code ./floorgate bench ScanToLabelBench [--seconds 20] [--stations 20] [--warmup 10]
 * [--rate 2] [--label-ms 0] [--jar gateway-server/target/gateway-server.jar] [--log FILE]}: a paced phase ({@code rate} scans per second per
 * station, about what a label printer can print) and then a saturated phase (each station scans again as soon as
 * its label is out). {@code --log} keeps a copy of the gateway's log.
 */
public final class ScanToLabelBench {
    static final String ORDER_LABEL = String.join("\n",
            "# description: Packing-station order label",
            "# dpi: 203",
            "# size: 812x406 dots",
            "# field: order barcode required max=40 sample=SO-2025-000123",
            "# field: warehouse text required max=10 sample=SH01",
            "# field: lines integer required sample=2",
            "# field: units integer required sample=5",
            "# field: skus text optional max=200 sample=SKU-1, SKU-2",
            "# field: carrier text required max=16 sample=DHL",
            "^XA",
            "^FO40,30^A0N,40,40^FDOrder ${order}^FS",
            "^FO40,80^A0N,30,30^FD${lines} lines, ${units} units from ${warehouse}^FS",
            "^FO40,120^A0N,24,24^FD${skus}^FS",
            "^FO40,160^A0N,40,40^FD${carrier}^FS",
            "^FO40,220^BY2^BCN,100,Y,N,N^FD${order}^FS",
            "^XZ", "");
    private static final int ORDERS_PER_STATION = 5000;
    private static final String ADMIN_TOKEN = "bench-admin-token-0123456789";
    private static final Duration LABEL_TIMEOUT = Duration.ofSeconds(10);

    private ScanToLabelBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "10"));
        int stations = Integer.parseInt(opts.getOrDefault("stations", "20"));
        double rate = Double.parseDouble(opts.getOrDefault("rate", "2"));
        long labelMillis = Long.parseLong(opts.getOrDefault("label-ms", "0"));
        Path jar = Paths.get(opts.getOrDefault("jar", System.getProperty("fg.gateway.jar",
                "gateway-server/target/gateway-server.jar"))).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("gateway jar " + jar + " is missing; build it with mvn install");
        }
        Path dir = Files.createTempDirectory("floorgate-scan-to-label");
        System.out.printf("FloorGate scan-to-label benchmark: %d stations (one printer and one TCP scanner each), "
                + "%d s measured after %d s warm-up, %d cores, gateway %s%n", stations, seconds, warmup,
                Runtime.getRuntime().availableProcessors(), jar);
        List<PrinterSimulator> printers = new ArrayList<>();
        List<ScannerSimulator> scanners = new ArrayList<>();
        Process gateway = null;
        try {
            for (int i = 0; i < stations; i++) {
                printers.add(PrinterSimulator.builder().labelMillis(labelMillis).start());
                scanners.add(ScannerSimulator.listen(0).start());
            }
            Path data = Files.createDirectories(dir.resolve("data"));
            seedOrders(data, stations);
            Files.createDirectories(dir.resolve("templates"));
            Files.writeString(dir.resolve("templates").resolve("order-label.zpl"), ORDER_LABEL);
            int port = freePort();
            Path config = writeConfig(dir, data, printers, scanners);
            long startedAt = System.nanoTime();
            gateway = startGateway(jar, config, port, dir.resolve("gateway.log"));
            awaitHealth(gateway, port, dir.resolve("gateway.log"));
            for (ScannerSimulator s : scanners) {
                if (!s.awaitGateway(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the gateway did not connect to a scanner; see "
                            + dir.resolve("gateway.log"));
                }
            }
            System.out.printf("gateway up in %.1f s (pid %d)%n", (System.nanoTime() - startedAt) / 1e9,
                    gateway.pid());

            Run warm = run(printers, scanners, warmup, 0, 0);
            if (rate > 0) {
                System.out.printf("%nPaced: every station scans %.1f orders/s (a fast printer's pace), phases "
                        + "spread at random:%n", rate);
                Run paced = run(printers, scanners, seconds, warm.nextOrder, rate);
                report(paced, seconds, stations);
                confirmed(paced, port, stations);
                warm = paced;
            }
            System.out.printf("%nSaturated: every station scans its next order as soon as its label is out "
                    + "(closed loop):%n");
            Run run = run(printers, scanners, seconds, warm.nextOrder, 0);
            report(run, seconds, stations);
            confirmed(run, port, stations);
            System.out.printf("gateway RSS after the run: %s; %s%n", rss(gateway.pid()), spoolCommits(port));
            System.out.println();
            templates();
        } finally {
            if (gateway != null) {
                gateway.destroy();
                if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly().waitFor();
                }
            }
            scanners.forEach(ScannerSimulator::close);
            printers.forEach(PrinterSimulator::close);
            if (opts.containsKey("log") && Files.exists(dir.resolve("gateway.log"))) {
                Files.copy(dir.resolve("gateway.log"), Paths.get(opts.get("log")),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            deleteQuietly(dir);
        }
    }

    /** The results of one phase: latencies in microseconds, per station label counts. */
    private static final class Run {
        final List<long[]> latencies = new ArrayList<>();
        final long[] perStation;
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong wrongLabels = new AtomicLong();
        /** When each order's scan frame was sent, for scan to confirmed label. */
        final Map<String, Instant> sentAt = new java.util.concurrent.ConcurrentHashMap<>();
        int nextOrder;

        Run(int stations) {
            perStation = new long[stations];
        }
    }

    /** @param rate scans per second per station; 0 = the next scan as soon as the label is out */
    private static Run run(List<PrinterSimulator> printers, List<ScannerSimulator> scanners, int seconds,
            int firstOrder, double rate) throws InterruptedException {
        int n = scanners.size();
        Run run = new Run(n);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        int[] lastOrder = new int[n];
        for (int i = 0; i < n; i++) {
            final int s = i;
            long[] samples = new long[1 << 20];
            synchronized (run.latencies) {
                run.latencies.add(samples);
            }
            long period = rate > 0 ? (long) (1e9 / rate) : 0;
            long phase = rate > 0 ? java.util.concurrent.ThreadLocalRandom.current().nextLong(period) : 0;
            Thread t = new Thread(() -> {
                int count = 0;
                int order = firstOrder;
                try {
                    go.await();
                    long next = System.nanoTime() + phase;
                    while (System.nanoTime() < deadline && order < ORDERS_PER_STATION) {
                        if (period > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            next += period;
                        }
                        int before = printers.get(s).printed().size();
                        String orderNo = orderNo(s, order++);
                        Instant sent = Instant.now();
                        run.sentAt.put(orderNo, sent);
                        scanners.get(s).scan(orderNo);
                        if (!printers.get(s).awaitPrinted(before + 1, LABEL_TIMEOUT)) {
                            run.timeouts.incrementAndGet();
                            continue;
                        }
                        PrintedLabel label = printers.get(s).printed().get(before);
                        if (!label.fieldData().contains("Order " + orderNo)) {
                            run.wrongLabels.incrementAndGet();
                        }
                        long micros = Duration.between(sent, label.printedAt()).toNanos() / 1000;
                        if (count < samples.length) {
                            samples[count++] = micros;
                        }
                    }
                } catch (Exception e) {
                    System.err.println("station " + s + " stopped: " + e);
                } finally {
                    run.perStation[s] = count;
                    lastOrder[s] = order;
                    done.countDown();
                }
            }, "bench-station-" + s);
            t.setDaemon(true);
            t.start();
        }
        go.countDown();
        done.await();
        run.nextOrder = Arrays.stream(lastOrder).max().orElse(firstOrder);
        return run;
    }

    private static void report(Run run, int seconds, int stations) {
        int total = 0;
        for (long c : run.perStation) {
            total += c;
        }
        long[] all = new long[total];
        int k = 0;
        for (int s = 0; s < stations; s++) {
            System.arraycopy(run.latencies.get(s), 0, all, k, (int) run.perStation[s]);
            k += (int) run.perStation[s];
        }
        Arrays.sort(all);
        long min = Arrays.stream(run.perStation).min().orElse(0);
        long max = Arrays.stream(run.perStation).max().orElse(0);
        System.out.printf("labels: %d in %d s = %.1f labels/s over %d printers; per printer %.1f labels/s "
                + "(min %.1f, max %.1f)%n", total, seconds, total / (double) seconds, stations,
                total / (double) seconds / stations, min / (double) seconds, max / (double) seconds);
        System.out.printf("scan-to-label latency (frame sent -> ^XZ at the printer), ms: p50 %.2f  p90 %.2f  "
                + "p99 %.2f  p99.9 %.2f  max %.2f   (goal: p99 < 50 ms: %s)%n", p(all, 0.50), p(all, 0.90),
                p(all, 0.99), p(all, 0.999), p(all, 1.0), p(all, 0.99) < 50 ? "met" : "NOT met");
        System.out.printf("labels missing after %d s: %d; labels with the wrong order: %d%n",
                LABEL_TIMEOUT.toSeconds(), run.timeouts.get(), run.wrongLabels.get());
    }

    private static final java.util.regex.Pattern ORDER = java.util.regex.Pattern.compile("\"order\":\"([^\"]+)\"");
    private static final java.util.regex.Pattern PRINTED_AT =
            java.util.regex.Pattern.compile("\"printedAt\":\"([^\"]+)\"");

    /** Scan to confirmed label: the frame's send time to the job's printedAt (the counter's confirmation). */
    private static void confirmed(Run run, int port, int stations) {
        List<Long> micros = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            for (int i = 0; i < stations; i++) {
                String body = http.send(HttpRequest.newBuilder(URI.create(String.format(
                        "http://127.0.0.1:%d/api/v1/print-jobs?printer=p%02d&state=PRINTED&limit=500", port, i)))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (String job : body.split("\\{\"jobId\"")) {
                    java.util.regex.Matcher order = ORDER.matcher(job);
                    java.util.regex.Matcher printed = PRINTED_AT.matcher(job);
                    if (order.find() && printed.find() && run.sentAt.containsKey(order.group(1))) {
                        micros.add(Duration.between(run.sentAt.get(order.group(1)), Instant.parse(printed.group(1)))
                                .toNanos() / 1000);
                    }
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            System.out.println("scan-to-confirmed unavailable: " + e);
            return;
        }
        long[] all = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("scan-to-confirmed latency (frame sent -> PRINTED by the printer's label counter), ms: p50 "
                + "%.2f  p90 %.2f  p99 %.2f  max %.2f   (%d jobs: the newest 500 per printer)%n", p(all, 0.50),
                p(all, 0.90), p(all, 0.99), p(all, 1.0), all.length);
    }

    private static double p(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[i] / 1000.0;
    }

    /** Template renders per second and PNG preview time, in this JVM. */
    private static void templates() throws IOException {
        TemplateCatalog catalog = TemplateCatalog.builtIn();
        LabelTemplate shipping = catalog.find("shipping-4x6").orElseThrow();
        Map<String, String> data = new HashMap<>(shipping.sampleData());
        for (int i = 0; i < 20_000; i++) {
            data.put("order", "SO-" + i);
            shipping.render(data, 1);
        }
        int renders = 0;
        long t0 = System.nanoTime();
        long until = t0 + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < until) {
            data.put("order", "SO-" + renders);
            shipping.render(data, 1);
            renders++;
        }
        double perSecond = renders / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("template renders (shipping-4x6, 17 fields, one thread): %,.0f renders/s (%.1f us each)%n",
                perSecond, 1e6 / perSecond);
        for (int i = 0; i < 10; i++) {
            shipping.preview(Map.of());
        }
        int previews = 30;
        long[] ms = new long[previews];
        int bytes = 0;
        for (int i = 0; i < previews; i++) {
            long s = System.nanoTime();
            PreviewResult r = shipping.preview(Map.of("order", "SO-" + i));
            ms[i] = System.nanoTime() - s;
            bytes = r.png().length;
        }
        Arrays.sort(ms);
        System.out.printf("PNG preview (shipping-4x6 at 203 dpi, 812x1218, render + draw + PNG): median %.1f ms, "
                + "max %.1f ms per label (%d bytes)%n", ms[previews / 2] / 1e6, ms[previews - 1] / 1e6, bytes);
    }

    private static String orderNo(int station, int i) {
        return String.format("SO-%02d-%05d", station, i);
    }

    /** The orders of every station in the cache file the gateway will open (what the change feed would bring). */
    private static void seedOrders(Path data, int stations) throws IOException {
        List<OrderItem> orders = new ArrayList<>();
        for (int s = 0; s < stations; s++) {
            for (int i = 0; i < ORDERS_PER_STATION; i++) {
                orders.add(new OrderItem("acme", "SH01", orderNo(s, i), "RESERVED", List.of(
                        new OrderLine(1, "SKU-" + (i % 97), 1 + i % 3, 1 + i % 3, 0, "A-01-01"),
                        new OrderLine(2, "SKU-" + (i % 89 + 100), 2, 2, 0, "B-02-02"))));
            }
        }
        try (MasterDataCache cache = MasterDataCache.open(data.resolve("cache.db"))) {
            cache.apply(orders);
        }
    }

    private static Path writeConfig(Path dir, Path data, List<PrinterSimulator> printers,
            List<ScannerSimulator> scanners) throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("fg:\n  data-dir: ").append(data).append('\n');
        y.append("  templates-dir: ").append(dir.resolve("templates")).append('\n');
        y.append("  admin-token: ").append(ADMIN_TOKEN).append('\n'); // to read the jobs' printedAt
        y.append("  tls:\n    enabled: false\n"); // no HTTPS listener (its fixed port could clash); not measured here
        y.append("  printers:\n");
        for (int i = 0; i < printers.size(); i++) {
            y.append(String.format("    p%02d:%n      url: tcp://127.0.0.1:%d%n", i, printers.get(i).port()));
        }
        y.append("  scanners:\n");
        for (int i = 0; i < scanners.size(); i++) {
            y.append(String.format("    s%02d:%n      url: tcp://127.0.0.1:%d%n", i, scanners.get(i).port()));
        }
        y.append("  stations:\n");
        for (int i = 0; i < scanners.size(); i++) {
            y.append(String.format("    st%02d:%n      scanner: s%02d%n      printer: p%02d%n      on-scan: order-label%n"
                    + "      tenant: acme%n      warehouse: SH01%n      defaults:%n        carrier: DHL%n", i, i, i));
        }
        Path file = dir.resolve("gateway.yml");
        Files.writeString(file, y.toString());
        return file;
    }

    private static Process startGateway(Path jar, Path config, int port, Path log) throws IOException {
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MICRONAUT_CONFIG_FILES", config.toString());
        pb.environment().put("FG_GATEWAY_PORT", Integer.toString(port));
        return pb.start();
    }

    private static void awaitHealth(Process gateway, int port, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("the gateway exited with " + gateway.exitValue() + "; see " + log
                        + ":\n" + tail(log));
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the gateway did not answer /health within 90 s; see " + log);
    }

    /** The spool's group commit as the gateway's /metrics reports it. */
    private static String spoolCommits(int port) {
        try {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double tx = metric(metrics, "floorgate_print_spool_transactions_total");
            double changes = metric(metrics, "floorgate_print_spool_changes_total");
            return String.format("spool group commit: %.0f changes in %.0f transactions (%.1f per fsync)", changes,
                    tx, tx > 0 ? changes / tx : 0);
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "spool metrics unavailable: " + e;
        }
    }

    private static double metric(String text, String name) {
        for (String line : text.split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    private static String rss(long pid) {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return line.substring(6).trim();
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "unknown";
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: ScanToLabelBench [--seconds N] [--warmup N] [--stations N] "
                        + "[--rate SCANS_PER_S] [--jar PATH] [--log FILE]; got '" + args[i] + "'");
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
