package dev.floorgate.bench;

import dev.floorgate.protocol.OperationIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP ingest on loopback (issue 4): single-operation POSTs to the real gateway process (offline mode, so every
 * op is only made durable), at offered loads of 1,000 and 5,000 ops/s and then at the maximum that 32 closed-loop
 * clients reach. Latency is measured from when each request was due (open loop), so a stalled gateway shows up
 * in the p99 instead of slowing the load down. Run: {@code ./floorgate bench GatewayIngestBench [seconds]}.
 */
public final class GatewayIngestBench {
    private static final int DEVICES = 16;

    private GatewayIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("fg-ingest-bench");
        System.out.printf("FloorGate HTTP ingest benchmark: %d s per load, %d cores, data in %s%n", seconds,
                Runtime.getRuntime().availableProcessors(), dir);
        try (BenchGateway gateway = BenchGateway.start(dir, Map.of(), List.of("-Xmx256m"))) {
            String[] tokens = new String[DEVICES];
            for (int i = 0; i < DEVICES; i++) {
                tokens[i] = gateway.enroll("bench-" + i, "acme", "SH01");
            }
            closedLoop(gateway, tokens, 16, Math.min(5, seconds)); // warm-up, not reported
            List<String> rows = new ArrayList<>();
            rows.add(openLoop(gateway, tokens, 1000, seconds));
            rows.add(openLoop(gateway, tokens, 5000, seconds));
            rows.add(closedLoop(gateway, tokens, 32, seconds));
            System.out.println();
            System.out.println("offered          achieved ops/s   p50 ms   p99 ms   max ms   errors");
            rows.forEach(System.out::println);
            System.out.printf("gateway RSS after the run: %s%n", gateway.rss());
        }
    }

    /** Fires requests on a fixed schedule; each latency counts from the request's due time. */
    private static String openLoop(BenchGateway g, String[] tokens, int perSecond, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(128);
        int total = perSecond * seconds;
        long[] latencies = new long[total];
        AtomicInteger errors = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / perSecond;
        List<Future<?>> futures = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            futures.add(pool.submit(() -> {
                send(g, tokens[n % tokens.length], errors);
                long now = System.nanoTime();
                latencies[n] = now - due;
                lastDone.accumulateAndGet(now, Math::max);
            }));
        }
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        double elapsed = (lastDone.get() - start) / 1e9;
        return row(perSecond + "/s", total / elapsed, latencies, errors.get());
    }

    /** {@code clients} threads each sending the next request as soon as the last was answered. */
    private static String closedLoop(BenchGateway g, String[] tokens, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicInteger errors = new AtomicInteger();
        List<Future<long[]>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            String token = tokens[c % tokens.length];
            futures.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    send(g, token, errors);
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : futures) {
            parts.add(f.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        return row("max (" + clients + " clients)", all.length / elapsed, all, errors.get());
    }

    private static void send(BenchGateway g, String token, AtomicInteger errors) {
        String id = OperationIds.newId();
        String op = "{\"opId\":\"" + id + "\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\","
                + "\"sku\":\"SKU-1\",\"qty\":1,\"location\":\"A-01-01\"}";
        try {
            if (g.post("/api/v1/operations", token, op).statusCode() != 202) {
                errors.incrementAndGet();
            }
        } catch (Exception e) {
            errors.incrementAndGet();
        }
    }

    private static String row(String offered, double achieved, long[] latencies, int errors) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return String.format("%-16s %,14.0f %8.2f %8.2f %8.2f %8d", offered, achieved, pct(sorted, 50),
                pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, errors);
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
