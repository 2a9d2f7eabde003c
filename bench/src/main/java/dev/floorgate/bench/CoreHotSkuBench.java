package dev.floorgate.bench;

import dev.floorgate.core.StockService;
import dev.floorgate.protocol.BatchRequest;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.protocol.ResultStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Core hot SKU (DESIGN.md, "Performance"; issue 14): reservations per second on ONE stock record, side by side in
 * one run: the plain MySQL row-update path (a transaction doing {@code UPDATE stock SET usable = usable - 1 ...
 * WHERE ... AND usable >= 1} plus the ledger insert, on the core's own schema); the core's Redis path
 * ({@link StockService}: claim + Lua script) with hot-SKU combining switched off and on for the tenant (through the
 * admin endpoint), each with the write-back to MySQL off and running; and a bare Redis Lua loop (the ceiling), with
 * ratios and p50/p99, the same number of concurrent clients on the same machine. Then operations per second through
 * the signed batch endpoint over HTTP, and the isolation measurement: cold SKUs' latency over HTTP alone and beside
 * one SKU hammered by the same number of HTTP clients.
 *
 * <p>It starts what it needs: a redis-server on a free loopback port (no persistence, as a cache node), a fresh
 * MariaDB database on the local server (dropped at the end) and the core on a random port.
 * Run: {@code java -cp ... dev.floorgate.bench.CoreHotSkuBench [--seconds 15] [--warmup 3] [--clients 32]
 * [--http-clients 8] [--batch 200] [--hot-threads N] [--mysql jdbc:mariadb://127.0.0.1:3306/] [--redis redis://host:port]}.
 */
public final class CoreHotSkuBench {
    private static final String KEY_ID = "bench";
    private static final String SECRET = "bench-secret-0123456789";
    private static final String TENANT = "bench";
    private static final String WAREHOUSE = "WH1";
    private static final long BIG = 1_000_000_000L;
    private static final String ADMIN_TOKEN = "bench-admin-token-0123456789";
    private static String hotThreads;
    /** CPU time by process over each measured part (JVM, Redis, MariaDB); null while setting up. */
    private static CpuBill bill;

    private CoreHotSkuBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int seconds = Integer.parseInt(opt.getOrDefault("seconds", "15"));
        int warmup = Integer.parseInt(opt.getOrDefault("warmup", "3"));
        int clients = Integer.parseInt(opt.getOrDefault("clients", "32"));
        int httpClients = Integer.parseInt(opt.getOrDefault("http-clients", "8"));
        int batch = Integer.parseInt(opt.getOrDefault("batch", "200"));
        String mysqlServer = opt.getOrDefault("mysql", "jdbc:mariadb://127.0.0.1:3306/");
        hotThreads = opt.get("hot-threads"); // fg.core.hotspot.threads of the cores; unset = the core's default
        String database = "floorgate_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String mysqlUrl = mysqlServer + database + "?createDatabaseIfNotExist=true";

        System.out.printf("FloorGate core hot-SKU benchmark: %d clients, %d s per part (+%d s warm-up), %d cores%n",
                clients, seconds, warmup, Runtime.getRuntime().availableProcessors());
        LocalRedis redis = opt.containsKey("redis") ? null : LocalRedis.start();
        String redisUri = redis != null ? redis.uri() : opt.get("redis");
        // Core A serves the measured requests with its write-back worker off (the hot path alone); core B, on the
        // same Redis and database, runs the worker: to drain between parts and for the sustained part.
        bill = new CpuBill().add("jvm", ProcessHandle.current().pid(), "")
                .add("redis", redis == null ? -1 : redis.pid(), "--redis given: not this benchmark's own")
                .add("mariadb", CpuBill.localDatabasePid(mysqlServer), "not on this machine or its pid file not "
                        + "readable");
        EmbeddedServer server = startCore(redisUri, mysqlUrl, false);
        EmbeddedServer drainer = null;
        try {
            String base = "http://127.0.0.1:" + server.getPort();
            RequestSigner signer = new RequestSigner(KEY_ID, SECRET);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            seed(http, signer, base, httpClients);
            StockService stock = server.getApplicationContext().getBean(StockService.class);
            require(stock.apply(List.of(op(OperationType.RECEIVE, "HOT-REDIS", BIG, null))).get(0));
            try (Connection c = DriverManager.getConnection(mysqlServer + database, "root", "");
                    Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO stock (tenant, warehouse, sku, bucket, on_hand, usable, reserved, seq) "
                        + "VALUES ('" + TENANT + "', '" + WAREHOUSE + "', 'HOT-MYSQL', 0, " + BIG + ", " + BIG
                        + ", 0, 0)");
            }

            // Each Redis part runs twice: with combining switched off for the tenant (one apply.lua call per
            // request, as before issue 14) and on (concurrent requests on the record share a call), switched through
            // the admin endpoint like a gray release.
            setCombining(http, base, false);
            run("warm-up", clients, warmup, i -> redisReserve(stock, i));
            Rate redisRate = run("redis", clients, seconds, i -> redisReserve(stock, i));
            setCombining(http, base, true);
            run("warm-up", clients, warmup, i -> redisReserve(stock, i));
            RedisCommandCost redisCost = redis == null ? null : new RedisCommandCost(redisUri);
            if (redisCost != null) {
                redisCost.reset();
            }
            Rate combinedRate = run("redis+c", clients, seconds, i -> redisReserve(stock, i));
            List<String> combinedRedisCost = redisCost == null ? List.of("    (not this benchmark's own Redis)")
                    : redisCost.perOperation(combinedRate.operations());
            long backlog = lag(base, http);
            drainer = startCore(redisUri, mysqlUrl, true);
            String drainBase = "http://127.0.0.1:" + drainer.getPort();
            long drainStart = System.nanoTime();
            Map<String, Long> drainCpu = bill.snapshot();
            awaitDrained(drainBase, http, Duration.ofMinutes(10));
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            Map<String, Double> drainBill = CpuBill.perOperation(drainCpu, bill.snapshot(), backlog);

            MysqlPath mysql = new MysqlPath(mysqlServer + database, clients);
            run("warm-up", clients, warmup, mysql::reserve);
            Rate mysqlRate = run("mysql", clients, seconds, mysql::reserve);
            mysql.close();

            StockService sustained = drainer.getApplicationContext().getBean(StockService.class);
            setCombining(http, drainBase, false);
            Rate sustainedRate = run("redis+wb", clients, seconds, i -> redisReserve(sustained, i));
            long sustainedBacklog = lag(drainBase, http);
            awaitDrained(drainBase, http, Duration.ofMinutes(10));
            setCombining(http, drainBase, true);
            Rate combinedWbRate = run("redis+c+wb", clients, seconds, i -> redisReserve(sustained, i));
            long combinedBacklog = lag(drainBase, http);
            awaitDrained(drainBase, http, Duration.ofMinutes(10));

            Rate bareRate;
            try (BareLua bare = new BareLua(redisUri)) {
                run("warm-up", clients, warmup, i -> bare.reserve());
                bareRate = run("bare-lua", clients, seconds, i -> bare.reserve());
            }

            run("warm-up", httpClients, warmup, i -> httpBatch(http, signer, base, batch, i));
            Rate httpRate = run("http", httpClients, seconds, i -> httpBatch(http, signer, base, batch, i));
            awaitDrained(drainBase, http, Duration.ofMinutes(10));

            // Isolation (issue 14 item 2): cold SKUs' latency over HTTP, alone, then with one SKU hammered by
            // `clients` HTTP clients at the same time (the hot lane takes those once the detector finds it hot).
            int coldClients = 8;
            run("warm-up", coldClients, warmup, i -> httpSingle(http, signer, drainBase, "COLD-" + i));
            Rate coldAlone = run("cold", coldClients, seconds, i -> httpSingle(http, signer, drainBase, "COLD-" + i));
            awaitDrained(drainBase, http, Duration.ofMinutes(10));
            Rate[] beside = runBeside(coldClients, clients, seconds,
                    i -> httpSingle(http, signer, drainBase, "COLD-" + i),
                    i -> httpHot(http, signer, drainBase));
            awaitDrained(drainBase, http, Duration.ofMinutes(10));

            System.out.println();
            System.out.println("hot-SKU RESERVE, " + clients + " in-process clients calling StockService.apply with"
                    + " ONE operation each:");
            line("MySQL path (UPDATE ... + ledger, one tx)", mysqlRate, null);
            line("Redis path, combining off, write-back off", redisRate, mysqlRate);
            line("Redis path, combining ON,  write-back off", combinedRate, mysqlRate);
            line("Redis path, combining off, write-back ON", sustainedRate, mysqlRate);
            System.out.printf("%51s %,d events behind at the end%n", "", sustainedBacklog);
            line("Redis path, combining ON,  write-back ON", combinedWbRate, mysqlRate);
            System.out.printf("%51s %,d events behind at the end%n", "", combinedBacklog);
            line("bare Redis Lua loop (EVALSHA reserve, 1 conn)", bareRate, mysqlRate);
            System.out.printf("ratio combined+wb / MySQL: %.1fx (target >= 20x); combined+wb / bare Lua: %.2f; "
                    + "combined / not combined (wb on): %.1fx%n", combinedWbRate.perSecond() / mysqlRate.perSecond(),
                    combinedWbRate.perSecond() / bareRate.perSecond(),
                    combinedWbRate.perSecond() / sustainedRate.perSecond());
            System.out.printf("write-back drain into MySQL                    : %,10.0f events/s  (%,d events in %.1f s)%n",
                    backlog / Math.max(drainSeconds, 0.001), backlog, drainSeconds);
            System.out.printf("batch endpoint over HTTP, signed, write-back on: %,10.0f ops/s   p50 %6.2f ms  p99 %6.2f"
                    + " ms per batch of %d, %d clients%n", httpRate.perSecond(), httpRate.p50(), httpRate.p99(), batch,
                    httpClients);
            System.out.println();
            System.out.println("isolation: " + coldClients + " HTTP clients, one RECEIVE per request on their own cold"
                    + " SKU, write-back on, hot lane threads " + (hotThreads == null ? "default" : hotThreads) + ":");
            line("cold SKUs alone", coldAlone, null);
            line("cold SKUs beside a hot SKU", beside[0], null);
            line("  the hot SKU (" + clients + " HTTP clients)", beside[1], null);
            System.out.printf("cold p99 beside / alone: %.2fx (target <= 2x)%n", beside[0].p99() / coldAlone.p99());
            System.out.printf("MySQL durability: innodb_flush_log_at_trx_commit=%s%n", mysqlSetting(mysqlServer));
            System.out.println();
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.println("CPU per operation by process (utime+stime over each part / its operations; jvm = the"
                    + " cores and the in-process callers):");
            System.out.println(CpuBill.line("MySQL path", mysqlRate.cpu(), cores));
            System.out.println(CpuBill.line("Redis path, combining off, write-back off", redisRate.cpu(), cores));
            System.out.println(CpuBill.line("Redis path, combining ON,  write-back off", combinedRate.cpu(), cores));
            System.out.println(CpuBill.line("Redis path, combining off, write-back ON", sustainedRate.cpu(), cores));
            System.out.println(CpuBill.line("Redis path, combining ON,  write-back ON", combinedWbRate.cpu(), cores));
            System.out.println(CpuBill.line("bare Redis Lua loop", bareRate.cpu(), cores));
            System.out.println(CpuBill.line("write-back drain alone (per event)", drainBill, cores));
            System.out.println(CpuBill.line("batch endpoint over HTTP", httpRate.cpu(), cores));
            System.out.println("Redis's own time per operation by command, Redis path, combining ON, write-back off"
                    + " (INFO commandstats):");
            combinedRedisCost.forEach(System.out::println);
            if (redisCost != null) {
                redisCost.close();
            }
            bill.missing().forEach((name, why) -> System.out.println("  not in the bill: " + name + " (" + why + ")"));
        } finally {
            if (drainer != null) {
                drainer.getApplicationContext().close();
            }
            server.getApplicationContext().close();
            try (Connection c = DriverManager.getConnection(mysqlServer, "root", "");
                    Statement s = c.createStatement()) {
                s.executeUpdate("DROP DATABASE IF EXISTS " + database);
            }
            if (redis != null) {
                redis.close();
            }
        }
    }

    private static void line(String what, Rate r, Rate mysql) {
        System.out.printf("%-46s : %,10.0f ops/s   p50 %6.2f ms  p99 %6.2f ms%s%n", what, r.perSecond(), r.p50(),
                r.p99(), mysql == null ? "" : String.format("   %5.1fx MySQL", r.perSecond() / mysql.perSecond()));
    }

    /** Switches combining for the bench tenant through the admin endpoint (issue 14's gray-release switch). */
    private static void setCombining(HttpClient http, String base, boolean on) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/admin/switches/" + TENANT
                + "/combining")).header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type",
                "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\":" + on + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        check(r);
    }

    /**
     * What Redis itself can do on this machine for a reservation: a minimal Lua reserve (HGET, two HINCRBY) by
     * EVALSHA on one record, from the same number of threads sharing one Lettuce connection, as the core does.
     */
    private static final class BareLua implements AutoCloseable {
        private static final String SCRIPT = "local u = tonumber(redis.call('HGET', KEYS[1], 'us') or '0') "
                + "if u < 1 then return 0 end redis.call('HINCRBY', KEYS[1], 'us', -1) "
                + "redis.call('HINCRBY', KEYS[1], 'rs', 1) return 1";
        private final io.lettuce.core.RedisClient client;
        private final io.lettuce.core.api.StatefulRedisConnection<String, String> connection;
        private final String sha;
        private final String[] keys = {"bench:bare:{hot}"};

        BareLua(String uri) {
            client = io.lettuce.core.RedisClient.create(uri.split(",")[0]);
            connection = client.connect();
            connection.sync().hset(keys[0], "us", Long.toString(BIG));
            sha = connection.sync().scriptLoad(SCRIPT);
        }

        int reserve() {
            Long ok = connection.sync().evalsha(sha, io.lettuce.core.ScriptOutputType.INTEGER, keys);
            if (ok == null || ok != 1L) {
                throw new IllegalStateException("the bare Lua reserve ran out of stock");
            }
            return 1;
        }

        @Override
        public void close() {
            connection.sync().del(keys[0]);
            connection.close();
            client.shutdown();
        }
    }

    private static int httpSingle(HttpClient http, RequestSigner signer, String base, String sku) throws Exception {
        return postOne(http, signer, base, op(OperationType.RECEIVE, sku, 1, null));
    }

    private static int httpHot(HttpClient http, RequestSigner signer, String base) throws Exception {
        return postOne(http, signer, base, op(OperationType.RESERVE, "HOT-REDIS", 1, "SO-" + OperationIds.newId()));
    }

    /** One operation over signed HTTP; a 429 (a full lane) counts 0 operations and is retried by the loop. */
    private static int postOne(HttpClient http, RequestSigner signer, String base, Operation op) throws Exception {
        HttpResponse<String> r = post(http, signer, base, "/v1/operations:batch",
                OperationJson.writeBatch(new BatchRequest("bench", List.of(op))));
        if (r.statusCode() == 429) {
            return 0;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("batch answered " + r.statusCode() + ": " + r.body());
        }
        require(OperationJson.readResults(r.body()).get(0));
        return 1;
    }

    /** Runs two client groups at once for the same time; returns their rates. */
    private static Rate[] runBeside(int aClients, int bClients, int seconds, Work a, Work b) throws Exception {
        ExecutorService side = Executors.newSingleThreadExecutor();
        try {
            Future<Rate> hot = side.submit(() -> run("hot", bClients, seconds, b));
            Thread.sleep(1500); // the hot SKU gets hot (the detector's window) before the cold clients measure
            Rate cold = run("cold+hot", aClients, seconds - 2, a);
            return new Rate[] {cold, hot.get(120, TimeUnit.SECONDS)};
        } finally {
            side.shutdown();
        }
    }

    private static EmbeddedServer startCore(String redisUri, String mysqlUrl, boolean writeBack) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("fg.redis.uri", redisUri);
        props.put("fg.mysql.url", mysqlUrl);
        props.put("fg.mysql.pool-size", 8);
        props.put("fg.core.keys", KEY_ID + ":" + SECRET + ":" + TENANT);
        props.put("fg.core.admin-token", ADMIN_TOKEN);
        if (hotThreads != null) {
            props.put("fg.core.hotspot.threads", hotThreads);
        }
        props.put("fg.core.reconcile.interval", "0s");
        props.put("fg.core.writeback.enabled", writeBack);
        props.put("fg.core.writeback.max-lag", 50_000_000L);
        props.put("fg.core.writeback.batch-size", 2000);
        return ApplicationContext.run(EmbeddedServer.class, props);
    }

    /** One unit of work of client {@code i}; returns the operations it completed. */
    private interface Work {
        int run(int client) throws Exception;
    }

    /** A measured rate and the latency of one unit of work. */
    private record Rate(double perSecond, double p50, double p99, Map<String, Double> cpu, long operations) {
    }

    private static Rate run(String name, int clients, int seconds, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Callable<long[]> task = () -> {
                long ops = 0;
                long[] latencies = new long[1 << 16];
                int n = 0;
                go.await();
                while (running.get()) {
                    long t0 = System.nanoTime();
                    ops += work.run(client);
                    latencies[n++ & 0xFFFF] = System.nanoTime() - t0;
                }
                long[] out = Arrays.copyOf(latencies, Math.min(n, latencies.length) + 1);
                out[out.length - 1] = ops;
                return out;
            };
            results.add(pool.submit(task));
        }
        long start = System.nanoTime();
        Map<String, Long> cpuBefore = bill == null ? Map.of() : bill.snapshot();
        go.countDown();
        Thread.sleep(seconds * 1000L);
        running.set(false);
        long total = 0;
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            long[] r = f.get(60, TimeUnit.SECONDS);
            total += r[r.length - 1];
            for (int i = 0; i < r.length - 1; i++) {
                all.add(r[i]);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpu = bill == null ? Map.of() : CpuBill.perOperation(cpuBefore, bill.snapshot(), total);
        pool.shutdown();
        all.sort(null);
        double p50 = all.isEmpty() ? 0 : all.get(all.size() / 2) / 1e6;
        double p99 = all.isEmpty() ? 0 : all.get(Math.min(all.size() - 1, (int) (all.size() * 0.99))) / 1e6;
        if (!name.equals("warm-up")) {
            System.out.printf("  %-6s %,d operations in %.1f s%n", name, total, elapsed);
        }
        return new Rate(total / elapsed, p50, p99, cpu, total);
    }

    private static int redisReserve(StockService stock, int client) {
        OperationResult r = stock.apply(List.of(op(OperationType.RESERVE, "HOT-REDIS", 1,
                "SO-" + OperationIds.newId()))).get(0);
        require(r);
        return 1;
    }

    /** The plain MySQL path: one connection per client, one transaction per reservation. */
    private static final class MysqlPath implements AutoCloseable {
        private final Connection[] connections;

        MysqlPath(String url, int clients) throws Exception {
            connections = new Connection[clients];
            for (int i = 0; i < clients; i++) {
                connections[i] = DriverManager.getConnection(url, "root", "");
                connections[i].setAutoCommit(false);
            }
        }

        int reserve(int client) throws Exception {
            Connection c = connections[client];
            Operation op = op(OperationType.RESERVE, "HOT-MYSQL", 1, "SO-" + OperationIds.newId());
            try (PreparedStatement update = c.prepareStatement("UPDATE stock SET usable = usable - ?, "
                    + "reserved = reserved + ?, seq = seq + 1 WHERE tenant = ? AND warehouse = ? AND sku = ? "
                    + "AND usable >= ?");
                    PreparedStatement ledger = c.prepareStatement("INSERT INTO ledger (op_id, kind, tenant, "
                            + "warehouse, sku, type, qty, order_no, fingerprint, status, op_json) "
                            + "VALUES (?, 'A', ?, ?, ?, 'RESERVE', ?, ?, ?, 'APPLIED', ?)")) {
                update.setLong(1, 1);
                update.setLong(2, 1);
                update.setString(3, TENANT);
                update.setString(4, WAREHOUSE);
                update.setString(5, "HOT-MYSQL");
                update.setLong(6, 1);
                if (update.executeUpdate() != 1) {
                    c.rollback();
                    throw new IllegalStateException("the MySQL hot row ran out of stock");
                }
                String json = OperationJson.write(op);
                ledger.setString(1, op.opId());
                ledger.setString(2, TENANT);
                ledger.setString(3, WAREHOUSE);
                ledger.setString(4, "HOT-MYSQL");
                ledger.setLong(5, 1);
                ledger.setString(6, op.orderNo());
                ledger.setString(7, OperationJson.fingerprint(op));
                ledger.setString(8, json);
                ledger.executeUpdate();
                c.commit();
            }
            return 1;
        }

        @Override
        public void close() throws Exception {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static int httpBatch(HttpClient http, RequestSigner signer, String base, int size, int client)
            throws Exception {
        List<Operation> ops = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String sku = "SKU-" + client + "-" + (i / 2 % 16); // a RECEIVE, then a RESERVE of that unit
            ops.add(i % 2 == 0 ? op(OperationType.RECEIVE, sku, 1, null)
                    : op(OperationType.RESERVE, sku, 1, "SO-" + OperationIds.newId()));
        }
        HttpResponse<String> r = post(http, signer, base, "/v1/operations:batch",
                OperationJson.writeBatch(new BatchRequest("bench", ops)));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("batch answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
        int applied = 0;
        for (OperationResult res : OperationJson.readResults(r.body())) {
            applied += res.status() == ResultStatus.APPLIED ? 1 : 0;
        }
        if (applied != size) {
            String body = r.body();
            throw new IllegalStateException(applied + " of " + size + " operations applied: "
                    + body.substring(0, Math.min(300, body.length())));
        }
        return applied;
    }

    private static void seed(HttpClient http, RequestSigner signer, String base, int httpClients) throws Exception {
        check(put(http, signer, base, "/v1/locations/" + TENANT + "/" + WAREHOUSE + "/A-01-01", "{\"type\":\"BIN\"}"));
        List<String> skus = new ArrayList<>(List.of("HOT-REDIS", "HOT-MYSQL"));
        for (int c = 0; c < 8; c++) {
            skus.add("COLD-" + c);
        }
        for (int c = 0; c < httpClients; c++) {
            for (int i = 0; i < 16; i++) {
                skus.add("SKU-" + c + "-" + i);
            }
        }
        for (String sku : skus) {
            check(put(http, signer, base, "/v1/skus/" + TENANT + "/" + sku, "{\"name\":\"" + sku + "\"}"));
        }
    }

    private static long lag(String base, HttpClient http) throws Exception {
        String body = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        int at = body.indexOf("\"writeBackLag\":");
        return Long.parseLong(body.substring(at + 15).replaceAll("[^0-9].*$", ""));
    }

    private static void awaitDrained(String base, HttpClient http, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lag(base, http) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("write-back did not drain within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static String mysqlSetting(String server) {
        try (Connection c = DriverManager.getConnection(server, "root", "");
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT @@innodb_flush_log_at_trx_commit")) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static HttpResponse<String> post(HttpClient http, RequestSigner signer, String base, String path,
            String body) throws Exception {
        return send(http, signer, base, "POST", path, body);
    }

    private static HttpResponse<String> put(HttpClient http, RequestSigner signer, String base, String path,
            String body) throws Exception {
        return send(http, signer, base, "PUT", path, body);
    }

    private static HttpResponse<String> send(HttpClient http, RequestSigner signer, String base, String method,
            String path, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        signer.headers(method, path, bytes).forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("set-up call answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static void require(OperationResult r) {
        if (r.status() != ResultStatus.APPLIED) {
            throw new IllegalStateException("operation not applied: " + r);
        }
    }

    private static Operation op(OperationType type, String sku, long qty, String orderNo) {
        return Operation.builder().opId(OperationIds.newId()).tenant(TENANT).warehouse(WAREHOUSE).type(type).sku(sku)
                .qty(qty).orderNo(orderNo).deviceId("bench").occurredAt(Instant.now().toString()).build();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opt = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, found '" + args[i] + "'");
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        return opt;
    }
}
