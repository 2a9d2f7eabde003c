package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Several core instances on one Redis Cluster (issue 14 item 4 on a cluster): three cores in one JVM against a
 * cluster of 3 masters with one replica each and one MariaDB, gateway-like clients ({@link FleetGateway}) spread
 * over 48 SKUs (so over the 16 write-back buckets and all three masters) and sending each batch to any live
 * instance. One instance stops mid-load with write-back events pending at its consumer name (its MySQL link is cut
 * first); the others claim them. At the end every final answer is one ledger row, and Redis, the MySQL stock table
 * and the ledger sum agree with the figures each client computed.
 */
class ClusterFleetTest {
    static final int GATEWAYS = 8;
    static final int SKUS_EACH = 6;

    static Map<String, Object> fleetSettings() {
        Map<String, Object> p = new HashMap<>();
        p.put("fg.core.writeback.claim-idle", "1s");
        p.put("fg.core.writeback.consumer-expiry", "1h");
        p.put("fg.core.job-lease-ttl", "3s");
        p.put("fg.redis.timeout", "1s");
        return p;
    }

    @Test
    void threeInstancesOnAClusterLoseNothingWhenOneStopsWithEventsPending() throws Exception {
        long seed = Long.getLong("fg.cluster.seed", System.nanoTime());
        System.out.println("ClusterFleetTest: seed " + seed);
        try (RedisProcess redis = RedisProcess.cluster(3, 1, 5000);
                TestDatabase db = new TestDatabase("fg_cluster_");
                TcpProxy mysqlOfC = new TcpProxy(3306)) {
            CoreHarness a = CoreHarness.start(redis.uri(), db, fleetSettings());
            CoreHarness b = CoreHarness.start(redis.uri(), db, fleetSettings());
            Map<String, Object> cSettings = fleetSettings();
            cSettings.put("fg.mysql.timeout", "1s");
            CoreHarness c = CoreHarness.start(redis.uri(), "jdbc:mariadb://127.0.0.1:" + mysqlOfC.port() + "/"
                    + db.name() + "?createDatabaseIfNotExist=true", cSettings);
            String cName = c.bean(WriteBackWorker.class).consumer();
            List<CoreHarness> live = new CopyOnWriteArrayList<>(List.of(a, b, c));
            List<FleetGateway> gateways = new ArrayList<>();
            try {
                Random random = new Random(seed);
                gateways = startGateways(a, live, random);
                awaitApplied(gateways, 150);
                mysqlOfC.cut(); // C's write-back rounds fail from here; what it read stays pending at its name
                waitFor(() -> CoreFleetTest.pendingAt(a, cName) > 0, Duration.ofSeconds(30),
                        "events pending at the instance about to stop");
                long heldByC = CoreFleetTest.pendingAt(a, cName);
                live.remove(c);
                c.close(); // mid-load: the clients' calls to it fail and are resent to A or B
                System.out.println("ClusterFleetTest: instance C stopped with " + heldByC + " events pending");
                awaitApplied(gateways, total(gateways) + 300);
                for (FleetGateway g : gateways) {
                    g.finish();
                }
                for (FleetGateway g : gateways) {
                    g.join(120_000);
                    assertThat(g.isAlive()).as("gateway thread done").isFalse();
                }
                waitFor(() -> CoreFleetTest.pendingAt(a, cName) == 0, Duration.ofSeconds(30),
                        "the stopped instance's pending events to be claimed");
                a.awaitWriteBack(Duration.ofSeconds(60));
                b.awaitWriteBack(Duration.ofSeconds(60));

                List<String> problems = new ArrayList<>();
                gateways.forEach(g -> problems.addAll(g.problems));
                assertThat(problems).as("answers that contradict the expected figures").isEmpty();
                assertLedgerMatches(db, gateways, a);
                assertStreamsOfEveryMasterDrained(redis, a, gateways);
                long failed = gateways.stream().mapToLong(g -> g.failedCalls.get()).sum();
                System.out.println("ClusterFleetTest: " + total(gateways) + " operations APPLIED through 3 instances "
                        + "(" + failed + " calls failed and resent), " + heldByC + " events claimed from the stopped "
                        + "instance, 0 lost, 0 applied twice");
            } finally {
                gateways.forEach(FleetGateway::finish);
                a.close();
                b.close();
                if (c.ctx.isRunning()) {
                    c.close();
                }
            }
        }
    }

