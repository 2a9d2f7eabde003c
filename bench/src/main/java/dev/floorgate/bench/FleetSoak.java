package dev.floorgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * "RSS after page use" (issue 11): one gateway jar for M minutes with PDAs working at a picker's pace (scans,
 * PICKs, event streams open) and site IT's page's API polled as the page does every 5 s (overview, audit, me;
 * the template previews each time the page is opened, every 5 minutes);
 * the gateway's RSS, heap in use (no forced GC) and threads are sampled every 10 s.
 */
final class FleetSoak {
    private static final long SAMPLE_MILLIS = 10_000;
    private static final long PAGE_MILLIS = 5_000;
    private final FleetOptions options;
    private final PdaFleetBench bench;
    private final RssChart chart;
    private final boolean pinned;

    FleetSoak(FleetOptions options, PdaFleetBench bench, RssChart chart, boolean pinned) {
        this.options = options;
        this.bench = bench;
        this.chart = chart;
        this.pinned = pinned;
    }

    void run(Path jar, String label, List<String> jvmOptions) throws Exception {
        String name = label.replaceAll("[^A-Za-z0-9._-]", "_") + "-soak";
        System.out.printf("%n--- soak: %s, %d PDAs (think %d ms) and the admin page, %d min ---%n", label,
                options.soakPdas, options.soakThinkMillis, options.soakMinutes);
        Path dir = Files.createTempDirectory("fg-fleet-soak");
        try (BenchGateway gateway = bench.startGateway(jar, jvmOptions, dir, pinned)) {
            ProcessProbe probe = new ProcessProbe(gateway.pid());
            if (options.nmt) {
                ProcessProbe.run("jcmd", Long.toString(gateway.pid()), "VM.native_memory", "baseline");
            }
            Thread page = adminPage(gateway);
            FleetGenerator gen = options.soakPdas == 0 ? null : FleetGenerator.start(bench.launcher(),
                    bench.generatorArgs(gateway, options.soakPdas, options.soakMinutes * 60L, 0,
                            options.soakThinkMillis, 30, "soak-" + name + "-", options.events),
                    options.out.resolve(name + "-generator.txt"));
            long start = System.nanoTime();
            long end = start + TimeUnit.MINUTES.toNanos(options.soakMinutes);
            long startKb = probe.rssKb();
            long maxKb = startKb;
            try {
                for (long next = start; next < end; next += TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS)) {
                    long wait = (next - System.nanoTime()) / 1_000_000L;
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    long rss = probe.rssKb();
                    maxKb = Math.max(maxKb, rss);
                    chart.add(label, (System.nanoTime() - start) / 1_000_000_000L, rss, heapKb(probe),
                            probe.threads());
                }
                long endKb = probe.rssKb();
                chart.add(label, (System.nanoTime() - start) / 1_000_000_000L, endKb, heapKb(probe),
                        probe.threads());
                System.out.printf("soak %s: RSS %d MB at the start, %d MB at the end, %d MB max, VmHWM %d MB%n",
                        label, startKb / 1024, endKb / 1024, maxKb / 1024, probe.peakRssKb() / 1024);
                if (options.nmt) {
                    nativeMemoryGrowth(gateway.pid(), name);
                }
            } finally {
                page.interrupt();
                page.join();
                if (gen != null) {
                    FleetGenerator.Report r = gen.await(180);
                    System.out.print(r.text);
                    gen.close();
                }
                chart.writeCsv(options.out.resolve("soak-rss.csv")); // so far, in case a later jar fails
                Files.copy(gateway.logFile(), options.out.resolve(name + "-gateway.log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            PdaFleetBench.deleteTree(dir);
        }
    }

    /** What grew since the start of the soak, per native memory category (committed), from NMT's diff. */
    private void nativeMemoryGrowth(long pid, String name) throws IOException, InterruptedException {
        List<String> diff = ProcessProbe.run("jcmd", Long.toString(pid), "VM.native_memory", "summary.diff");
        Files.write(options.out.resolve(name + "-nmt-diff.txt"), diff, java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "^-\\s+(.+?) \\(reserved=\\d+KB(?: [+-]\\d+KB)?, committed=(\\d+)KB ([+-]\\d+)KB");
        StringBuilder b = new StringBuilder();
        for (String line : diff) {
            java.util.regex.Matcher m = p.matcher(line.trim());
            if (m.find()) {
                b.append(b.length() == 0 ? "" : ", ").append(m.group(1).trim()).append(' ')
                        .append(Long.parseLong(m.group(3)) / 1024).append(" MB");
            }
            if (line.startsWith("Total:")) {
                System.out.println("native memory over the soak: " + line.trim());
            }
        }
        System.out.println("native memory growth by category (committed): " + b);
    }

    private static void openPage(BenchGateway gateway) throws IOException, InterruptedException {
        String list = get(gateway, "/api/v1/templates", java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        // A template's name comes right before its description; its fields have names too, but no description.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "\"name\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"description\"").matcher(list);
        while (m.find()) {
            get(gateway, "/api/v1/templates/" + java.net.URLEncoder.encode(m.group(1), "UTF-8") + "/preview.png",
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    private static <T> java.net.http.HttpResponse<T> get(BenchGateway gateway, String path,
            java.net.http.HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
        return gateway.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url(path)))
                .header("Authorization", "Bearer " + BenchGateway.ADMIN).build(), handler);
    }

    /** Heap in use as jstat sees it right now (no forced GC, which would flatten the curve). */
    private static long heapKb(ProcessProbe probe) {
        try {
            List<String> out = ProcessProbe.run("jstat", "-gc", Long.toString(probe.pid()));
            String[] head = out.get(0).trim().split("\\s+");
            String[] vals = out.get(1).trim().split("\\s+");
            double kb = 0;
            for (int i = 0; i < head.length && i < vals.length; i++) {
                if (List.of("S0U", "S1U", "EU", "OU").contains(head[i])) {
                    kb += Double.parseDouble(vals[i]);
                }
            }
            return (long) kb;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Site IT's page: every 5 s the three calls its refresh() makes, with the admin token; and as if the page were
     * opened again every 5 minutes, its template list and every template's PNG preview (what showTemplates() does).
     */
    private static Thread adminPage(BenchGateway gateway) {
        Thread t = new Thread(() -> {
            for (long round = 0; !Thread.currentThread().isInterrupted(); round++) {
                try {
                    if (round % (300_000 / PAGE_MILLIS) == 0) {
                        openPage(gateway);
                    }
                    for (String path : List.of("/api/v1/admin/overview", "/api/v1/admin/audit?limit=50",
                            "/api/v1/admin/me")) {
                        gateway.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gateway.url(path)))
                                .header("Authorization", "Bearer " + BenchGateway.ADMIN).header("Accept",
                                        "application/json").build(),
                                java.net.http.HttpResponse.BodyHandlers.discarding());
                    }
                    Thread.sleep(PAGE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    try {
                        Thread.sleep(PAGE_MILLIS);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }, "fleet-admin-page");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
