package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static dev.floorgate.core.internal.CoreHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several core instances on one Redis and one database (issue 14 item 4): three cores in one JVM, each its own
 * ApplicationContext and port. The write-back writes every event exactly once with three consumers, also when an
 * instance stops with events pending (another claims them), and stopped consumers leave the group.
 */
class CoreFleetTest {
    private static final String[] SKUS = {"SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5", "SKU-6"};

    private static Map<String, Object> fleetSettings() {
        Map<String, Object> p = new HashMap<>();
        p.put("fg.core.writeback.claim-idle", "1s");
        p.put("fg.core.writeback.consumer-expiry", "2s");
        p.put("fg.core.job-lease-ttl", "1500ms");
        return p;
    }

    @Test
    void threeInstancesWriteEveryEventExactlyOnceWithDistinctConsumers() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase()) {
            List<CoreHarness> cores = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Map<String, Object> settings = fleetSettings();
                    settings.put("fg.core.writeback.consumer-expiry", "1h"); // names stay to be counted below
                    cores.add(CoreHarness.start(redis.uri(), db, settings));
                }
                cores.get(0).seed(cores.get(0).acme, "acme", "SH01", SKUS);
                Set<String> consumers = new HashSet<>();
                for (CoreHarness c : cores) {
                    consumers.add(c.bean(WriteBackWorker.class).consumer());
                }
                assertThat(consumers).as("each instance its own consumer name by default").hasSize(3);

                int perCore = 300;
                ExecutorService pool = Executors.newFixedThreadPool(3);
                List<Future<Integer>> done = new ArrayList<>();
                for (CoreHarness c : cores) {
                    done.add(pool.submit(() -> receiveOneByOne(c, perCore, 10)));
                }
                int applied = 0;
                for (Future<Integer> f : done) {
                    applied += f.get();
                }
                pool.shutdown();
                assertThat(applied).isEqualTo(3 * perCore);
                for (CoreHarness c : cores) {
                    c.awaitWriteBack(Duration.ofSeconds(60));
                }
                assertExactlyOnce(db, 3 * perCore);
                // the instances shared the work: the group delivered events to more than one of the names
                String info = consumersOfAllBuckets(redis.ports().get(0));
                int named = 0;
                for (String consumer : consumers) {
                    named += info.contains(consumer) ? 1 : 0;
                }
                assertThat(named).as("consumers of the group: " + info).isGreaterThanOrEqualTo(2);
            } finally {
                for (CoreHarness c : cores) {
                    c.close();
                }
            }
        }
    }

    @Test
    void anInstanceStoppedWithEventsPendingHasThemClaimedAndItsNameForgotten() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase();
                TcpProxy mysqlOfC = new TcpProxy(3306)) {
            CoreHarness a = CoreHarness.start(redis.uri(), db, fleetSettings());
            CoreHarness b = CoreHarness.start(redis.uri(), db, fleetSettings());
            String viaProxy = "jdbc:mariadb://127.0.0.1:" + mysqlOfC.port() + "/" + db.name()
                    + "?createDatabaseIfNotExist=true";
            Map<String, Object> cSettings = fleetSettings();
            cSettings.put("fg.mysql.timeout", "1s");
            CoreHarness c = CoreHarness.start(redis.uri(), viaProxy, cSettings);
            String cName = c.bean(WriteBackWorker.class).consumer();
            int port = redis.ports().get(0);
            try {
                a.seed(a.acme, "acme", "SH01", SKUS);
                a.awaitWriteBack(Duration.ofSeconds(30));
                // C's database goes away: its write-back rounds fail and what it read stays pending at its name
                mysqlOfC.cut();
                int posted = 0;
                for (int round = 0; round < 200 && pendingAt(a, cName) == 0; round++) {
                    posted += receiveOneByOne(a, 20, 1);
                }
                long heldByC = pendingAt(a, cName);
                assertThat(heldByC).as("events pending at the instance about to stop").isGreaterThan(0);
                posted += receiveOneByOne(a, 50, 1);

                c.close(); // the instance stops for good with its events pending

                waitFor(() -> pendingAt(a, cName) == 0, Duration.ofSeconds(30),
                        "the stopped instance's pending events to be claimed");
                a.awaitWriteBack(Duration.ofSeconds(60));
                b.awaitWriteBack(Duration.ofSeconds(60));
                assertExactlyOnce(db, posted);
                waitFor(() -> !consumersOfAllBuckets(port).contains(cName), Duration.ofSeconds(30),
                        "the stopped consumer to leave the group");
                // Redis 7.0 counts a consumer idle since its last delivery, so live but idle names are removed too
                // (nothing pending, by the script's condition): their next read makes them again and loses nothing
                posted += receiveOneByOne(b, 120, 10);
                a.awaitWriteBack(Duration.ofSeconds(60));
                assertExactlyOnce(db, posted);
            } finally {
                a.close();
                b.close();
                if (c.ctx.isRunning()) {
                    c.close();
                }
            }
        }
    }

    /** RECEIVE qty 1 on the SKUs in turn, {@code perBatch} operations per call; returns how many were APPLIED. */
    static int receiveOneByOne(CoreHarness core, int count, int perBatch) {
        int applied = 0;
        for (int i = 0; i < count; i += perBatch) {
            List<Operation> ops = new ArrayList<>();
            for (int j = i; j < Math.min(count, i + perBatch); j++) {
                ops.add(op("acme", "SH01", OperationType.RECEIVE, SKUS[j % SKUS.length], 1));
            }
            for (OperationResult r : apply(core.acme, ops)) {
                if (r.status() == ResultStatus.APPLIED) {
                    applied++;
                } else {
                    throw new AssertionError("operation not applied: " + r);
                }
            }
        }
        return applied;
    }

    /** Every applied RECEIVE is one ledger row, and MySQL's on-hand figures add up to the number applied. */
    static void assertExactlyOnce(TestDatabase db, int applied) throws Exception {
        long rows = db.count("SELECT COUNT(*) FROM ledger WHERE type = 'RECEIVE' AND tenant = 'acme'");
        long distinct = db.count("SELECT COUNT(DISTINCT op_id) FROM ledger WHERE type = 'RECEIVE' AND tenant = 'acme'");
        long onHand = db.count("SELECT COALESCE(SUM(on_hand), 0) FROM stock WHERE tenant = 'acme'");
        assertThat(rows).as("ledger rows").isEqualTo(applied);
        assertThat(distinct).as("distinct op ids").isEqualTo(applied);
        assertThat(onHand).as("on hand in MySQL").isEqualTo(applied);
    }

    /** Events pending at one consumer, summed over the buckets (read through a live core's Redis client). */
    static long pendingAt(CoreHarness via, String consumer) {
        RedisConnector redis = via.bean(RedisConnector.class);
        long n = 0;
        for (Bucket b : via.bean(KeyLayout.class).bucketsOf(via.bean(TenantRegistry.class).fresh())) {
            Long count = redis.await(redis.async().xpending(b.stream(), KeyLayout.GROUP))
                    .getConsumerMessageCount().get(consumer);
            n += count == null ? 0 : count;
        }
        return n;
    }

    private static String consumersOfAllBuckets(int port) {
        StringBuilder all = new StringBuilder();
        try {
            for (int b = 0; b < 16; b++) {
                all.append(RedisProcess.command(port, "XINFO", "CONSUMERS", KeyLayout.stream("acme", b),
                        KeyLayout.GROUP));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return all.toString();
    }
}
