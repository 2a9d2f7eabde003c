package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.core.CoreConfiguration;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Stock and ledger on the tenant's own MySQL connection (issue 17 item 4, docs/TENANTS.md): the write-back commits
 * each tenant's events as that tenant, so with one tenant's grants revoked its events wait (pending, nothing of it
 * in MySQL) while another tenant's are written back, and after the re-grant they arrive exactly once; an opId another
 * tenant already used is OP_ID_REUSED even when only the ledger can tell (the tenant's view does not show the other
 * tenant's row, the unique key does).
 *
 * <p>The core runs without its own write-back: the test runs a worker of the core's beans when it wants the
 * events written, so the operations of both tenants are in their streams before the revoke (the hot path itself
 * does not need MySQL for an operation on a loaded record).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantStockIsolationTest {
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase("fg_tstock_");
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.core.writeback.enabled", "false"));
        core.seed(core.acme, "acme", "SH01", "SKU-1", "SKU-2");
        core.seed(core.multi, "beta", "SH01", "SKU-1", "SKU-2");
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    @Test
    void anOpIdAnotherTenantAlreadyUsedIsReusedEvenWhenOnlyTheLedgerKnowsIt() throws Exception {
        // a UUIDv4 carries no time: every use of it is checked against the ledger (OperationEngine step 3)
        String opId = UUID.randomUUID().toString();
        Operation acmeReceive = op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 5).toBuilder().opId(opId).build();
        assertThat(apply(core.acme, acmeReceive).status()).isEqualTo(ResultStatus.APPLIED);
        writeBackEverything();
        Map<String, Object> acmeRow = db.query("SELECT tenant, sku, qty, fingerprint, status, on_hand FROM ledger "
                + "WHERE op_id = ?", opId).get(0);
        assertThat(acmeRow).containsEntry("tenant", "acme").containsEntry("qty", 5L).containsEntry("status",
                "APPLIED");

        Operation betaReceive = op("beta", "SH01", OperationType.RECEIVE, "SKU-1", 3).toBuilder().opId(opId).build();
        // while Redis holds acme's claim, the claim answers (as before)
        OperationResult whileClaimed = apply(core.multi, betaReceive);
        // once Redis has forgotten it (expiry, flush), only the ledger knows; beta's view does not show acme's row
        RedisProcess.command(redis.ports().get(0), "DEL", KeyLayout.claimKey(opId));
        OperationResult fromLedger = apply(core.multi, betaReceive);
        writeBackEverything();

        assertThat(whileClaimed.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(whileClaimed.code()).isEqualTo(ResultCodes.OP_ID_REUSED);
        assertThat(fromLedger.status()).as(fromLedger.toString()).isEqualTo(ResultStatus.REJECTED);
        assertThat(fromLedger.code()).isEqualTo(ResultCodes.OP_ID_REUSED);
        // acme's row is untouched, beta has neither a ledger row nor stock from it
        assertThat(db.query("SELECT tenant, sku, qty, fingerprint, status, on_hand FROM ledger WHERE op_id = ?",
                opId)).containsExactly(acmeRow);
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE tenant = 'beta' AND sku = 'SKU-1'")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM stock WHERE tenant = 'beta' AND sku = 'SKU-1'")).isZero();
        assertThat(core.bean(OperationEngine.class).stock("beta", "SH01", "SKU-1").orElseThrow().onHand()).isZero();
        assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "SKU-1").orElseThrow().onHand())
                .isEqualTo(5);
        // the probe left nothing behind
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE status = 'PROBE'")).isZero();
    }

    @Test
    void withAcmesGrantsRevokedItsWriteBackWaitsWhileBetasIsWrittenAndAfterTheRegrantAcmesArrivesOnce()
            throws Exception {
        // both tenants' records loaded and written once, so their pools are open before the revoke
        assertThat(apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "SKU-2", 100)).status())
                .isEqualTo(ResultStatus.APPLIED);
        assertThat(apply(core.multi, op("beta", "SH01", OperationType.RECEIVE, "SKU-2", 100)).status())
                .isEqualTo(ResultStatus.APPLIED);
        writeBackEverything();
        long acmeLedgerBefore = db.count("SELECT COUNT(*) FROM ledger WHERE tenant = 'acme' AND sku = 'SKU-2'");

        int n = 12;
        List<String> acmeIds = new ArrayList<>();
        List<String> betaIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Operation a = op("acme", "SH01", OperationType.PICK, "SKU-2", 1);
            Operation b = op("beta", "SH01", OperationType.PICK, "SKU-2", 2);
            assertThat(apply(core.acme, a).status()).isEqualTo(ResultStatus.APPLIED);
            assertThat(apply(core.multi, b).status()).isEqualTo(ResultStatus.APPLIED);
            acmeIds.add(a.opId());
            betaIds.add(b.opId());
        }
        assertThat(pending("acme") + unread("acme")).isEqualTo(n);

        WriteBackWorker worker = null;
        Operation acmeTimeless = null;
        try {
            db.revokeTenant("acme");

            worker = worker().start();
            CoreHarness.waitFor(() -> countIn("ledger", betaIds) == n, Duration.ofSeconds(30),
                    "beta's " + n + " operations in the ledger while acme's grants are revoked");

            // beta's round read acme's events too (one read over every stream): they were tried and stay pending
            assertThat(countIn("ledger", acmeIds)).isZero();
            assertThat(pending("acme")).isEqualTo(n);
            assertThat(db.query("SELECT on_hand FROM stock WHERE tenant = 'acme' AND sku = 'SKU-2'").get(0))
                    .containsEntry("on_hand", 100L);
            assertThat(db.query("SELECT on_hand FROM stock WHERE tenant = 'beta' AND sku = 'SKU-2'").get(0))
                    .containsEntry("on_hand", 100L - 2L * n);

            // the ledger lookup of an operation without a time runs on the tenant's connection too: acme's cannot
            // (RETRY, not applied), beta's can (APPLIED, and written back)
            acmeTimeless = op("acme", "SH01", OperationType.PICK, "SKU-2", 1).toBuilder()
                    .opId(UUID.randomUUID().toString()).build();
            Operation betaTimeless = op("beta", "SH01", OperationType.PICK, "SKU-2", 2).toBuilder()
                    .opId(UUID.randomUUID().toString()).build();
            OperationResult acmeAnswer = apply(core.acme, acmeTimeless);
            OperationResult betaAnswer = apply(core.multi, betaTimeless);
            assertThat(acmeAnswer.status()).as(acmeAnswer.toString()).isEqualTo(ResultStatus.RETRY);
            assertThat(betaAnswer.status()).as(betaAnswer.toString()).isEqualTo(ResultStatus.APPLIED);
            betaIds.add(betaTimeless.opId());
            CoreHarness.waitFor(() -> countIn("ledger", betaIds) == n + 1, Duration.ofSeconds(30),
                    "beta's operation without a time in the ledger");
            assertThat(countIn("ledger", acmeIds)).isZero();

            // central IT's correction of one record is that tenant's: acme's is refused (503, nothing recorded,
            // Redis untouched), beta's goes through (here to the figures it has, so the sums below still hold)
            long betaNow = 100L - 2L * (n + 1);
            CoreClient.Reply acmeCorrection = correct("acme", 50);
            CoreClient.Reply betaCorrection = correct("beta", betaNow);
            assertThat(acmeCorrection.status()).as(acmeCorrection.body()).isEqualTo(503);
            assertThat(acmeCorrection.body()).contains(ResultCodes.UNAVAILABLE);
            assertThat(betaCorrection.status()).as(betaCorrection.body()).isEqualTo(200);
            assertThat(db.count("SELECT COUNT(*) FROM corrections WHERE tenant = 'acme'")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM corrections WHERE tenant = 'beta' AND on_hand = ?", betaNow))
                    .isEqualTo(1);
            assertThat(core.bean(OperationEngine.class).stock("acme", "SH01", "SKU-2").orElseThrow().onHand())
                    .isEqualTo(100L - n);
        } finally {
            db.grantTenant("acme");
        }
        try {
            CoreHarness.waitFor(() -> countIn("ledger", acmeIds) == n, Duration.ofSeconds(30),
                    "acme's " + n + " operations in the ledger after the re-grant");
            core.awaitWriteBack(Duration.ofSeconds(30));
        } finally {
            worker.close();
        }
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE tenant = 'acme' AND sku = 'SKU-2'"))
                .isEqualTo(acmeLedgerBefore + n);
        assertThat(db.query("SELECT on_hand, seq FROM stock WHERE tenant = 'acme' AND sku = 'SKU-2'").get(0))
                .containsEntry("on_hand", 100L - n).containsEntry("seq", 1L + n);
        assertThat(pending("acme") + unread("acme")).isZero();
        assertThat(countIn("ledger", List.of(acmeTimeless.opId()))).isZero(); // answered RETRY: never applied
        assertThat(db.query("SELECT on_hand FROM stock WHERE tenant = 'beta' AND sku = 'SKU-2'").get(0))
                .containsEntry("on_hand", 100L - 2L * (n + 1));
    }

    @Test
    void aTenantNoKeyHoldsIsRecordedOnTheCoresConnectionAndGetsNoDatabase() throws Exception {
        // in process only: the HTTP API refuses a tenant outside the key with 403
        Operation stray = op("nokey", "SH01", OperationType.RECEIVE, "SKU-1", 1).toBuilder()
                .opId(UUID.randomUUID().toString()).build(); // no time: its ledger lookup runs too
        OperationResult answer = core.bean(OperationEngine.class).apply(List.of(stray)).get(0);
        writeBackEverything();

        assertThat(answer.code()).isEqualTo(ResultCodes.UNKNOWN_TENANT);
        assertThat(db.query("SELECT tenant, status, code FROM ledger WHERE op_id = ?", stray.opId()).get(0))
                .containsEntry("tenant", "nokey").containsEntry("status", "REJECTED")
                .containsEntry("code", ResultCodes.UNKNOWN_TENANT);
        assertThat(db.count("SELECT COUNT(*) FROM tenant_credentials WHERE tenant = 'nokey'")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?",
                db.name() + "_t_nokey")).isZero();
    }

    /** POST /v1/admin/corrections of the tenant's SH01/SKU-2 to onHand = usable = {@code onHand}. */
    private CoreClient.Reply correct(String tenant, long onHand) {
        return core.acme.unsigned("POST", "/v1/admin/corrections", "{\"tenant\":\"" + tenant + "\",\"warehouse\":"
                + "\"SH01\",\"sku\":\"SKU-2\",\"onHand\":" + onHand + ",\"usable\":" + onHand + ",\"reserved\":0,"
                + "\"reason\":\"recount\",\"actor\":\"central-it\"}",
                Map.of("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN));
    }

    private void writeBackEverything() {
        WriteBackWorker worker = worker().start();
        try {
            core.awaitWriteBack(Duration.ofSeconds(20));
        } finally {
            worker.close();
        }
    }

    private WriteBackWorker worker() {
        CoreConfiguration.WriteBack wb = core.bean(CoreConfiguration.class).getWriteback();
        return new WriteBackWorker(core.bean(RedisConnector.class), core.bean(TenantRegistry.class)::buckets,
                core.bean(WriteBackWriter.class), core.bean(Scripts.class).trim(), core.bean(CoreMetrics.class),
                "core-1", wb.getBatchSize(), Duration.ofMillis(5), Duration.ofMillis(200), Duration.ofSeconds(60),
                () -> { });
    }

    /** Rows of the table (read as root, all tenants) whose op_id is one of those. */
    private long countIn(String table, List<String> opIds) {
        try {
            return db.count("SELECT COUNT(*) FROM " + table + " WHERE op_id IN (" + "?,".repeat(opIds.size() - 1)
                    + "?)", opIds.toArray());
        } catch (SQLException e) {
            throw new IllegalStateException("counting " + table + " rows failed: " + e.getMessage(), e);
        }
    }

    /** Events of the tenant's streams delivered to a consumer and not acknowledged. */
    private long pending(String tenant) {
        RedisConnector r = core.bean(RedisConnector.class);
        long total = 0;
        for (int b = 0; b < core.bean(KeyLayout.class).buckets(); b++) {
            String stream = KeyLayout.stream(tenant, b);
            if (r.await(r.async().exists(stream)) > 0 && !r.await(r.async().xinfoGroups(stream)).isEmpty()) {
                total += r.await(r.async().xpending(stream, KeyLayout.GROUP)).getCount();
            }
        }
        return total;
    }

    /** Events of the tenant's streams not yet delivered to any consumer (the group's lag). */
    private long unread(String tenant) {
        RedisConnector r = core.bean(RedisConnector.class);
        long total = 0;
        for (int b = 0; b < core.bean(KeyLayout.class).buckets(); b++) {
            String stream = KeyLayout.stream(tenant, b);
            if (r.await(r.async().exists(stream)) == 0) {
                continue;
            }
            List<Object> groups = r.await(r.async().xinfoGroups(stream));
            for (Object g : groups) {
                List<?> fields = (List<?>) g;
                for (int i = 0; i + 1 < fields.size(); i += 2) {
                    if ("lag".equals(String.valueOf(fields.get(i))) && fields.get(i + 1) != null) {
                        total += Long.parseLong(String.valueOf(fields.get(i + 1)));
                    }
                }
            }
        }
        return total;
    }

}
