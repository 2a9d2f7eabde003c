package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Redis failover with no acknowledged loss (issue 14 item 5): a primary, a replica and three sentinels, the core
 * with {@code fg.redis.wait-replicas=1}, clients that behave like gateways (each owns its SKUs, one batch in flight,
 * resends whatever was not answered APPLIED or REJECTED with the same opId and body), and the primary killed with
 * SIGKILL at seeded random points; after each failover the dead node comes back empty as a replica of the new
 * primary. Each client knows the exact figures its SKUs must show after each of its operations, so a lost APPLIED
 * operation or a second apply shows up in the very next answer, and again in Redis, the MySQL stock table and the
 * ledger once the write-back has drained. {@code -Dfg.failover.kills=N} (default 5) and {@code
 * -Dfg.failover.seed=S} for longer or repeated runs; the seed is printed.
 */
class RedisFailoverTest {
    private static final int CLIENTS = 4;
    private static final int SKUS_PER_CLIENT = 3;
    private static final int BATCH = 5;

    @Test
    void noOperationAnsweredAppliedIsLostOrAppliedTwiceWhenThePrimaryIsKilled() throws Exception {
        long seed = Long.getLong("fg.failover.seed", System.nanoTime());
        int kills = Integer.getInteger("fg.failover.kills", 5);
        System.out.println("RedisFailoverTest: seed " + seed + " (-Dfg.failover.seed=" + seed + "), " + kills
                + " primary kills");
        Random random = new Random(seed);
        String dbName = "sentinel_failover_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String dbUrl = TestDatabase.SERVER + dbName + "?createDatabaseIfNotExist=true";
        List<Long> recoveries = new ArrayList<>();
        try (SentinelProcesses redis = SentinelProcesses.start();
                DropDatabase drop = new DropDatabase(dbName);
                CoreHarness core = CoreHarness.start(redis.uri(), dbUrl, Map.of("fg.redis.wait-replicas", "1",
                        "fg.redis.wait-timeout", "500ms", "fg.redis.timeout", "1s"))) {
            List<Gateway> gateways = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                List<String> skus = new ArrayList<>();
                for (int s = 0; s < SKUS_PER_CLIENT; s++) {
                    skus.add("FO-" + c + "-" + s);
                }
                core.seed(core.acme, "acme", "SH01", skus.toArray(new String[0]));
                gateways.add(new Gateway(core.acme, skus, new Random(seed + 1 + c)));
            }
            gateways.forEach(Gateway::start);
            for (int k = 1; k <= kills; k++) {
                long appliedBefore = Gateway.APPLIED.get();
                CoreHarness.waitFor(() -> Gateway.APPLIED.get() >= appliedBefore + 20, Duration.ofSeconds(60),
                        "20 operations applied before kill " + k);
                Thread.sleep(100 + random.nextInt(1500));
                int primary = redis.primary();
                Gateway.killedAt = Long.MAX_VALUE;
                Gateway.recoveredAt.set(0);
                redis.kill(primary);
                long killed = System.nanoTime(); // the process is gone: nothing sent from now on reaches it
                Gateway.killedAt = killed;
                int promoted = redis.awaitFailover(primary, 60_000);
                long failedOver = System.nanoTime();
                redis.startNode(primary, promoted); // back, empty, as a replica of the new primary
                long restarted = System.nanoTime();
                CoreHarness.waitFor(() -> Gateway.recoveredAt.get() != 0, Duration.ofSeconds(60),
                        "an APPLIED answer after kill " + k);
                long recovery = (Gateway.recoveredAt.get() - killed) / 1_000_000;
                recoveries.add(recovery);
                System.out.println("RedisFailoverTest: kill " + k + ": primary " + primary + " -> " + promoted
                        + ": sentinels agreed " + (failedOver - killed) / 1_000_000 + " ms after the kill, dead node "
                        + "up as replica at " + (restarted - killed) / 1_000_000 + " ms, first APPLIED at "
                        + recovery + " ms; " + Gateway.APPLIED.get() + " applied so far");
                int settled = redis.awaitSentinelsAgree(1);
                if (settled != promoted) {
                    System.out.println("RedisFailoverTest: the sentinels failed over once more on their own, to "
                            + settled);
                }
                redis.awaitReplicasInSync(settled, 1);
                redis.awaitSentinelsAgree(1);
            }
            for (Gateway g : gateways) {
                g.finish();
            }
            for (Gateway g : gateways) {
                g.join(120_000);
                assertThat(g.isAlive()).as("gateway thread done").isFalse();
            }
            try {
                core.awaitWriteBack(Duration.ofSeconds(60));
            } catch (AssertionError e) {
                int primary = redis.primary();
                for (int b = 0; b < 16; b++) {
                    String stream = KeyLayout.stream("acme", b);
                    System.out.println("bucket " + b + ": " + RedisProcess.command(primary, "XINFO", "GROUPS",
                            stream).replace("\r\n", " ") + " | XLEN " + RedisProcess.command(primary, "XLEN",
                            stream).trim() + " | " + RedisProcess.command(primary, "XPENDING", stream,
                            KeyLayout.GROUP).replace("\r\n", " "));
                }
                throw e;
            }

            List<String> problems = new ArrayList<>();
            gateways.forEach(g -> problems.addAll(g.problems));
            assertThat(problems).as("answers that contradict the expected figures").isEmpty();

            Map<String, String> answered = new LinkedHashMap<>();
            gateways.forEach(g -> answered.putAll(g.finalAnswers));
            Map<String, String> ledger = new LinkedHashMap<>();
            for (Map<String, Object> row : query(dbName, "SELECT op_id, status FROM ledger WHERE tenant = 'acme'")) {
                ledger.put((String) row.get("op_id"), (String) row.get("status"));
            }
            long ledgerRows = ((Number) query(dbName, "SELECT COUNT(*) AS n FROM ledger WHERE tenant = 'acme'")
                    .get(0).get("n")).longValue();
            assertThat(ledgerRows).as("ledger rows (one per opId)").isEqualTo(answered.size());
            assertThat(ledger).as("every final answer is in the ledger, once, with the same status")
                    .isEqualTo(answered);
            long applied = answered.values().stream().filter("APPLIED"::equals).count();
            assertThat(applied).isEqualTo(Gateway.APPLIED.get()).isGreaterThan(20L * kills);

            for (Gateway g : gateways) {
                for (String sku : g.skus) {
                    long expected = g.expected.get(sku);
                    assertThat(expected).as("usable of " + sku).isGreaterThanOrEqualTo(0);
                    CoreClient.Reply stock = core.acme.get("/v1/stock/acme/SH01/" + sku);
                    CoreHarness.require(stock, 200);
                    Map<String, Object> redisFigures = core.json(stock.body());
                    assertThat(((Number) redisFigures.get("onHand")).longValue()).as("Redis onHand " + sku)
                            .isEqualTo(expected);
                    assertThat(((Number) redisFigures.get("usable")).longValue()).as("Redis usable " + sku)
                            .isEqualTo(expected);
                    Map<String, Object> row = query(dbName, "SELECT on_hand, usable, reserved FROM stock WHERE "
                            + "tenant = 'acme' AND warehouse = 'SH01' AND sku = ?", sku).get(0);
                    assertThat(((Number) row.get("on_hand")).longValue()).as("MySQL on_hand " + sku)
                            .isEqualTo(expected);
                    assertThat(((Number) row.get("usable")).longValue()).as("MySQL usable " + sku)
                            .isEqualTo(expected);
                    long fromLedger = ((Number) query(dbName, "SELECT COALESCE(SUM(CASE type WHEN 'RECEIVE' THEN qty "
                            + "ELSE -qty END), 0) AS n FROM ledger WHERE tenant = 'acme' AND sku = ? AND status = "
                            + "'APPLIED'", sku).get(0).get("n")).longValue();
                    assertThat(fromLedger).as("ledger total of " + sku).isEqualTo(expected);
                }
            }
            Collections.sort(recoveries);
            System.out.println("RedisFailoverTest: " + kills + " kills, " + applied + " operations APPLIED, "
                    + (answered.size() - applied) + " REJECTED, 0 lost, 0 applied twice; recovery (kill -> first "
                    + "APPLIED) min " + recoveries.get(0) + " ms, median " + recoveries.get(recoveries.size() / 2)
                    + " ms, max " + recoveries.get(recoveries.size() - 1) + " ms; " + Gateway.RETRIES.get()
                    + " RETRY answers (" + Gateway.DUPLICATES.get() + " resends answered DUPLICATE) and " + Gateway.FAILED_CALLS.get() + " failed calls resent");
        }
    }

    private static List<Map<String, Object>> query(String db, String sql, Object... params) throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabase.SERVER + db, "root", "");
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** Drops the test's own database at the end. */
    private record DropDatabase(String name) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try (Connection c = DriverManager.getConnection(TestDatabase.SERVER, "root", "");
                    Statement s = c.createStatement()) {
                s.executeUpdate("DROP DATABASE IF EXISTS " + name);
            }
        }
    }

    /**
     * One gateway: its own SKUs, one batch in flight, the unanswered operations resent in order with the same opId
     * and body until each is answered APPLIED or REJECTED. Checks every final answer against its own running
     * figures (nobody else touches its SKUs).
     */
    private static final class Gateway extends Thread {
        static final AtomicLong APPLIED = new AtomicLong();
        static final AtomicLong RETRIES = new AtomicLong();
        static final AtomicLong DUPLICATES = new AtomicLong();
        static final AtomicLong FAILED_CALLS = new AtomicLong();
        static final AtomicLong recoveredAt = new AtomicLong();
        static volatile long killedAt = Long.MAX_VALUE;
        final CoreClient client;
        final List<String> skus;
        final Random random;
        final Map<String, Long> expected = new ConcurrentHashMap<>();
        final Map<String, String> finalAnswers = Collections.synchronizedMap(new LinkedHashMap<>());
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        private final List<Operation> outbox = new ArrayList<>();
        private volatile boolean finishing;

        Gateway(CoreClient client, List<String> skus, Random random) {
            super("failover-gateway-" + skus.get(0));
            setDaemon(true);
            this.client = client;
            this.skus = skus;
            this.random = random;
            skus.forEach(s -> expected.put(s, 0L));
        }

        void finish() {
            finishing = true;
        }

        @Override
        public void run() {
            while (!finishing || !outbox.isEmpty()) {
                while (!finishing && outbox.size() < BATCH) {
                    outbox.add(nextOperation());
                }
                List<Operation> batch = new ArrayList<>(outbox.subList(0, Math.min(BATCH, outbox.size())));
                long sent = System.nanoTime();
                CoreClient.Reply reply;
                try {
                    reply = client.post("/v1/operations:batch", CoreHarness.batch(batch));
                } catch (RuntimeException e) {
                    FAILED_CALLS.incrementAndGet();
                    pause();
                    continue;
                }
                if (reply.status() != 200) {
                    FAILED_CALLS.incrementAndGet(); // 503 while Redis is away: nothing applied, send again
                    pause();
                    continue;
                }
                List<OperationResult> results = OperationJson.readResults(reply.body());
                for (int i = 0; i < batch.size(); i++) {
                    OperationResult r = results.get(i);
                    Operation op = batch.get(i);
                    if (r.status() == ResultStatus.RETRY) {
                        RETRIES.incrementAndGet();
                        continue;
                    }
                    settle(op, r, sent);
                    outbox.remove(op);
                }
            }
        }

        /** A final answer; a DUPLICATE carries the first result (code APPLIED, or the first rejection code). */
        private void settle(Operation op, OperationResult r, long sent) {
            long before = expected.get(op.sku());
            long delta = op.type() == OperationType.RECEIVE ? op.qty() : -op.qty();
            ResultStatus first = r.status();
            if (first == ResultStatus.DUPLICATE) {
                DUPLICATES.incrementAndGet();
                first = ResultStatus.APPLIED.name().equals(r.code()) ? ResultStatus.APPLIED : ResultStatus.REJECTED;
            }
            if (first == ResultStatus.APPLIED) {
                long after = before + delta;
                if (after < 0) {
                    problems.add(op.opId() + " " + op.type() + " " + op.qty() + " of " + op.sku()
                            + " APPLIED with only " + before + " usable");
                }
                if (r.stock() == null || r.stock().onHand() != after || r.stock().usable() != after) {
                    problems.add(op.opId() + " " + op.type() + " " + op.qty() + " of " + op.sku() + " answered "
                            + r.stock() + ", expected onHand = usable = " + after + " (lost or doubled operation)");
                }
                expected.put(op.sku(), after);
                APPLIED.incrementAndGet();
                if (sent > killedAt) {
                    recoveredAt.compareAndSet(0, System.nanoTime());
                }
            } else if (!ResultCodes.INSUFFICIENT_STOCK.equals(r.code()) || before + delta >= 0) {
                problems.add(op.opId() + " " + op.type() + " " + op.qty() + " of " + op.sku() + " answered "
                        + r.status() + " " + r.code() + " " + r.message() + " with " + before + " usable");
            }
            finalAnswers.put(op.opId(), first.name());
        }

        private Operation nextOperation() {
            String sku = skus.get(random.nextInt(skus.size()));
            boolean receive = random.nextInt(100) < 45;
            return Operation.builder().opId(OperationIds.newId()).tenant("acme").warehouse("SH01")
                    .type(receive ? OperationType.RECEIVE : OperationType.PICK).sku(sku)
                    .qty(1 + random.nextInt(receive ? 6 : 5)).deviceId("pda-" + getName()).operator("u-1")
                    .occurredAt(Instant.now().toString()).build();
        }

        private void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                finishing = true;
                outbox.clear();
            }
        }
    }
}
