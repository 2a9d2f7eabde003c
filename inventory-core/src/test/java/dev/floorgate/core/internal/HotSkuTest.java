package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Never oversell (DESIGN.md guarantee 4): 32 concurrent clients reserve one unit at a time against stock N, over
 * signed HTTP, on one Redis and on a 3-master Redis Cluster started here. Exactly N succeed; MySQL and the ledger
 * agree after the write-back, and reconciliation finds nothing.
 */
class HotSkuTest {
    private static final int CLIENTS = 32;
    private static final int ATTEMPTS_PER_CLIENT = 10;
    private static final int STOCK = 200;

    @Test
    void onOneRedisExactlyNReservationsSucceed() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone()) {
            hotSku(redis);
        }
    }

    @Test
    void onARedisClusterExactlyNReservationsSucceed() throws Exception {
        try (RedisProcess redis = RedisProcess.cluster(3)) {
            hotSku(redis);
        }
    }

    private void hotSku(RedisProcess redis) throws Exception {
        try (TestDatabase db = new TestDatabase();
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            core.seed(core.acme, "acme", "SH01", "HOT-1", "OTHER-1", "OTHER-2");
            assertThat(apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "HOT-1", STOCK)).stock())
                    .isEqualTo(new StockLevels(STOCK, STOCK, 0));

            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<OperationResult>>> futures = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    CoreClient http = new CoreClient(core.base, new RequestSigner("gw-acme",
                            "acme-secret-0123456789"));
                    go.await();
                    List<OperationResult> mine = new ArrayList<>();
                    for (int i = 0; i < ATTEMPTS_PER_CLIENT; i++) {
                        mine.add(apply(http, op("acme", "SH01", OperationType.RESERVE, "HOT-1", 1).toBuilder()
                                .orderNo("SO-" + client + "-" + i).build()));
                        // Unrelated records in other slots, so the cluster run really spans nodes.
                        apply(http, op("acme", "SH01", OperationType.RECEIVE, i % 2 == 0 ? "OTHER-1" : "OTHER-2", 1));
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<OperationResult> all = new ArrayList<>();
            for (Future<List<OperationResult>> f : futures) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            pool.shutdown();

            long applied = all.stream().filter(r -> r.status() == ResultStatus.APPLIED).count();
            long refused = all.stream().filter(r -> r.status() == ResultStatus.REJECTED
                    && ResultCodes.INSUFFICIENT_STOCK.equals(r.code())).count();
            assertThat(applied).isEqualTo(STOCK);
            assertThat(refused).isEqualTo((long) CLIENTS * ATTEMPTS_PER_CLIENT - STOCK);
            assertThat(all).allSatisfy(r -> {
                if (r.stock() != null) {
                    assertThat(r.stock().usable()).isGreaterThanOrEqualTo(0);
                }
            });
            StockLevels end = core.bean(OperationEngine.class).stock("acme", "SH01", "HOT-1").orElseThrow();
            assertThat(end).isEqualTo(new StockLevels(STOCK, 0, STOCK));

            core.awaitWriteBack(Duration.ofSeconds(30));
            assertThat(db.query("SELECT on_hand, usable, reserved FROM stock WHERE sku = 'HOT-1'").get(0))
                    .containsEntry("on_hand", (long) STOCK).containsEntry("usable", 0L)
                    .containsEntry("reserved", (long) STOCK);
            assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE sku = 'HOT-1' AND type = 'RESERVE' "
                    + "AND status = 'APPLIED'")).isEqualTo(STOCK);
            assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE sku = 'HOT-1' AND type = 'RESERVE' "
                    + "AND status = 'REJECTED' AND code = 'INSUFFICIENT_STOCK'"))
                    .isEqualTo((long) CLIENTS * ATTEMPTS_PER_CLIENT - STOCK);
            assertThat(db.count("SELECT COALESCE(SUM(reserved), 0) FROM reservations WHERE sku = 'HOT-1' "
                    + "AND state = 'R'")).isEqualTo(STOCK);
            assertThat(db.count("SELECT on_hand FROM stock WHERE sku = 'OTHER-1'"))
                    .isEqualTo((long) CLIENTS * ATTEMPTS_PER_CLIENT / 2);
            ReconcileReport report = core.bean(Reconciler.class).run("test");
            assertThat(report.differences()).isEmpty();
            assertThat(report.records()).isEqualTo(3);
        }
    }
}
