package dev.floorgate.bench;

import dev.floorgate.protocol.OperationIds;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Drain (DESIGN.md, "Performance"): a backlog built in the gateway's outbox while the core is down, then synced
 * into the core once it starts, end to end (outbox read, signed batches over HTTP, the core's idempotency claim
 * and Lua script, results stored back in the outbox), against a bare Redis Lua loop on the same Redis: the same
 * number of EVALSHA calls of a one-line HINCRBY script, pipelined from 16 connections, which is what the hot
 * path would cost with nothing around it. Run: {@code ./floorgate bench DrainBench [operations] [both|old|new]}
 * (default 1,000,000 and both: the gateway as before issue 14, fg.sync.prepare-ahead=false, then as now, each
 * into a fresh core, printed side by side).
 */
public final class DrainBench {
    private DrainBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String mode = args.length > 1 ? args[1] : "both";
        if (!List.of("both", "old", "new").contains(mode)) {
            throw new IllegalArgumentException("mode must be both, old or new, was " + mode);
        }
        System.out.printf("FloorGate drain benchmark: %,d operations, %d cores%n", total,
                Runtime.getRuntime().availableProcessors());
        List<String> results = new ArrayList<>();
        double luaRate = 0;
        for (String m : mode.equals("both") ? List.of("old", "new") : List.of(mode)) {
            Run run = drain(total, m.equals("new"));
            results.add(String.format("drain %s (end to end): %,12.0f ops/s  (%,d ops in %.1f s, %d left; gateway RSS %s)",
                    m.equals("new") ? "issue 14, prepared ahead" : "before issue 14         ", run.rate,
                    run.done, run.seconds, total - run.done, run.rss));
            luaRate = run.luaRate;
        }
        System.out.println();
        for (String line : results) {
            System.out.println(line);
        }
        System.out.printf("bare Redis Lua loop (EVALSHA HINCRBY x16)          : %,12.0f ops/s%n", luaRate);
    }

    /** One drain's figures. */
    private static final class Run {
        double rate;
        long done;
        double seconds;
        double luaRate;
        String rss;
    }

    /**
     * A backlog of {@code total} built with the core down, then drained into a fresh core; {@code prepareAhead}
     * false is the gateway's behaviour before issue 14 (fg.sync.prepare-ahead=false).
     */
    private static Run drain(int total, boolean prepareAhead) throws Exception {
        Path dir = Files.createTempDirectory("fg-drain-bench");
        int corePort = BenchGateway.freePort();
        Run run = new Run();
        try (BenchCore core = new BenchCore()) {
            Map<String, String> env = Map.of("FG_CORE_URL", "http://127.0.0.1:" + corePort, "FG_CORE_KEY_ID",
                    BenchCore.KEY_ID, "FG_CORE_SECRET", BenchCore.SECRET, "FG_SYNC_BATCH_SIZE", "1000",
                    "FG_SYNC_BACKOFF_MAX", "1s", "FG_SYNC_PREPARE_AHEAD", Boolean.toString(prepareAhead));
            try (BenchGateway gateway = BenchGateway.start(dir, env, List.of("-Xmx512m"))) {
                long t0 = System.nanoTime();
                ingest(gateway, total);
                double ingestSeconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("[prepare-ahead=%s] backlog of %,d built in %.1f s (%,.0f ops/s acknowledged while "
                        + "the core was down)%n", prepareAhead, total, ingestSeconds, total / ingestSeconds);

                core.start(corePort);
                core.call("PUT", "/v1/locations/acme/SH01/A-01-01", "{\"type\":\"BIN\"}");
                for (int s = 0; s < 16; s++) {
                    core.call("PUT", "/v1/skus/acme/SKU-" + s, "{\"name\":\"Item\",\"unit\":\"EA\"}");
                }
                long d0 = System.nanoTime();
                long unsynced;
                do {
                    Thread.sleep(500);
                    unsynced = BenchGateway.number(gateway.get("/health"), "unsynced");
                } while (unsynced > 0 && System.nanoTime() - d0 < TimeUnit.MINUTES.toNanos(60));
                run.seconds = (System.nanoTime() - d0) / 1e9;
                run.done = total - unsynced;
                run.rate = run.done / run.seconds;
                System.out.printf("[prepare-ahead=%s] drained %,d in %.1f s: %,.0f ops/s%n", prepareAhead, run.done,
                        run.seconds, run.rate);
                run.luaRate = bareLuaLoop(core.redisUri(), total);
                run.rss = gateway.rss();
            }
        }
        return run;
    }

    /** 16 devices post batches of 100 RECEIVE operations until {@code total} are acknowledged. */
    private static void ingest(BenchGateway gateway, int total) throws Exception {
        int devices = 16;
        int batch = 100;
        ExecutorService pool = Executors.newFixedThreadPool(devices);
        List<Future<?>> futures = new ArrayList<>();
        int perDevice = total / devices;
        for (int d = 0; d < devices; d++) {
            String token = gateway.enroll("drain-" + d, "acme", "SH01");
            int sku = d;
            futures.add(pool.submit(() -> {
                for (int sent = 0; sent < perDevice; sent += batch) {
                    StringBuilder body = new StringBuilder("{\"operations\":[");
                    for (int k = 0; k < Math.min(batch, perDevice - sent); k++) {
                        body.append(k == 0 ? "" : ",").append("{\"opId\":\"").append(OperationIds.newId())
                                .append("\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"type\":\"RECEIVE\","
                                        + "\"sku\":\"SKU-").append(sku).append("\",\"qty\":1,\"location\":\"A-01-01\"}");
                    }
                    int status = gateway.post("/api/v1/operations", token, body.append("]}").toString()).statusCode();
                    if (status != 202) {
                        throw new IllegalStateException("ingest answered " + status);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    private static double bareLuaLoop(String redisUri, int total) throws Exception {
        RedisClient client = RedisClient.create(redisUri);
        int connections = 16;
        int window = 200;
        try {
            List<StatefulRedisConnection<String, String>> conns = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                conns.add(client.connect());
            }
            String sha = conns.get(0).sync().scriptLoad("return redis.call('HINCRBY', KEYS[1], 'onHand', ARGV[1])");
            ExecutorService pool = Executors.newFixedThreadPool(connections);
            long t0 = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                RedisAsyncCommands<String, String> async = conns.get(c).async();
                String key = "{bench" + c + "}:stock";
                futures.add(pool.submit(() -> {
                    List<RedisFuture<Long>> inFlight = new ArrayList<>(window);
                    for (int i = 0; i < total / connections; i++) {
                        inFlight.add(async.evalsha(sha, ScriptOutputType.INTEGER, new String[] {key}, "1"));
                        if (inFlight.size() == window) {
                            for (RedisFuture<Long> f : inFlight) {
                                f.get();
                            }
                            inFlight.clear();
                        }
                    }
                    for (RedisFuture<Long> f : inFlight) {
                        f.get();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.MINUTES);
            }
            double rate = total / ((System.nanoTime() - t0) / 1e9);
            pool.shutdown();
            conns.forEach(StatefulRedisConnection::close);
            return rate;
        } finally {
            client.shutdown();
        }
    }
}
