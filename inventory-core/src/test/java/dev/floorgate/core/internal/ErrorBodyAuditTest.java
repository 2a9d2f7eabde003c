package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.batch;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, finding 6: no error body names an internal class, carries a stack trace or passes a driver's message
 * through. Provokes every error class against the real core (bad and deeply nested JSON, wrong types, unknown
 * SKU, refused signatures and tenants, unknown routes, then Redis and the database taken down on this test's own
 * ports) and checks each body is {@code {"error": CODE, "message": ...}} in our words.
 */
class ErrorBodyAuditTest {
    /** What must never reach a client: exception names, stack frames, Java packages, SQL and driver text. */
    static final List<String> INTERNALS = List.of("Exception", "at dev.", "java.", "SQL", "jdbc", "mariadb",
            "lettuce", "io.netty", "io.micronaut", "com.fasterxml", "Caused by", "\tat ", "$");
    /** A body of 100,000 '[': the depth attack of issue 22. */
    static final String DEEP = "[".repeat(100_000);
    /** The same attack within the 64 KiB the master data and admin endpoints take (beyond that: 413). */
    static final String DEEP_64K = "[".repeat(60_000);

    @Test
    void everyErrorBodyIsTheApiShapeWithoutInternals() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone();
                TestDatabase db = new TestDatabase();
                TcpProxy mysql = new TcpProxy(3306)) {
            String url = "jdbc:mariadb://127.0.0.1:" + mysql.port() + "/" + db.name()
                    + "?createDatabaseIfNotExist=true";
            try (CoreHarness core = CoreHarness.start(redis.uri(), url,
                    Map.of("fg.mysql.timeout", "2s", "fg.redis.timeout", "3s"))) {
                core.seed(core.acme, "acme", "SH01", "SKU-1");
                assertThat(apply(core.acme, op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 5)).status())
                        .isEqualTo(ResultStatus.APPLIED);
                Map<String, CoreClient.Reply> replies = new LinkedHashMap<>();
                provokeRequestErrors(core, replies);
                provokeDeepNesting(core, replies);
                SoftAssertions soft = new SoftAssertions();
                for (Map.Entry<String, CoreClient.Reply> e : replies.entrySet()) {
                    assertApiError(soft, core, e.getKey(), e.getValue());
                    if (e.getKey().startsWith("deep")) {
                        soft.assertThat(e.getValue().status()).as(e.getKey()).isEqualTo(400);
                        soft.assertThat(e.getValue().body()).as(e.getKey()).contains("\"MALFORMED_JSON\"",
                                "nested deeper than 32 levels");
                    }
                }
                soft.assertAll();

                Map<String, CoreClient.Reply> down = new LinkedHashMap<>();
                redis.stop();
                provokeStoreDown(core, "redis down at once", down);
                awaitHealth(core, 503);
                provokeStoreDown(core, "redis down, shedding", down);
                down.put("redis down: health", core.acme.unsigned("GET", "/health", null, Map.of()));
                redis.restart();
                awaitHealth(core, 200);
                mysql.cut();
                provokeStoreDown(core, "database down at once", down);
                awaitHealth(core, 503);
                provokeStoreDown(core, "database down, shedding", down);
                down.put("database down: health", core.acme.unsigned("GET", "/health", null, Map.of()));
                mysql.restore();
                SoftAssertions softDown = new SoftAssertions();
                for (Map.Entry<String, CoreClient.Reply> e : down.entrySet()) {
                    if (e.getKey().endsWith("health")) {
                        softDown.assertThat(e.getValue().status()).as(e.getKey()).isEqualTo(503);
                        assertNoInternals(softDown, e.getKey(), e.getValue().body());
                    } else if (e.getValue().status() >= 400) {
                        assertApiError(softDown, core, e.getKey(), e.getValue());
                    } else {
                        assertNoInternals(softDown, e.getKey(), e.getValue().body());
                    }
                }
                softDown.assertAll();
                assertThat(down.values()).extracting(CoreClient.Reply::status).contains(503);
            }
        }
    }

    private static void provokeRequestErrors(CoreHarness core, Map<String, CoreClient.Reply> replies) {
        replies.put("bad JSON batch", core.acme.post("/v1/operations:batch", "{\"operations\": [ {\"opId\": "));
        replies.put("bad JSON sku", core.acme.put("/v1/skus/acme/SKU-2", "{name: x"));
        replies.put("wrong types sku", core.acme.put("/v1/skus/acme/SKU-2", "{\"name\": {\"a\":1}, \"gtins\": 5}"));
        replies.put("wrong types location", core.acme.put("/v1/locations/acme/SH01/C-1", "{\"type\": [1,2]}"));
        replies.put("wrong types order", core.acme.post("/v1/orders",
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"O-1\",\"lines\":\"all of it\"}"));
        replies.put("wrong types order line", core.acme.post("/v1/orders",
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"O-1\",\"lines\":[{\"sku\":\"SKU-1\","
                        + "\"qty\":\"lots\"}]}"));
        replies.put("wrong types correction", core.acme.unsigned("POST", "/v1/admin/corrections",
                "{\"tenant\":\"acme\",\"onHand\":\"lots\"}",
                Map.of("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN)));
        replies.put("unknown SKU stock", core.acme.get("/v1/stock/acme/SH01/NOPE"));
        replies.put("unknown SKU order", core.acme.post("/v1/orders",
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"O-2\",\"lines\":[{\"sku\":\"NOPE\","
                        + "\"qty\":1}]}"));
        replies.put("unsigned", core.acme.unsigned("POST", "/v1/operations:batch", "{}", Map.of()));
        replies.put("other tenant", core.acme.put("/v1/skus/beta/SKU-1", "{\"name\":\"x\"}"));
        replies.put("bad admin token", core.acme.unsigned("GET", "/v1/admin/reconcile", null,
                Map.of("Authorization", "Bearer wrong")));
        replies.put("unknown route", core.acme.get("/v1/nothing/here"));
        replies.put("wrong method", core.acme.unsigned("DELETE", "/v1/changes", null, Map.of()));
        replies.put("bad limit", core.acme.get("/v1/changes?limit=abc"));
        replies.put("limit out of range", core.acme.get("/v1/changes?limit=-5"));
        replies.put("body too large", core.acme.put("/v1/skus/acme/SKU-2", "{\"name\":\"" + "x".repeat(70_000)
                + "\"}"));
        replies.put("wrong types replenishment settings", core.acme.put("/v1/replenishment/settings/acme/SH01/SKU-1",
                "{\"moq\":\"lots\",\"serviceLevel\":[1]}"));
        replies.put("bad replenishment settings", core.acme.put("/v1/replenishment/settings/acme/SH01/SKU-1",
                "{\"packSize\":0}"));
        replies.put("bad replenishment format", core.acme.get("/v1/replenishment?tenant=acme&warehouse=SH01&format=x"));
        replies.put("replenishment without warehouse", core.acme.get("/v1/replenishment?tenant=acme"));
        replies.put("replenishment of another tenant", core.acme.get("/v1/replenishment?tenant=beta&warehouse=SH01"));
    }

    private static void provokeDeepNesting(CoreHarness core, Map<String, CoreClient.Reply> replies) {
        replies.put("deep batch", core.acme.post("/v1/operations:batch", DEEP));
        replies.put("deep batch operations", core.acme.post("/v1/operations:batch", "{\"operations\":" + DEEP));
        replies.put("deep sku", core.acme.put("/v1/skus/acme/SKU-2", DEEP_64K));
        replies.put("deep sku gtins", core.acme.put("/v1/skus/acme/SKU-2", "{\"name\":\"n\",\"gtins\":" + DEEP_64K));
        replies.put("deep location", core.acme.put("/v1/locations/acme/SH01/C-1", DEEP_64K));
        replies.put("deep replenishment settings", core.acme.put("/v1/replenishment/settings/acme/SH01/SKU-1",
                DEEP_64K));
        replies.put("deep order", core.acme.post("/v1/orders", "{\"lines\":" + DEEP));
        replies.put("deep correction", core.acme.unsigned("POST", "/v1/admin/corrections", DEEP_64K,
                Map.of("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN)));
    }

    private static void provokeStoreDown(CoreHarness core, String when, Map<String, CoreClient.Reply> into) {
        Operation receive = op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1);
        into.put(when + ": batch", core.acme.post("/v1/operations:batch", batch(List.of(receive))));
        into.put(when + ": stock", core.acme.get("/v1/stock/acme/SH01/SKU-1"));
        into.put(when + ": sku", core.acme.put("/v1/skus/acme/SKU-3", "{\"name\":\"n\"}"));
        into.put(when + ": changes", core.acme.get("/v1/changes?limit=10"));
        into.put(when + ": replenishment", core.acme.get("/v1/replenishment?tenant=acme&warehouse=SH01"));
        into.put(when + ": order", core.acme.post("/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                + "\"orderNo\":\"O-" + System.nanoTime() + "\",\"lines\":[{\"sku\":\"SKU-1\",\"qty\":1}]}"));
    }

    static void assertApiError(SoftAssertions soft, CoreHarness core, String what, CoreClient.Reply r) {
        soft.assertThat(r.status()).as("%s: status (%s)", what, r.body()).isBetween(400, 599);
        soft.assertThat(r.status()).as("%s: never 500 (%s)", what, r.body()).isNotEqualTo(500);
        Map<String, Object> body;
        try {
            body = core.json(r.body());
        } catch (RuntimeException e) {
            soft.fail("%s: body is not JSON: %s", what, r.body());
            return;
        }
        soft.assertThat(body.keySet()).as("%s: %s", what, r.body()).contains("error", "message");
        soft.assertThat(Set.of("error", "message", "line", "sku").containsAll(body.keySet()))
                .as("%s: only the API's fields: %s", what, r.body()).isTrue();
        soft.assertThat(String.valueOf(body.get("error"))).as("%s: code", what).matches("[A-Z][A-Z_]+");
        soft.assertThat(body.get("message")).as("%s: message", what).isInstanceOf(String.class);
        assertNoInternals(soft, what, r.body());
    }

    static void assertNoInternals(SoftAssertions soft, String what, String body) {
        for (String leak : INTERNALS) {
            soft.assertThat(body).as("%s: body must not contain '%s'", what, leak).doesNotContain(leak);
        }
    }

    private static void awaitHealth(CoreHarness core, int status) {
        CoreHarness.waitFor(() -> core.acme.unsigned("GET", "/health", null, Map.of()).status() == status,
                Duration.ofSeconds(30), "/health to answer " + status);
    }
}
