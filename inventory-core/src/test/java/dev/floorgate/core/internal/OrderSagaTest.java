package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import dev.floorgate.testing.RabbitProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Orders in, as a saga (issue 15 item 2): order commands from RabbitMQ and POST /v1/orders take the same path;
 * reserve or compensate, cancel, pick, ship, each step idempotent; duplicate and out-of-order commands; the
 * compensation task and the stuck-order scan. Every step is checked in the stock figures and on the bus.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderSagaTest {
    private RabbitProcess rabbit;
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;
    private BusTap tap;
    private Connection sender;
    private Channel orders;

    @BeforeAll
    void start() throws Exception {
        rabbit = RabbitProcess.startNew();
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri", rabbit.uri(), "fg.bus.retry-delay", "100ms",
                "fg.core.orders.scan-interval", "0s", "fg.core.orders.pending-timeout", "1s",
                "fg.core.orders.stuck-after", "30m"));
        core.seed(core.acme, "acme", "SH01", "SKU-1", "SKU-2", "SKU-3", "SKU-4");
        apply(core.acme, List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 20),
                op("acme", "SH01", OperationType.RECEIVE, "SKU-2", 10),
                op("acme", "SH01", OperationType.RECEIVE, "SKU-3", 1),
                op("acme", "SH01", OperationType.RECEIVE, "SKU-4", 10)));
        CoreHarness.waitFor(() -> core.bean(EventPublisher.class).up(), Duration.ofSeconds(20), "the publisher up");
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(rabbit.uri());
        sender = f.newConnection("test-erp");
        orders = sender.createChannel();
        CoreHarness.waitFor(() -> {
            try {
                // its consumer, not just the queue: a message sent between the core's declare and bind is dropped
                return sender.createChannel().queueDeclarePassive("floorgate.core.orders").getConsumerCount() > 0;
            } catch (Exception e) {
                return false;
            }
        }, Duration.ofSeconds(20), "the core's order queue");
        tap = BusTap.events(rabbit.uri(), "acme.saga", "acme.SH01.order.*");
    }

    @AfterAll
    void stop() throws Exception {
        tap.close();
        sender.abort();
        core.close();
        db.close();
        redis.close();
        rabbit.close();
    }

    @Test
    void anOrderFromTheBusIsReservedOnceThoughDeliveredTwiceThenPickedAndShippedWithItsEvents() throws Exception {
        StockLevels sku1 = stock("SKU-1");
        StockLevels sku2 = stock("SKU-2");
        String place = "{\"command\":\"place\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-1\","
                + "\"lines\":[{\"sku\":\"SKU-1\",\"qty\":3,\"location\":\"A-01-01\"},{\"sku\":\"SKU-2\",\"qty\":2}]}";
        send("acme.SH01.place", place);
        send("acme.SH01.place", place); // a duplicate (redelivery, or the ERP sending twice)
        BusTap.Delivery reserved = awaitOrderEvent("order.reserved", "SO-1");
        assertThat(reserved.data()).containsEntry("status", "RESERVED");
        awaitCommands(2);
        assertThat(stock("SKU-1")).isEqualTo(new StockLevels(sku1.onHand(), sku1.usable() - 3, sku1.reserved() + 3));
        assertThat(stock("SKU-2")).isEqualTo(new StockLevels(sku2.onHand(), sku2.usable() - 2, sku2.reserved() + 2));
        // The picker picks both lines (the gateway's PICK operations with the order number).
        apply(core.acme, List.of(pick("SKU-1", 3, "SO-1"), pick("SKU-2", 2, "SO-1")));
        BusTap.Delivery picked = awaitOrderEvent("order.picked", "SO-1");
        assertThat(picked.data()).containsEntry("status", "PICKED");
        send("acme.SH01.ship", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-1\"}");
        send("acme.SH01.ship", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-1\"}");
        awaitOrderEvent("order.shipped", "SO-1");
        awaitCommands(4);
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE order_no = 'SO-1' AND type = 'SHIP'"))
                .as("one SHIP per SKU though the confirmation came twice").isEqualTo(2);
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE order_no = 'SO-1' AND type = 'RESERVE'"))
                .as("one RESERVE per SKU though the order came twice").isEqualTo(2);
        assertThat(status("SO-1")).isEqualTo("SHIPPED");
        Thread.sleep(200);
        assertThat(events("order.reserved", "SO-1").stream().map(BusTap.Delivery::messageId).distinct()).hasSize(1);
    }

    @Test
    void aLineThatCannotBeReservedRejectsTheOrderAndTheCompensationReleasesTheOtherLines() throws Exception {
        StockLevels before = stock("SKU-4");
        send("acme.SH01.place", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-2\",\"lines\":["
                + "{\"sku\":\"SKU-4\",\"qty\":2},{\"sku\":\"SKU-3\",\"qty\":5}]}");
        BusTap.Delivery rejected = awaitOrderEvent("order.rejected", "SO-2");
        assertThat(rejected.data()).containsEntry("line", 2).containsEntry("sku", "SKU-3")
                .containsEntry("code", "INSUFFICIENT_STOCK");
        assertThat(stock("SKU-4")).as("the reserved line was released again").isEqualTo(before);
        assertThat(stock("SKU-3")).isEqualTo(new StockLevels(1, 1, 0));
        core.awaitWriteBack(Duration.ofSeconds(10));
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE order_no = 'SO-2' AND type = 'RELEASE' AND status = "
                + "'APPLIED'")).isEqualTo(1);
        assertThat(status("SO-2")).isEqualTo("RELEASED");
        assertThat(events("order.reserved", "SO-2")).isEmpty();
    }

    @Test
    void aCancelThatOvertakesItsPlaceWinsAndACancelAfterReservingReleasesEverythingOnce() throws Exception {
        StockLevels before = stock("SKU-2");
        send("acme.SH01.cancel", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-3\"}");
        awaitOrderEvent("order.cancelled", "SO-3");
        int done = commandsTotal();
        send("acme.SH01.place", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-3\",\"lines\":["
                + "{\"sku\":\"SKU-2\",\"qty\":1}]}");
        awaitCommands(done + 1);
        assertThat(stock("SKU-2")).as("a cancelled order is never reserved").isEqualTo(before);
        assertThat(events("order.reserved", "SO-3")).isEmpty();

        // Through HTTP, the same path: place, cancel, cancel again.
        CoreClient.Reply placed = core.acme.post("/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                + "\"orderNo\":\"SO-4\",\"lines\":[{\"sku\":\"SKU-2\",\"qty\":4}]}");
        assertThat(placed.status()).isEqualTo(201);
        assertThat(stock("SKU-2").reserved()).isEqualTo(before.reserved() + 4);
        CoreClient.Reply cancelled = core.acme.post("/v1/orders/acme/SH01/SO-4/cancel", "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(core.json(cancelled.body())).containsEntry("status", "RELEASED");
        assertThat(core.acme.post("/v1/orders/acme/SH01/SO-4/cancel", "").status()).isEqualTo(200);
        assertThat(stock("SKU-2")).isEqualTo(before);
        awaitOrderEvent("order.cancelled", "SO-4");
        CoreClient.Reply again = core.acme.post("/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                + "\"orderNo\":\"SO-4\",\"lines\":[{\"sku\":\"SKU-2\",\"qty\":4}]}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("ORDER_CANCELLED");
        Thread.sleep(200);
        assertThat(events("order.cancelled", "SO-4")).hasSize(1);
    }

    @Test
    void anOrderStuckLongerThanAllowedIsFoundByTheScanReportedOnceAndListed() throws Exception {
        assertThat(core.acme.post("/v1/orders", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-5\","
                + "\"lines\":[{\"sku\":\"SKU-1\",\"qty\":1}]}").status()).isEqualTo(201);
        // Nobody picks it: it has been RESERVED for an hour (the scan reads the database clock).
        db.update("UPDATE orders SET status_since = CURRENT_TIMESTAMP(3) - INTERVAL 1 HOUR WHERE order_no = 'SO-5'");
        HttpResponse<String> scan = admin("POST", "/v1/admin/orders/scan");
        assertThat(scan.statusCode()).isEqualTo(200);
        assertThat(scan.body()).contains("\"orderNo\":\"SO-5\"").contains("\"status\":\"RESERVED\"");
        admin("POST", "/v1/admin/orders/scan");
        HttpResponse<String> listed = admin("GET", "/v1/admin/orders/stuck");
        assertThat(listed.body()).contains("\"orderNo\":\"SO-5\"");
        assertThat(core.acme.get("/metrics").body()).containsPattern("fg_core_orders_stuck [1-9]");
        BusTap.Delivery stuck = awaitOrderEvent("order.stuck", "SO-5");
        assertThat(((Number) stuck.data().get("stuckForSeconds")).longValue()).isGreaterThanOrEqualTo(3599);
        Thread.sleep(300);
        assertThat(events("order.stuck", "SO-5")).as("reported once though scanned twice").hasSize(1);
        assertThat(admin("GET", "/v1/admin/orders/stuck").statusCode()).isEqualTo(200);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(core.base
                + "/v1/admin/orders/stuck")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("without the admin token").isIn(401, 403);
    }

    @Test
    void anOrderLeftHalfWayIsFinishedByTheCompensationTask() throws Exception {
        StockLevels before = stock("SKU-4");
        // A core died while reserving SO-6: its first SKU is reserved, the order row says PENDING, nothing else.
        assertThat(apply(core.acme, Operation.builder().opId(OperationIds.newId()).tenant("acme").warehouse("SH01")
                .type(OperationType.RESERVE).sku("SKU-4").qty(3).orderNo("SO-6").deviceId("core-orders")
                .occurredAt(Instant.now().toString()).build()).status()).isEqualTo(ResultStatus.APPLIED);
        db.update("INSERT INTO orders (tenant, warehouse, order_no, status, status_since) VALUES ('acme', 'SH01', "
                + "'SO-6', 'PENDING', CURRENT_TIMESTAMP(3) - INTERVAL 1 MINUTE)");
        db.update("INSERT INTO order_lines (tenant, warehouse, order_no, line_no, sku, qty) VALUES ('acme', 'SH01', "
                + "'SO-6', 1, 'SKU-4', 3), ('acme', 'SH01', 'SO-6', 2, 'SKU-1', 1)");
        assertThat(stock("SKU-4").reserved()).isEqualTo(before.reserved() + 3);
        HttpResponse<String> scan = admin("POST", "/v1/admin/orders/scan");
        assertThat(scan.body()).contains("\"repaired\":1");
        assertThat(stock("SKU-4")).isEqualTo(before);
        assertThat(status("SO-6")).isEqualTo("RELEASED");
        BusTap.Delivery rejected = awaitOrderEvent("order.rejected", "SO-6");
        assertThat(rejected.data()).containsEntry("code", "ABANDONED");
    }

    @Test
    void anOrderCommandWhoseRoutingKeyNamesAnotherTenantIsDroppedAndBadOnesDoNotBlockTheQueue() throws Exception {
        int done = commandsTotal();
        send("beta.SH01.place", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-7\",\"lines\":["
                + "{\"sku\":\"SKU-1\",\"qty\":1}]}");
        send("acme.SH01.place", "{not json");
        send("acme.SH01.place", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-8\",\"lines\":["
                + "{\"sku\":\"NO-SUCH-SKU\",\"qty\":1}]}");
        send("acme.SH01.place", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"orderNo\":\"SO-9\",\"lines\":["
                + "{\"sku\":\"SKU-1\",\"qty\":1}]}");
        awaitOrderEvent("order.reserved", "SO-9");
        awaitCommands(done + 4);
        assertThat(status("SO-7")).isNull();
        assertThat(status("SO-8")).isNull();
        assertThat(core.acme.get("/metrics").body()).containsPattern("fg_core_orders_commands_total\\{outcome=\"invalid\"\\} [3-9]");
    }

    // ------------------------------------------------------------------ helpers

    private void send(String routingKey, String body) throws Exception {
        orders.basicPublish("floorgate.orders", routingKey, null, body.getBytes(StandardCharsets.UTF_8));
    }

    private BusTap.Delivery awaitOrderEvent(String type, String orderNo) throws Exception {
        return tap.await(d -> type.equals(d.type()) && orderNo.equals(d.data().get("orderNo")),
                Duration.ofSeconds(20), type + " of " + orderNo);
    }

    private List<BusTap.Delivery> events(String type, String orderNo) {
        return tap.all().stream().filter(d -> type.equals(d.type()) && orderNo.equals(d.data().get("orderNo")))
                .toList();
    }

    private int commandsTotal() {
        double total = 0;
        for (String line : core.acme.get("/metrics").body().split("\n")) {
            if (line.startsWith("fg_core_orders_commands_total{")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (int) total;
    }

    private void awaitCommands(int n) {
        CoreHarness.waitFor(() -> commandsTotal() >= n, Duration.ofSeconds(20), n + " order commands handled");
    }

    private String status(String orderNo) throws Exception {
        List<Map<String, Object>> rows = db.query("SELECT status FROM orders WHERE order_no = ?", orderNo);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }

    private StockLevels stock(String sku) {
        return core.bean(OperationEngine.class).stock("acme", "SH01", sku).orElseThrow();
    }

    private static Operation pick(String sku, long qty, String orderNo) {
        return Operation.builder().opId(OperationIds.newId()).tenant("acme").warehouse("SH01").type(OperationType.PICK)
                .sku(sku).qty(qty).orderNo(orderNo).deviceId("pda-1").operator("u-1")
                .occurredAt(Instant.now().toString()).build();
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(core.base + path))
                .header("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
