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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The write-back's crash argument, tested: a worker dies between the MySQL commit and the stream acknowledgement,
 * a new one re-reads the pending events, and nothing is doubled. With the worker stopped, a record that vanishes
 * from Redis is loaded back including the events MySQL has not seen yet, and a lost result is found in the stream.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteBackCrashTest {
    private static final String LEDGER_ROWS = "SELECT COUNT(*) FROM ledger WHERE sku IN ('SKU-1', 'SKU-2')";
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    /** Stands for kill -9 at the commit point: not an Exception, so nothing in the worker handles it. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;

        SimulatedCrash() {
            super("simulated crash between MySQL commit and XACK");
        }
    }

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.writeback.enabled", "false"));
        core.seed(core.acme, "acme", "SH01", "SKU-1", "SKU-2", "SKU-3", "SKU-4");
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    @Test
    void aWorkerKilledBetweenCommitAndAckIsReplacedAndNothingIsDoubled() throws Exception {
        drain(); // what other tests left in the streams
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ops.add(op("acme", "SH01", OperationType.RECEIVE, "SKU-" + (1 + i % 2), 5));
            ops.add(op("acme", "SH01", OperationType.RESERVE, "SKU-" + (1 + i % 2), 2).toBuilder()
                    .orderNo("SO-" + i).build());
            ops.add(op("acme", "SH01", OperationType.PICK, "SKU-" + (1 + i % 2), 1).toBuilder()
                    .orderNo("SO-" + i).build());
        }
        assertThat(apply(core.acme, ops)).extracting(OperationResult::status).containsOnly(ResultStatus.APPLIED);

        WriteBackWorker doomed = worker(() -> {
            throw new SimulatedCrash();
        }).start();
        CoreHarness.waitFor(() -> !doomed.isAlive(), Duration.ofSeconds(20), "the worker to die at its commit point");
        doomed.close();
        assertThat(db.count(LEDGER_ROWS)).as("committed before the crash").isEqualTo(60);
        assertThat(pendingEvents()).as("not acknowledged").isEqualTo(60);

        WriteBackWorker successor = worker(() -> { }).start();
        try {
            core.awaitWriteBack(Duration.ofSeconds(20));
        } finally {
            successor.close();
        }

        assertThat(db.count(LEDGER_ROWS)).isEqualTo(60);
        assertThat(db.count("SELECT COUNT(DISTINCT op_id) FROM ledger WHERE sku IN ('SKU-1', 'SKU-2')"))
                .isEqualTo(60);
        assertThat(pendingEvents()).isZero();
        for (String sku : List.of("SKU-1", "SKU-2")) {
            StockLevels redisSide = core.bean(OperationEngine.class).stock("acme", "SH01", sku).orElseThrow();
            assertThat(redisSide).isEqualTo(new StockLevels(40, 30, 10));
            assertThat(db.query("SELECT on_hand, usable, reserved, seq FROM stock WHERE sku = ?", sku).get(0))
                    .containsEntry("on_hand", 40L).containsEntry("usable", 30L).containsEntry("reserved", 10L)
                    .containsEntry("seq", 30L);
        }
        assertThat(db.count("SELECT SUM(reserved) FROM reservations WHERE state = 'R' "
                + "AND sku IN ('SKU-1', 'SKU-2')")).isEqualTo(20);
        assertThat(db.count("SELECT SUM(picked) FROM reservations WHERE sku IN ('SKU-1', 'SKU-2')")).isEqualTo(20);
        assertThat(core.bean(Reconciler.class).run("test").differenceCount()).isZero();
    }

    @Test
    void aRecordLostFromRedisIsLoadedWithTheEventsMysqlHasNotSeenYet() throws Exception {
        apply(core.acme, List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-3", 10),
                op("acme", "SH01", OperationType.RESERVE, "SKU-3", 4).toBuilder().orderNo("SO-L").build()));
        // MySQL knows nothing yet (no worker); the record's hash and its order's hash disappear from Redis.
        KeyLayout keys = core.bean(KeyLayout.class);
        String rec = KeyLayout.recordId("acme", "SH01", "SKU-3");
        RedisProcess.command(redis.ports().get(0), "DEL", keys.stockKey(rec), keys.orderKey(rec, "SO-L"));

        OperationResult pick = apply(core.acme, op("acme", "SH01", OperationType.PICK, "SKU-3", 4).toBuilder()
                .orderNo("SO-L").build());

        assertThat(pick.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(pick.stock()).isEqualTo(new StockLevels(6, 6, 0));
        drain();
        assertThat(db.query("SELECT on_hand, usable, reserved, seq FROM stock WHERE sku = 'SKU-3'").get(0))
                .containsEntry("on_hand", 6L).containsEntry("usable", 6L).containsEntry("reserved", 0L)
                .containsEntry("seq", 3L);
    }

    @Test
    void aResultLostBeforeTheWriteBackIsFoundInTheStream() throws Exception {
        Operation receive = op("acme", "SH01", OperationType.RECEIVE, "SKU-4", 3);
        OperationResult first = apply(core.acme, receive);
        KeyLayout keys = core.bean(KeyLayout.class);
        String rec = KeyLayout.recordId("acme", "SH01", "SKU-4");
        RedisProcess.command(redis.ports().get(0), "DEL", keys.opKey(keys.bucket(rec), receive.opId()));
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE op_id = ?", receive.opId())).isZero();

        OperationResult again = apply(core.acme, receive);

        assertThat(again).isEqualTo(OperationResult.duplicateOf(first));
        assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "SKU-4")).contains(new StockLevels(3, 3, 0));
    }

    private void drain() {
        WriteBackWorker worker = worker(() -> { }).start();
        try {
            core.awaitWriteBack(Duration.ofSeconds(20));
        } finally {
            worker.close();
        }
    }

    private WriteBackWorker worker(Runnable afterCommit) {
        CoreConfiguration.WriteBack wb = core.bean(CoreConfiguration.class).getWriteback();
        return new WriteBackWorker(core.bean(RedisConnector.class), core.bean(TenantRegistry.class)::buckets,
                core.bean(WriteBackWriter.class), core.bean(Scripts.class).trim(), core.bean(CoreMetrics.class),
                "core-1", wb.getBatchSize(), Duration.ofMillis(5), Duration.ofMillis(200), Duration.ofSeconds(60),
                afterCommit);
    }

    private long pendingEvents() {
        RedisConnector redisConnector = core.bean(RedisConnector.class);
        long total = 0;
        for (int b = 0; b < core.bean(KeyLayout.class).buckets(); b++) {
            total += redisConnector.await(redisConnector.async().xpending(KeyLayout.stream("acme", b), KeyLayout.GROUP))
                    .getCount();
        }
        return total;
    }
}
