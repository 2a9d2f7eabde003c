package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.core.CoreConfiguration;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The upgrade from Redis key layout 1 ({@code {fg:<bucket>}}) to 2 ({@code {fg:<tenant>:<bucket>}}), issue 17 item 4
 * (RedisLayoutUpgrade): a Redis written by the old names, with events written back, events pending at a stopped
 * consumer and events never delivered, and two new cores starting on it at once.
 */
class RedisLayoutUpgradeTest {
    private static final Pattern LAYOUT_1_KEY = Pattern.compile("fg:\\{fg:[0-9]+\\}:.*");

    @Test
    void twoNewCoresOnALayoutOneRedisWriteEveryOperationOnceAndAnswerReplaysFromTheLedger() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase()) {
            int port = redis.ports().get(0);
            List<Operation> acmeOps = new ArrayList<>();
            List<Operation> betaOps = new ArrayList<>();
            List<OperationResult> acmeResults = new ArrayList<>();
            List<OperationResult> betaResults = new ArrayList<>();
            try (CoreHarness old = CoreHarness.start(redis.uri(), db, Map.of("fg.core.writeback.enabled", "false"))) {
                old.seed(old.acme, "acme", "SH01", "SKU-1", "SKU-2", "SKU-3");
                old.seed(old.multi, "beta", "SH01", "SKU-1", "SKU-2");
                OperationEngine layout1 = layoutOneEngine(old);
                // part 1, then written back by a layout-1 write-back as the old version would have
                acmeOps.addAll(List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 10),
                        reserve("acme", "SKU-1", 4, "SO-1"), op("acme", "SH01", OperationType.RECEIVE, "SKU-2", 5)));
                betaOps.addAll(List.of(op("beta", "SH01", OperationType.RECEIVE, "SKU-1", 7)));
                acmeResults.addAll(layout1.apply(acmeOps));
                betaResults.addAll(layout1.apply(betaOps));
                assertThat(acmeResults).as(acmeResults.toString()).extracting(OperationResult::status)
                        .containsOnly(ResultStatus.APPLIED);
                WriteBackWorker oldWorker = layoutOneWorker(old, "old-core-a");
                assertThat(oldWorker.drain()).as("part 1 written back by layout 1").isEqualTo(4);
                // part 2: some read by another old instance that stopped before its commit, the rest never read
                List<Operation> acme2 = List.of(op("acme", "SH01", OperationType.PICK, "SKU-2", 2),
                        op("acme", "SH01", OperationType.RECEIVE, "SKU-3", 6), reserve("acme", "SKU-3", 1, "SO-2"),
                        op("acme", "SH01", OperationType.PICK, "SKU-2", 9));
                List<Operation> beta2 = List.of(op("beta", "SH01", OperationType.PICK, "SKU-1", 3),
                        op("beta", "SH01", OperationType.RECEIVE, "SKU-2", 2));
                acmeResults.addAll(layout1.apply(acme2.subList(0, 1)));
                betaResults.addAll(layout1.apply(beta2.subList(0, 1)));
                for (Bucket b : new KeyLayout(16, 1).bucketsOf(List.of())) {
                    RedisProcess.command(port, "XREADGROUP", "GROUP", KeyLayout.GROUP, "old-core-b", "COUNT", "10",
                            "STREAMS", b.stream(), ">");
                }
                acmeResults.addAll(layout1.apply(acme2.subList(1, 4)));
                betaResults.addAll(layout1.apply(beta2.subList(1, 2)));
                acmeOps.addAll(acme2);
                betaOps.addAll(beta2);
                assertThat(acmeResults).extracting(OperationResult::status).containsExactly(ResultStatus.APPLIED,
                        ResultStatus.APPLIED, ResultStatus.APPLIED, ResultStatus.APPLIED, ResultStatus.APPLIED,
                        ResultStatus.APPLIED, ResultStatus.REJECTED);
                // what a layout-1 database and Redis look like: no layout row, no tenant set, old names only
                try (var c = db.connect(); var s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM core_meta WHERE name = 'redis-layout'");
                }
                RedisProcess.command(port, "DEL", KeyLayout.TENANTS);
                assertThat(layoutOneKeys(port)).as("layout-1 keys before the upgrade").hasSizeGreaterThan(10);
                assertThat(RedisProcess.command(port, "KEYS", "fg:{fg:acme:*")).as("no layout-2 keys yet")
                        .startsWith("*0");
            }
            List<Operation> all = new ArrayList<>(acmeOps);
            all.addAll(betaOps);
            assertThat(ledgerRows(db, all)).as("only part 1 is in MySQL before the upgrade").isEqualTo(4);

            ExecutorService starting = Executors.newFixedThreadPool(2);
            List<Future<CoreHarness>> started = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                started.add(starting.submit(() -> CoreHarness.start(redis.uri(), db, Map.of())));
            }
            try (CoreHarness a = started.get(0).get(); CoreHarness b = started.get(1).get()) {
                starting.shutdown();
                assertThat(List.of(a.bean(RedisLayoutUpgrade.Outcome.class).upgradedHere(),
                        b.bean(RedisLayoutUpgrade.Outcome.class).upgradedHere())).as("upgraded by exactly one")
                        .containsExactlyInAnyOrder(true, false);
                assertThat(db.query("SELECT value FROM core_meta WHERE name = 'redis-layout'").get(0))
                        .containsEntry("value", "2");
                assertThat(layoutOneKeys(port)).as("layout-1 keys after the upgrade").isEmpty();
                assertThat(ledgerRows(db, all)).as("every operation in MySQL once").isEqualTo(all.size());
                assertThat(db.count("SELECT COUNT(*) FROM ledger")).isEqualTo(all.size());

                List<OperationResult> acmeReplays = apply(a.acme, acmeOps);
                List<OperationResult> betaReplays = apply(b.multi, betaOps);
                for (int i = 0; i < acmeOps.size(); i++) {
                    assertThat(acmeReplays.get(i)).as("replay of acme op " + i)
                            .isEqualTo(OperationResult.duplicateOf(acmeResults.get(i)));
                }
                for (int i = 0; i < betaOps.size(); i++) {
                    assertThat(betaReplays.get(i)).as("replay of beta op " + i)
                            .isEqualTo(OperationResult.duplicateOf(betaResults.get(i)));
                }
                OperationEngine engine = a.bean(OperationEngine.class);
                assertThat(engine.stock("acme", "SH01", "SKU-1")).contains(new StockLevels(10, 6, 4));
                assertThat(engine.stock("acme", "SH01", "SKU-2")).contains(new StockLevels(3, 3, 0));
                assertThat(engine.stock("acme", "SH01", "SKU-3")).contains(new StockLevels(6, 5, 1));
                assertThat(engine.stock("beta", "SH01", "SKU-1")).contains(new StockLevels(4, 4, 0));
                assertThat(engine.stock("beta", "SH01", "SKU-2")).contains(new StockLevels(2, 2, 0));
                // the reservations came back from MySQL: both orders can be picked, and nothing more
                OperationResult pick1 = apply(b.acme, pick("acme", "SKU-1", 4, "SO-1"));
                OperationResult pick2 = apply(a.acme, pick("acme", "SKU-3", 1, "SO-2"));
                assertThat(pick1.status()).as(pick1.toString()).isEqualTo(ResultStatus.APPLIED);
                assertThat(pick1.stock()).isEqualTo(new StockLevels(6, 6, 0));
                assertThat(pick2.stock()).isEqualTo(new StockLevels(5, 5, 0));
                assertThat(apply(a.acme, pick("acme", "SKU-1", 1, "SO-1")).status()).as("SO-1 fully picked")
                        .isEqualTo(ResultStatus.REJECTED);
                assertThat(RedisProcess.command(port, "EXISTS", a.bean(KeyLayout.class).stockKey(
                        KeyLayout.recordId("acme", "SH01", "SKU-1")))).as("reloaded under acme's tag").contains(":1");

                a.awaitWriteBack(Duration.ofSeconds(20));
                assertThat(db.count("SELECT COUNT(*) FROM ledger")).isEqualTo(all.size() + 3);
                assertThat(a.bean(Reconciler.class).run("test").differenceCount()).isZero();
            }
        }
    }

    private static Operation reserve(String tenant, String sku, long qty, String order) {
        return op(tenant, "SH01", OperationType.RESERVE, sku, qty).toBuilder().orderNo(order).build();
    }

    private static Operation pick(String tenant, String sku, long qty, String order) {
        return op(tenant, "SH01", OperationType.PICK, sku, qty).toBuilder().orderNo(order).build();
    }

    /** The hot path with layout-1 names: the engine and scripts of today, keys named as before the upgrade. */
    private static OperationEngine layoutOneEngine(CoreHarness core) {
        KeyLayout old = new KeyLayout(16, 1);
        RedisConnector redis = core.bean(RedisConnector.class);
        Scripts scripts = core.bean(Scripts.class);
        CoreConfiguration config = core.bean(CoreConfiguration.class);
        TenantRegistry registry = new TenantRegistry(redis, old, 100); // layout 1: creates the 16 shared groups
        ColdLoader loader = new ColdLoader(redis, old, registry, core.bean(LedgerStore.class), scripts.load(),
                config.getIdempotencyTtl().toMillis());
        return new OperationEngine(redis, old, scripts.apply(), loader, core.bean(LedgerStore.class),
                core.bean(MasterDataStore.class), core.bean(LoadShedder.class), core.bean(CoreMetrics.class),
                core.bean(KeyRing.class).tenants(), config.getIdempotencyTtl().toMillis(),
                config.getClockSkewMargin().toMillis(), System::currentTimeMillis, tenant -> false, registry);
    }

    private static WriteBackWorker layoutOneWorker(CoreHarness core, String consumer) {
        List<Bucket> buckets = new KeyLayout(16, 1).bucketsOf(List.of());
        return new WriteBackWorker(core.bean(RedisConnector.class), () -> buckets, core.bean(WriteBackWriter.class),
                core.bean(Scripts.class).trim(), core.bean(CoreMetrics.class), consumer, 500, Duration.ofMillis(5),
                Duration.ofHours(1), Duration.ofHours(1), () -> { });
    }

    private static List<String> layoutOneKeys(int port) throws Exception {
        List<String> found = new ArrayList<>();
        for (String line : RedisProcess.command(port, "KEYS", "fg:*").split("\r\n")) {
            if (LAYOUT_1_KEY.matcher(line).matches()) {
                found.add(line);
            }
        }
        return found;
    }

    private static long ledgerRows(TestDatabase db, List<Operation> ops) throws Exception {
        long rows = 0;
        for (Operation op : ops) {
            long n = db.count("SELECT COUNT(*) FROM ledger WHERE op_id = ?", op.opId());
            assertThat(n).as("ledger rows of " + op.opId()).isLessThanOrEqualTo(1);
            rows += n;
        }
        return rows;
    }
}
