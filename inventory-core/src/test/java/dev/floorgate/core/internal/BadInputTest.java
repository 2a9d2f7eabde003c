package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.batch;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.SignedHeaders;
import dev.floorgate.protocol.StockLevels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every bad input of the issue gets the status and error code of API.md, nothing of it is applied, and the core
 * goes on serving (checked after each test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private static final String BATCH = "/v1/operations:batch";
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of());
        core.seed(core.acme, "acme", "SH01", "SKU-1");
        core.seed(core.multi, "beta", "SH01", "SKU-1");
        assertThat(apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 10)).status())
                .isEqualTo(ResultStatus.APPLIED);
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    @AfterEach
    void theCoreStillServesAndNothingWasApplied() {
        assertThat(core.acme.unsigned("GET", "/health", null, Map.of()).status()).isEqualTo(200);
        assertThat(stock()).isEqualTo(new StockLevels(10, 10, 0));
        OperationResult probe = apply(core.acme, op("acme", "SH01", OperationType.PUTAWAY, "SKU-1", 1).toBuilder()
                .location("A-01-01").build());
        assertThat(probe.status()).isEqualTo(ResultStatus.APPLIED);
    }

    @Test
    void malformedJsonIs400WithMalformedJson() {
        CoreClient.Reply r = core.acme.post(BATCH, "{\"operations\": [ {\"opId\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(core.json(r.body())).containsEntry("error", "MALFORMED_JSON");
        assertThat((String) core.json(r.body()).get("message")).contains("line 1");
        assertThat(core.acme.post(BATCH, "").status()).isEqualTo(400);
        assertThat(core.acme.post(BATCH, "[1,2]").status()).isEqualTo(400);
        assertThat(core.json(core.acme.post(BATCH, "{\"gatewayId\":\"g\"}").body())).containsEntry("error",
                "MALFORMED_JSON");
    }

    @Test
    void unknownTypesBadQuantitiesAndWrongFieldTypesAreRejectedPerOperationAndTheRestIsApplied() {
        Operation good = op("acme", "SH01", OperationType.MOVE, "SKU-1", 1).toBuilder().location("A-01-01")
                .toLocation("B-01-01").build();
        List<Operation> ops = List.of(
                op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1).toBuilder().typeName("STEAL").build(),
                op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 0),
                op("acme", "SH01", OperationType.PICK, "SKU-1", -2),
                op("acme", "SH01", OperationType.ADJUST, "SKU-1", 0),
                op("acme", "SH01", OperationType.COUNT, "SKU-1", -1),
                op("acme", "SH01", OperationType.RESERVE, "SKU-1", 1), // no orderNo
                op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1).toBuilder().opId("not-an-id").build(),
                good);
        String json = batch(ops).replace("\"operations\":[", "\"operations\":[{\"opId\":\"0190f5c2-0000-7000-8000-"
                + "000000000001\",\"qty\":\"three\"},42,");
        CoreClient.Reply r = core.acme.post(BATCH, json);

        assertThat(r.status()).isEqualTo(200);
        List<OperationResult> results = OperationJson.readResults(r.body());
        assertThat(results).hasSize(ops.size() + 2);
        for (int i = 0; i < ops.size() + 1; i++) {
            assertThat(results.get(i).status()).as("result " + i).isEqualTo(ResultStatus.REJECTED);
            assertThat(results.get(i).code()).as("result " + i).isEqualTo(ResultCodes.INVALID);
        }
        assertThat(results.get(0).message()).contains("qty");
        assertThat(results.get(2).message()).contains("unknown operation type 'STEAL'");
        assertThat(results.get(ops.size() + 1).status()).isEqualTo(ResultStatus.APPLIED);
    }

    @Test
    void unknownWarehouseSkuLocationAndTenantAreRejectedWithTheirCodesAndCreateNothing() throws Exception {
        List<OperationResult> results = apply(core.acme, List.of(
                op("acme", "NOPE", OperationType.RECEIVE, "SKU-1", 1),
                op("acme", "SH01", OperationType.RECEIVE, "SKU-404", 1),
                op("acme", "SH01", OperationType.RESERVE, "SKU-404", 1).toBuilder().orderNo("SO-1").build(),
                op("acme", "SH01", OperationType.PUTAWAY, "SKU-1", 1).toBuilder().location("Z-99").build()));
        assertThat(results).extracting(OperationResult::code).containsExactly(ResultCodes.UNKNOWN_WAREHOUSE,
                ResultCodes.UNKNOWN_SKU, ResultCodes.UNKNOWN_SKU, ResultCodes.UNKNOWN_LOCATION);

        // A tenant no key holds, in process (the HTTP API refuses it earlier with 403).
        OperationResult unknownTenant = core.bean(OperationEngine.class)
                .apply(List.of(op("nobody", "SH01", OperationType.RECEIVE, "SKU-1", 1))).get(0);
        assertThat(unknownTenant.code()).isEqualTo(ResultCodes.UNKNOWN_TENANT);
        core.awaitWriteBack(java.time.Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM stock WHERE sku = 'SKU-404' OR warehouse = 'NOPE'")).isZero();
        assertThat(core.acme.get("/v1/stock/acme/SH01/SKU-404").status()).isEqualTo(404);
    }

    @Test
    void aBatchOverAThousandOperationsOrFourMebibytesIs413() {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            ops.add(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1));
        }
        CoreClient.Reply tooMany = core.acme.post(BATCH, batch(ops));
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(core.json(tooMany.body())).containsEntry("error", "BATCH_TOO_LARGE");

        String padding = "x".repeat(4 * 1024 * 1024);
        CoreClient.Reply tooBig = core.acme.post(BATCH, "{\"pad\":\"" + padding + "\",\"operations\":[]}");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(core.json(tooBig.body())).containsEntry("error", "BATCH_TOO_LARGE");

        String huge = "x".repeat(9 * 1024 * 1024);
        CoreClient.Reply wayTooBig = core.acme.post(BATCH, "{\"pad\":\"" + huge + "\",\"operations\":[]}");
        assertThat(wayTooBig.status()).isEqualTo(413);
    }

    @Test
    void aKeyWritingAnotherTenantsStockGets403ForTheWholeBatch() {
        List<Operation> ops = List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 5),
                op("beta", "SH01", OperationType.RECEIVE, "SKU-1", 5));
        CoreClient.Reply r = core.acme.post(BATCH, batch(ops));
        assertThat(r.status()).isEqualTo(403);
        assertThat(core.json(r.body())).containsEntry("error", "TENANT_FORBIDDEN");
        assertThat(core.acme.get("/v1/stock/beta/SH01/SKU-1").status()).isEqualTo(403);
        assertThat(core.acme.put("/v1/skus/beta/SKU-9", "{\"name\":\"x\"}").status()).isEqualTo(403);
        assertThat(core.multi.get("/v1/stock/beta/SH01/SKU-1").body()).contains("\"onHand\":0");
    }

    @Test
    void replayedTamperedUnsignedStaleAndUnknownKeySignaturesAre401() {
        byte[] body = batch(List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 5)))
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = core.acme.headersFor("POST", BATCH, body);

        // The first use must work to prove the replay is refused for being a replay.
        CoreClient.Reply firstUse = core.acme.send("POST", BATCH, body, headers);
        assertThat(firstUse.status()).isEqualTo(200);
        assertThat(OperationJson.readResults(firstUse.body()).get(0).status()).isEqualTo(ResultStatus.APPLIED);
        core.acme.post(BATCH, batch(List.of(op("acme", "SH01", OperationType.ADJUST, "SKU-1", -5))));

        assertUnauthorized(core.acme.send("POST", BATCH, body, headers), "REPLAYED_NONCE");

        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("\"qty\":5", "\"qty\":500")
                .getBytes(StandardCharsets.UTF_8);
        assertUnauthorized(core.acme.send("POST", BATCH, tampered, core.acme.headersFor("POST", BATCH, body)),
                "BAD_SIGNATURE");
        assertUnauthorized(core.acme.send("POST", BATCH, body, Map.of()), "MISSING_HEADERS");

        Map<String, String> stale = new HashMap<>(core.acme.headersFor("POST", BATCH, body));
        RequestSignerAccess.restamp(stale, System.currentTimeMillis() - 600_000, body);
        assertUnauthorized(core.acme.send("POST", BATCH, body, stale), "STALE_TIMESTAMP");

        Map<String, String> unknown = new HashMap<>(headers);
        unknown.put(SignedHeaders.KEY, "gw-nobody");
        assertUnauthorized(core.acme.send("POST", BATCH, body, unknown), "UNKNOWN_KEY");

        Map<String, String> wrongPath = core.acme.headersFor("POST", "/v1/other", body);
        assertUnauthorized(core.acme.send("POST", BATCH, body, wrongPath), "BAD_SIGNATURE");
    }

    @Test
    void adminCallsNeedTheAdminToken() {
        assertThat(core.acme.unsigned("POST", "/v1/admin/reconcile", "", Map.of()).status()).isEqualTo(401);
        assertThat(core.acme.unsigned("POST", "/v1/admin/reconcile", "",
                Map.of("Authorization", "Bearer wrong")).status()).isEqualTo(401);
        // A gateway signature is no admin credential.
        assertThat(core.acme.post("/v1/admin/reconcile", "").status()).isEqualTo(401);
        CoreClient.Reply bad = core.acme.unsigned("POST", "/v1/admin/corrections", "{\"tenant\":\"acme\"}",
                Map.of("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(core.json(bad.body())).containsEntry("error", "INVALID");
    }

    @Test
    void badMasterDataAndOrderBodiesAre400() {
        assertThat(core.json(core.acme.put("/v1/skus/acme/SKU-X", "{\"name\":").body()))
                .containsEntry("error", "MALFORMED_JSON");
        assertThat(core.json(core.acme.put("/v1/skus/acme/SKU-X", "{\"gtins\":[\"12\"]}").body()))
                .containsEntry("error", "INVALID");
        assertThat(core.acme.put("/v1/skus/acme/SKU-X", "{\"name\":\"n\",\"gtins\":[\"abc\"]}").status())
                .isEqualTo(400);
        assertThat(core.acme.post("/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-B\","
                + "\"lines\":[{\"sku\":\"SKU-1\",\"qty\":0}]}").status()).isEqualTo(400);
        assertThat(core.acme.post("/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-B\","
                + "\"lines\":[]}").status()).isEqualTo(400);
        CoreClient.Reply unknownSku = core.acme.post("/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                + "\"orderNo\":\"SO-B\",\"lines\":[{\"sku\":\"SKU-404\",\"qty\":1}]}");
        assertThat(unknownSku.status()).isEqualTo(422);
        assertThat(core.json(unknownSku.body())).containsEntry("error", "UNKNOWN_SKU").containsEntry("line", 1);
        assertThat(core.acme.get("/v1/changes?since=abc").status()).isEqualTo(400);
        assertThat(core.acme.get("/v1/changes?limit=0").status()).isEqualTo(400);
    }

    private void assertUnauthorized(CoreClient.Reply r, String reason) {
        assertThat(r.status()).isEqualTo(401);
        Map<String, Object> body = core.json(r.body());
        assertThat(body).containsEntry("error", "BAD_SIGNATURE");
        assertThat((String) body.get("message")).startsWith(reason);
    }

    private StockLevels stock() {
        return core.bean(OperationEngine.class).stock("acme", "SH01", "SKU-1").orElseThrow();
    }
}
