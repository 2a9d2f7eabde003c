package dev.floorgate.bench;

import dev.floorgate.protocol.BatchRequest;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code fg.redis.wait-replicas=1} costs (issue 14 item 5): the signed batch endpoint, closed loop, on a Redis
 * primary with one replica attached, first without WAIT (the baseline: an APPLIED answer may be lost with the
 * primary) and then with WAIT 1 (no acknowledged loss), side by side in one run. Prints ops/s and batch p50/p99.
 * {@code ReplicaWaitBench [--seconds 10] [--clients 16] [--batch 10]}. Recovery after a primary kill is measured by
 * inventory-core's RedisFailoverTest, which prints it.
 */
public final class ReplicaWaitBench {
    private ReplicaWaitBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = arg(args, "--seconds", 10);
        int clients = arg(args, "--clients", 16);
        int batch = arg(args, "--batch", 10);
        try (BenchCore core = new BenchCore()) {
            int primaryPort = Integer.parseInt(core.redisUri().substring(core.redisUri().lastIndexOf(':') + 1));
            Path dir = Files.createTempDirectory("fg-bench-replica");
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process replica = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--replicaof",
                    "127.0.0.1", Integer.toString(primaryPort)).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("replica.log").toFile()).start();
            try {
                System.out.printf("ReplicaWaitBench: %d clients, batches of %d RECEIVE on own SKUs, %d s per run, "
                        + "primary + 1 replica on loopback%n", clients, batch, seconds);
                Result off = run(core, Map.of("fg.redis.wait-replicas", "0"), seconds, clients, batch, "off");
                Result on = run(core, Map.of("fg.redis.wait-replicas", "1", "fg.redis.wait-timeout", "1s"), seconds,
                        clients, batch, "on");
                System.out.printf("%-34s %,10.0f ops/s  batch p50 %6.2f ms  p99 %6.2f ms  (%d RETRY)%n",
                        "wait-replicas=0 (baseline)", off.opsPerSecond, off.p50, off.p99, off.retries);
                System.out.printf("%-34s %,10.0f ops/s  batch p50 %6.2f ms  p99 %6.2f ms  (%d RETRY)  = %.2fx%n",
                        "wait-replicas=1 (WAIT per batch)", on.opsPerSecond, on.p50, on.p99, on.retries,
                        on.opsPerSecond / off.opsPerSecond);
            } finally {
                replica.destroy();
                if (!replica.waitFor(5, TimeUnit.SECONDS)) {
                    replica.destroyForcibly();
                }
                try (java.util.stream.Stream<Path> files = Files.walk(dir)) { // log and the synced RDB
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private record Result(double opsPerSecond, double p50, double p99, long retries) {
    }

    private static Result run(BenchCore core, Map<String, Object> settings, int seconds, int clients, int batch,
            String label) throws Exception {
        core.start(0, settings);
        try {
            core.call("PUT", "/v1/locations/acme/SH01/A-01-01", "{\"type\":\"BIN\"}");
            for (int c = 0; c < clients; c++) {
                core.call("PUT", "/v1/skus/acme/RW-" + label + "-" + c, "{\"name\":\"bench\"}");
            }
            AtomicLong applied = new AtomicLong();
            AtomicLong retries = new AtomicLong();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            long end = warmEnd + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String sku = "RW-" + label + "-" + c;
                Thread t = new Thread(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            List<Operation> ops = new ArrayList<>();
                            for (int i = 0; i < batch; i++) {
                                ops.add(Operation.builder().opId(OperationIds.newId()).tenant("acme").warehouse("SH01")
                                        .type(OperationType.RECEIVE).sku(sku).qty(1L).deviceId("bench")
                                        .occurredAt(Instant.now().toString()).build());
                            }
                            long t0 = System.nanoTime();
                            String body = core.call("POST", "/v1/operations:batch",
                                    OperationJson.writeBatch(new BatchRequest("bench", ops)));
                            long t1 = System.nanoTime();
                            if (t0 < warmEnd) {
                                continue;
                            }
                            latencies.add(t1 - t0);
                            for (OperationResult r : OperationJson.readResults(body)) {
                                if (r.status() == ResultStatus.APPLIED) {
                                    applied.incrementAndGet();
                                } else if (r.status() == ResultStatus.RETRY) {
                                    retries.incrementAndGet();
                                }
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
            double p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6;
            return new Result(applied.get() / (double) seconds, p50, p99, retries.get());
        } finally {
            core.stop();
        }
    }

    private static int arg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