    /** Seeds the SKUs through {@code seeder} and starts one client per SKU group, each batch to a random live core. */
    static List<FleetGateway> startGateways(CoreHarness seeder, List<CoreHarness> live, Random random) {
        List<FleetGateway> gateways = new ArrayList<>();
        for (int g = 0; g < GATEWAYS; g++) {
            List<String> skus = new ArrayList<>();
            for (int s = 0; s < SKUS_EACH; s++) {
                skus.add("CL-" + g + "-" + s);
            }
            seeder.seed(seeder.acme, "acme", "SH01", skus.toArray(new String[0]));
            Random own = new Random(random.nextLong());
            Random pick = new Random(random.nextLong());
            gateways.add(new FleetGateway(() -> live.get(pick.nextInt(live.size())).acme, skus, own));
        }
        gateways.forEach(Thread::start);
        return gateways;
    }

    static long total(List<FleetGateway> gateways) {
        return gateways.stream().mapToLong(g -> g.applied.get()).sum();
    }

    static void awaitApplied(List<FleetGateway> gateways, long n) {
        waitFor(() -> total(gateways) >= n, Duration.ofSeconds(120), n + " operations APPLIED");
    }

    /** One ledger row per final answer with its status; per SKU Redis, MySQL stock and the ledger sum agree. */
    static void assertLedgerMatches(TestDatabase db, List<FleetGateway> gateways, CoreHarness via) throws Exception {
        Map<String, String> answered = new LinkedHashMap<>();
        gateways.forEach(g -> answered.putAll(g.finalAnswers));
        Map<String, String> ledger = new LinkedHashMap<>();
        for (Map<String, Object> row : db.query("SELECT op_id, status FROM ledger WHERE tenant = 'acme'")) {
            ledger.put((String) row.get("op_id"), (String) row.get("status"));
        }
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE tenant = 'acme'")).as("ledger rows (one per opId)")
                .isEqualTo(answered.size());
        assertThat(ledger).as("every final answer is in the ledger, once, with the same status").isEqualTo(answered);
        for (FleetGateway g : gateways) {
            for (String sku : g.skus) {
                long expected = g.expected.get(sku);
                CoreClient.Reply stock = via.acme.get("/v1/stock/acme/SH01/" + sku);
                CoreHarness.require(stock, 200);
                Map<String, Object> figures = via.json(stock.body());
                assertThat(((Number) figures.get("onHand")).longValue()).as("Redis onHand " + sku)
                        .isEqualTo(expected);
                assertThat(db.count("SELECT on_hand FROM stock WHERE tenant = 'acme' AND warehouse = 'SH01' AND "
                        + "sku = ?", sku)).as("MySQL on_hand " + sku).isEqualTo(expected);
                assertThat(db.count("SELECT COALESCE(SUM(CASE type WHEN 'RECEIVE' THEN qty ELSE -qty END), 0) FROM "
                        + "ledger WHERE tenant = 'acme' AND sku = ? AND status = 'APPLIED'", sku))
                        .as("ledger total of " + sku).isEqualTo(expected);
            }
        }
    }

    /**
     * The write-back streams live on every master (so the write-back read all of them to get here), and no stream
     * has an event pending at any consumer.
     */
    static void assertStreamsOfEveryMasterDrained(RedisProcess redis, CoreHarness via, List<FleetGateway> gateways)
            throws Exception {
        KeyLayout keys = via.bean(KeyLayout.class);
        Set<Integer> bucketsUsed = new HashSet<>();
        gateways.forEach(g -> g.skus.forEach(s -> bucketsUsed.add(keys.bucketOf(KeyLayout.recordId("acme", "SH01",
                s)))));
        int anyLive = redis.masterPorts(firstLive(redis)).get(0);
        Map<Integer, Integer> bucketsPerMaster = new HashMap<>();
        for (int master : redis.masterPorts(anyLive)) {
            for (int bucket : bucketsUsed) {
                String reply = RedisProcess.command(master, "XPENDING", KeyLayout.stream("acme", bucket),
                        KeyLayout.GROUP);
                if (reply.startsWith("-MOVED")) {
                    continue; // another master's stream
                }
                bucketsPerMaster.merge(master, 1, Integer::sum);
                assertThat(reply).as("XPENDING of bucket " + bucket + " on master " + master).startsWith("*4\r\n:0");
            }
        }
        assertThat(bucketsPerMaster).as("buckets with operations per master").hasSize(3);
        assertThat(bucketsPerMaster.values().stream().mapToInt(Integer::intValue).sum()).as("buckets checked")
                .isEqualTo(bucketsUsed.size());
    }

    private static int firstLive(RedisProcess redis) {
        for (int port : redis.ports()) {
            try {
                if (RedisProcess.command(port, "PING").contains("PONG")) {
                    return port;
                }
            } catch (java.io.IOException dead) {
                // the killed one
            }
        }
        throw new AssertionError("no live cluster node");
    }
}
