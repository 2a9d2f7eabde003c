package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code POST /v1/orders} reserves all lines or none, and {@code GET /v1/changes} feeds SKUs, bins and orders to a
 * gateway in the order they changed, in the exact shape the gateway's cache reads, for the key's tenants only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrdersAndChangesTest {
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of());
        core.seed(core.acme, "acme", "SH01", "SKU-1", "SKU-2", "SKU-3");
        core.seed(core.multi, "beta", "SH01", "B-1");
        apply(core.acme, List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 10),
                op("acme", "SH01", OperationType.RECEIVE, "SKU-2", 5),
                op("acme", "SH01", OperationType.RECEIVE, "SKU-3", 1)));
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
    }

    @Test
    void anOrderReservesAllItsLinesAndTheChangesFeedShowsItThenItsPicks() throws Exception {
        String body = "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-991\",\"lines\":["
                + "{\"sku\":\"SKU-1\",\"qty\":3,\"location\":\"A-01-01\"},{\"sku\":\"SKU-2\",\"qty\":2},"
                + "{\"sku\":\"SKU-1\",\"qty\":1,\"location\":\"B-01-01\"}]}";
        CoreClient.Reply created = core.acme.post("/v1/orders", body);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"kind\":\"order\",\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                + "\"orderNo\":\"SO-991\",\"status\":\"RESERVED\",\"lines\":["
                + "{\"lineNo\":1,\"sku\":\"SKU-1\",\"qty\":3,\"reserved\":3,\"picked\":0,\"location\":\"A-01-01\"},"
                + "{\"lineNo\":2,\"sku\":\"SKU-2\",\"qty\":2,\"reserved\":2,\"picked\":0,\"location\":null},"
                + "{\"lineNo\":3,\"sku\":\"SKU-1\",\"qty\":1,\"reserved\":1,\"picked\":0,\"location\":\"B-01-01\"}]}");
        assertThat(stock("SKU-1")).isEqualTo(new StockLevels(10, 6, 4));
        assertThat(stock("SKU-2")).isEqualTo(new StockLevels(5, 3, 2));

        CoreClient.Reply again = core.acme.post("/v1/orders", body);
        assertThat(again.status()).as("the same order again is a no-op").isEqualTo(200);
        assertThat(stock("SKU-1")).isEqualTo(new StockLevels(10, 6, 4));
        assertThat(core.acme.post("/v1/orders", body.replace("\"qty\":3", "\"qty\":4")).status()).isEqualTo(409);

        assertThat(apply(core.acme, op("acme", "SH01", OperationType.PICK, "SKU-1", 3).toBuilder()
                .orderNo("SO-991").build()).status()).isEqualTo(ResultStatus.APPLIED);
        core.awaitWriteBack(Duration.ofSeconds(10));
        Map<String, Object> order = lastOrder(feed(core.acme, "warehouse=SH01"), "SO-991");
        assertThat(order).containsEntry("status", "PARTIAL");
        assertThat(order.get("lines").toString()).contains("lineNo=1, sku=SKU-1, qty=3, reserved=0, picked=3")
                .contains("lineNo=3, sku=SKU-1, qty=1, reserved=1, picked=0");

        apply(core.acme, List.of(
                op("acme", "SH01", OperationType.PICK, "SKU-1", 1).toBuilder().orderNo("SO-991").build(),
                op("acme", "SH01", OperationType.PICK, "SKU-2", 2).toBuilder().orderNo("SO-991").build()));
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(lastOrder(feed(core.acme, "warehouse=SH01"), "SO-991")).containsEntry("status", "PICKED");
    }

    @Test
    void anOrderWithALineThatCannotBeReservedReservesNothing() throws Exception {
        CoreClient.Reply r = core.acme.post("/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                + "\"orderNo\":\"SO-992\",\"lines\":[{\"sku\":\"SKU-2\",\"qty\":1},{\"sku\":\"SKU-3\",\"qty\":2}]}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(core.json(r.body())).containsEntry("error", "INSUFFICIENT_STOCK").containsEntry("line", 2)
                .containsEntry("sku", "SKU-3");
        StockLevels sku2 = stock("SKU-2");
        assertThat(sku2.reserved()).as("line 1 was released again").isEqualTo(sku2.onHand() - sku2.usable());
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM reservations WHERE order_no = 'SO-992' AND state = 'R'")).isZero();
        assertThat(lastOrder(feed(core.acme, ""), "SO-992")).containsEntry("status", "RELEASED");
    }

    @Test
    void theFeedHasTheSkuAndLocationShapesPagesByCursorAndShowsOnlyTheKeysTenants() {
        List<Map<String, Object>> acme = feed(core.acme, "warehouse=SH01");
        assertThat(acme).allSatisfy(item -> assertThat(item).containsEntry("tenant", "acme"));
        Map<String, Object> sku = acme.stream().filter(i -> "sku".equals(i.get("kind")) && "SKU-1".equals(i.get("sku")))
                .findFirst().orElseThrow();
        assertThat(sku).containsExactly(Map.entry("kind", "sku"), Map.entry("tenant", "acme"),
                Map.entry("sku", "SKU-1"), Map.entry("name", "Item SKU-1"),
                Map.entry("gtins", List.of("09501101530003")), Map.entry("barcodes", List.of("B-SKU-1")),
                Map.entry("unit", "EA"));
        Map<String, Object> bin = acme.stream().filter(i -> "location".equals(i.get("kind"))).findFirst().orElseThrow();
        assertThat(bin).containsExactly(Map.entry("kind", "location"), Map.entry("tenant", "acme"),
                Map.entry("warehouse", "SH01"), Map.entry("code", "A-01-01"), Map.entry("type", "BIN"));
        assertThat(feed(core.multi, "")).isNotEmpty().allSatisfy(i -> assertThat(i).containsEntry("tenant", "beta"));
        assertThat(feed(core.acme, "warehouse=SH99")).allSatisfy(i -> assertThat(i).containsEntry("kind", "sku"));

        // One item per page, following the cursor, gives the same items in the same order.
        List<Map<String, Object>> paged = new ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 100; page++) {
            Map<String, Object> p = core.json(core.acme.get("/v1/changes?warehouse=SH01&since=" + cursor
                    + "&limit=1").body());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> items = (List<Map<String, Object>>) p.get("items");
            if (items.isEmpty()) {
                assertThat(p.get("next")).isEqualTo(cursor);
                break;
            }
            paged.addAll(items);
            cursor = (String) p.get("next");
        }
        assertThat(paged).isEqualTo(feed(core.acme, "warehouse=SH01"));

        // A changed SKU moves to the end of the feed.
        core.acme.put("/v1/skus/acme/SKU-2", "{\"name\":\"Renamed\",\"gtins\":[],\"barcodes\":[]}");
        List<Map<String, Object>> after = feed(core.acme, "warehouse=SH01");
        assertThat(after.get(after.size() - 1)).containsEntry("sku", "SKU-2").containsEntry("name", "Renamed");
        assertThat(after.stream().filter(i -> "SKU-2".equals(i.get("sku"))).count()).isEqualTo(1);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> feed(CoreClient client, String query) {
        CoreClient.Reply r = client.get("/v1/changes" + (query.isEmpty() ? "" : "?" + query));
        assertThat(r.status()).isEqualTo(200);
        return (List<Map<String, Object>>) core.json(r.body()).get("items");
    }

    private static Map<String, Object> lastOrder(List<Map<String, Object>> items, String orderNo) {
        Map<String, Object> found = null;
        for (Map<String, Object> i : items) {
            if ("order".equals(i.get("kind")) && orderNo.equals(i.get("orderNo"))) {
                found = i;
            }
        }
        assertThat(found).as("order " + orderNo + " in the feed").isNotNull();
        return found;
    }

    private StockLevels stock(String sku) {
        return core.bean(OperationEngine.class).stock("acme", "SH01", sku).orElseThrow();
    }
}
