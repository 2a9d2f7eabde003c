package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exactly once at the core (DESIGN.md guarantee 2): repeats answer DUPLICATE with the first result from Redis, and
 * from the MySQL ledger once Redis has forgotten (expired, deleted, flushed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyTest {
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        // A short TTL (and no skew margin) so the test can outlive a Redis result.
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.idempotency-ttl", "3s",
                "fg.core.clock-skew-margin", "0s", "fg.core.reconcile.interval", "500ms"));
        core.seed(core.acme, "acme", "SH01", "SKU-1", "SKU-2", "SKU-3", "SKU-4", "SKU-5");
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    @Test
    void aBatchAppliedTwiceIsAppliedOnceAndAnsweredDuplicateWithTheFirstResults() throws Exception {
        List<Operation> ops = List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 10),
                op("acme", "SH01", OperationType.PICK, "SKU-1", 3),
                op("acme", "SH01", OperationType.COUNT, "SKU-1", 5),
                op("acme", "SH01", OperationType.PICK, "SKU-1", 50));
        List<OperationResult> first = apply(core.acme, ops);
        List<OperationResult> second = apply(core.acme, ops);

        assertThat(first).extracting(OperationResult::status).containsExactly(ResultStatus.APPLIED,
                ResultStatus.APPLIED, ResultStatus.APPLIED, ResultStatus.REJECTED);
        assertThat(first.get(0).stock()).isEqualTo(new StockLevels(10, 10, 0));
        assertThat(first.get(1).stock()).isEqualTo(new StockLevels(7, 7, 0));
        assertThat(first.get(2).delta()).isEqualTo(-2L);
        assertThat(first.get(3).code()).isEqualTo(ResultCodes.INSUFFICIENT_STOCK);
        assertThat(second).extracting(OperationResult::status).containsOnly(ResultStatus.DUPLICATE);
        for (int i = 0; i < ops.size(); i++) {
            assertThat(second.get(i)).isEqualTo(OperationResult.duplicateOf(first.get(i)));
        }
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE tenant = 'acme' AND sku = 'SKU-1'")).isEqualTo(4);
        assertThat(db.query("SELECT on_hand, usable, reserved FROM stock WHERE sku = 'SKU-1'").get(0))
                .containsEntry("on_hand", 5L).containsEntry("usable", 5L).containsEntry("reserved", 0L);
    }

    @Test
    void aReplayAfterTheRedisResultWasDeletedIsAnsweredFromTheLedger() throws Exception {
        Operation receive = op("acme", "SH01", OperationType.RECEIVE, "SKU-2", 7);
        OperationResult first = apply(core.acme, receive);
        core.awaitWriteBack(Duration.ofSeconds(10));
        RedisProcess.command(redis.ports().get(0), "DEL", keys().opKey(keys().bucket(rec("SKU-2")),
                receive.opId()));

        OperationResult again = apply(core.acme, receive);

        assertThat(again).isEqualTo(OperationResult.duplicateOf(first));
        assertThat(again.stock()).isEqualTo(new StockLevels(7, 7, 0));
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE sku = 'SKU-2'")).isEqualTo(1);
        assertThat(db.query("SELECT on_hand FROM stock WHERE sku = 'SKU-2'").get(0)).containsEntry("on_hand", 7L);
    }

    @Test
    void aReplayAfterTheRedisResultExpiredIsAnsweredFromTheLedger() throws Exception {
        Operation receive = op("acme", "SH01", OperationType.RECEIVE, "SKU-3", 4);
        OperationResult first = apply(core.acme, receive);
        core.awaitWriteBack(Duration.ofSeconds(10));
        String opKey = keys().opKey(keys().bucket(rec("SKU-3")), receive.opId());
        CoreHarness.waitFor(() -> exists(opKey) == 0 && exists(KeyLayout.claimKey(receive.opId())) == 0,
                Duration.ofSeconds(10), "the 3 s idempotency TTL to expire the result and the claim");
        Thread.sleep(200);

        OperationResult again = apply(core.acme, receive);

        assertThat(again).isEqualTo(OperationResult.duplicateOf(first));
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE sku = 'SKU-3'")).isEqualTo(1);
        assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "SKU-3")).contains(new StockLevels(4, 4, 0));
    }

    @Test
    void aReplayAfterRedisWasFlushedIsAnsweredFromTheLedgerAndTheStockComesBackFromMysql() throws Exception {
        Operation receive = op("acme", "SH01", OperationType.RECEIVE, "SKU-4", 9);
        Operation pick = op("acme", "SH01", OperationType.PICK, "SKU-4", 2);
        List<OperationResult> first = apply(core.acme, List.of(receive, pick));
        core.awaitWriteBack(Duration.ofSeconds(10));
        redis.onEveryNode("FLUSHALL");

        List<OperationResult> again = apply(core.acme, List.of(receive, pick));
        OperationResult next = apply(core.acme, op("acme", "SH01", OperationType.PICK, "SKU-4", 1));

        assertThat(again).containsExactly(OperationResult.duplicateOf(first.get(0)),
                OperationResult.duplicateOf(first.get(1)));
        assertThat(next.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(next.stock()).isEqualTo(new StockLevels(6, 6, 0));
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE sku = 'SKU-4'")).isEqualTo(3);
        assertThat(db.query("SELECT on_hand, seq FROM stock WHERE sku = 'SKU-4'").get(0))
                .containsEntry("on_hand", 6L).containsEntry("seq", 3L);
    }

    @Test
    void theSameOpIdWithAnotherBodyIsRejectedAsReusedOnTheSameAndOnAnotherRecord() {
        Operation receive = op("acme", "SH01", OperationType.RECEIVE, "SKU-5", 5);
        assertThat(apply(core.acme, receive).status()).isEqualTo(ResultStatus.APPLIED);

        OperationResult sameRecord = apply(core.acme, receive.toBuilder().qty(6L).build());
        OperationResult otherRecord = apply(core.acme, receive.toBuilder().sku("SKU-1").build());

        assertThat(sameRecord.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(sameRecord.code()).isEqualTo(ResultCodes.OP_ID_REUSED);
        assertThat(otherRecord.code()).isEqualTo(ResultCodes.OP_ID_REUSED);
        assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "SKU-5")).contains(new StockLevels(5, 5, 0));
    }

    @Test
    void anOperationWhoseIdCarriesNoTimeIsCheckedAgainstTheLedgerAndAppliedOnce() throws Exception {
        Operation receive = op("acme", "SH01", OperationType.RECEIVE, "SKU-5", 1).toBuilder()
                .opId(UUID.randomUUID().toString()).build();
        OperationResult first = apply(core.acme, receive);
        RedisProcess.command(redis.ports().get(0), "DEL", keys().opKey(keys().bucket(rec("SKU-5")),
                receive.opId()));
        OperationResult again = apply(core.acme, receive); // ledger may not have it yet: found in the stream

        assertThat(first.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(again).isEqualTo(OperationResult.duplicateOf(first));
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE op_id = ?", receive.opId())).isEqualTo(1);
    }

    @Test
    void reconciliationRunsOnItsScheduleAndFindsTheLedgerAndStockInAgreement() {
        CoreHarness.waitFor(() -> core.bean(Reconciler.class).last() != null, Duration.ofSeconds(10),
                "a scheduled reconciliation");
        core.awaitWriteBack(Duration.ofSeconds(10));
        CoreHarness.waitFor(() -> core.bean(Reconciler.class).last().differenceCount() == 0, Duration.ofSeconds(10),
                "a clean scheduled report");
        assertThat(core.bean(Reconciler.class).last().trigger()).isEqualTo("scheduled");
    }

    private KeyLayout keys() {
        return core.bean(KeyLayout.class);
    }

    private static String rec(String sku) {
        return KeyLayout.recordId("acme", "SH01", sku);
    }

    private int exists(String key) {
        try {
            return RedisProcess.command(redis.ports().get(0), "EXISTS", key).contains(":1") ? 1 : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
