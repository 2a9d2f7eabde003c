package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.StockLevels;
import dev.floorgate.testing.RabbitProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Orders on the tenant's own MySQL connection (issue 17 item 4, docs/TENANTS.md): with acme's grants on its schema
 * revoked, acme's orders fail cleanly (HTTP 503, the bus command requeued) and nothing is written or reserved for
 * them, while beta's orders, events and the saga scan go on; after the re-grant acme's orders go through, once
 * each. gamma, never used before, has its pool first built under the revoke: its cancel is a 503 too, not a 500. Every step of the order path would pass on the core's own connection, so this fails if any still uses it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantOrdersIsolationTest {
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
        db = new TestDatabase("fg_torders_");
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri", rabbit.uri(), "fg.bus.retry-delay", "100ms",
                "fg.core.orders.scan-interval", "0s", "fg.core.orders.pending-timeout", "1m",
                "fg.core.orders.stuck-after", "30m"));
        core.seed(core.acme, "acme", "SH01", "SKU-1");
        core.seed(core.multi, "beta", "SH01", "SKU-1");
        apply(core.acme, List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 50)));
        apply(core.multi, List.of(op("beta", "SH01", OperationType.RECEIVE, "SKU-1", 50)));
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
        tap = BusTap.events(rabbit.uri(), "torders.saga", "*.SH01.order.*");
    }

    @AfterAll
    void stop() throws Exception {
        if (tap != null) {
            tap.close();
        }
        if (sender != null) {
            sender.abort();
        }
        if (core != null) {
            core.close();
        }
        db.close();
        redis.close();
        rabbit.close();
    }

    @Test
    void withAcmesGrantsRevokedAcmesOrdersFailCleanlyBetasGoOnAndAfterTheRegrantAcmesGoThroughOnce()
            throws Exception {
        // acme's pool is open and warm before the revoke: the case in which a path on the core's connection, or a
        // pooled connection keeping its old rights, would hide the revoke
        CoreClient.Reply warm = core.acme.post("/v1/orders", place("acme", "TO-A0", 1));
        assertThat(warm.status()).as(warm.body()).isEqualTo(201);
        awaitOrderEvent("acme", "order.reserved", "TO-A0");
        StockLevels acmeBefore = stock("acme");
        StockLevels betaBefore = stock("beta");

        db.revokeTenant("acme");
        // gamma (a tenant of the multi key) has never been used: its pool is first built under the revoke
        db.revokeTenant("gamma");
        try {
            // a tenant whose pool cannot even be built: 503, not a 500, and nothing recorded for the cancel
            CoreClient.Reply cold = core.multi.post("/v1/orders/gamma/SH01/TO-G1/cancel", "");
            assertThat(cold.status()).as(cold.body()).isEqualTo(503);
            assertThat(core.json(cold.body())).containsEntry("error", "UNAVAILABLE");
            assertNothingFor("TO-G1");

            // HTTP: 503 with the code a database outage gets, and nothing of the order anywhere
            CoreClient.Reply refused = core.acme.post("/v1/orders", place("acme", "TO-A1", 2));
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(core.json(refused.body())).containsEntry("error", "UNAVAILABLE");
            // the bus: the same order command is requeued (retried), not acknowledged, not dropped
            int retried = commands("retried");
            int done = commands("done");
            send("acme.SH01.place", place("acme", "TO-A2", 3));
            CoreHarness.waitFor(() -> commands("retried") >= retried + 2, Duration.ofSeconds(60),
                    "acme's place command retried twice");
            assertThat(commands("done")).as("acme's command is not done while its grants are revoked")
                    .isEqualTo(done);
            assertNothingFor("TO-A1");
            assertNothingFor("TO-A2");
            assertThat(stock("acme")).as("nothing reserved for acme").isEqualTo(acmeBefore);

            // beta: HTTP and bus orders go through, their events out through beta's own outbox and the relay
            CoreClient.Reply beta = core.multi.post("/v1/orders", place("beta", "TO-B1", 4));
            assertThat(beta.status()).as(beta.body()).isEqualTo(201);
            assertThat(core.json(beta.body())).containsEntry("status", "RESERVED");
            send("beta.SH01.place", place("beta", "TO-B2", 5));
            awaitOrderEvent("beta", "order.reserved", "TO-B1");
            awaitOrderEvent("beta", "order.reserved", "TO-B2");
            assertThat(stock("beta")).isEqualTo(new StockLevels(betaBefore.onHand(), betaBefore.usable() - 9,
                    betaBefore.reserved() + 9));
            assertThat(status("beta", "TO-B1")).isEqualTo("RESERVED");
            assertThat(status("beta", "TO-B2")).isEqualTo("RESERVED");

            // the saga scan runs tenant by tenant: beta's stuck order is found and reported, acme is named failed
            db.update("UPDATE orders SET status_since = CURRENT_TIMESTAMP(3) - INTERVAL 1 HOUR WHERE tenant = 'beta' "
                    + "AND order_no = 'TO-B1'");
            HttpResponse<String> scan = admin("POST", "/v1/admin/orders/scan");
            assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
            assertThat(scan.body()).contains("\"orderNo\":\"TO-B1\"");
            assertThat(core.json(scan.body()).get("failedTenants")).as(scan.body()).isEqualTo(List.of("acme", "gamma"));
            BusTap.Delivery stuck = awaitOrderEvent("beta", "order.stuck", "TO-B1");
            assertThat(stuck.data()).containsEntry("status", "RESERVED");
            assertThat(db.count("SELECT COUNT(*) FROM orders WHERE tenant = 'beta' AND order_no = 'TO-B1' AND "
                    + "stuck_reported = 'RESERVED'")).isEqualTo(1);
        } finally {
            db.grantTenant("acme");
            db.grantTenant("gamma");
        }
        CoreClient.Reply cancelled = core.multi.post("/v1/orders/gamma/SH01/TO-G1/cancel", "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(core.json(cancelled.body())).containsEntry("status", "RELEASED");
        awaitOrderEvent("gamma", "order.cancelled", "TO-G1");
        assertThat(status("gamma", "TO-G1")).isEqualTo("RELEASED");

        // after the re-grant: the requeued bus command goes through, and the HTTP order once its pool reconnects
        awaitOrderEvent("acme", "order.reserved", "TO-A2");
        CoreClient.Reply placed = null;
        for (int tries = 0; tries < 10; tries++) {
            placed = core.acme.post("/v1/orders", place("acme", "TO-A1", 2));
            if (placed.status() != 503) {
                break; // 503 only while the pool still backs off from the refused logins
            }
        }
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        awaitOrderEvent("acme", "order.reserved", "TO-A1");
        assertThat(stock("acme")).isEqualTo(new StockLevels(acmeBefore.onHand(), acmeBefore.usable() - 5,
                acmeBefore.reserved() + 5));
        core.awaitWriteBack(Duration.ofSeconds(20));
        for (String orderNo : List.of("TO-A1", "TO-A2")) {
            assertThat(status("acme", orderNo)).isEqualTo("RESERVED");
            assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE tenant = 'acme' AND order_no = ? AND type = "
                    + "'RESERVE' AND status = 'APPLIED'", orderNo)).as(orderNo + " reserved once").isEqualTo(1);
            assertThat(events("acme", "order.reserved", orderNo).stream().map(BusTap.Delivery::messageId).distinct())
                    .as(orderNo + ": one order.reserved").hasSize(1);
        }
        // and the tenant outboxes are drained into the shared one (nothing stuck in a tenant schema)
        CoreHarness.waitFor(() -> {
            try {
                long waiting = 0;
                for (String tenant : List.of("acme", "beta", "gamma")) {
                    waiting += db.count("SELECT COUNT(*) FROM `" + db.tenantSchema(tenant) + "`.event_outbox");
                }
                return waiting == 0;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(20), "the tenant outboxes relayed");
    }

    // ------------------------------------------------------------------ helpers

    private static String place(String tenant, String orderNo, int qty) {
        return "{\"command\":\"place\",\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\",\"orderNo\":\"" + orderNo
                + "\",\"lines\":[{\"sku\":\"SKU-1\",\"qty\":" + qty + ",\"location\":\"A-01-01\"}]}";
    }

    /** No row of the order in any order table, no ledger entry, no change, no event. */
    private void assertNothingFor(String orderNo) throws Exception {
        assertThat(db.count("SELECT COUNT(*) FROM orders WHERE order_no = ?", orderNo)).as(orderNo).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM order_lines WHERE order_no = ?", orderNo)).as(orderNo).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM reservations WHERE order_no = ?", orderNo)).as(orderNo).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM ledger WHERE order_no = ?", orderNo)).as(orderNo).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM changes WHERE kind = ? AND ref = ?", ChangeLog.ORDER,
                orderNo)).as(orderNo).isZero();
        assertThat(tap.all().stream().filter(d -> orderNo.equals(d.data().get("orderNo"))).toList()).isEmpty();
    }

    private void send(String routingKey, String body) throws Exception {
        orders.basicPublish("floorgate.orders", routingKey, null, body.getBytes(StandardCharsets.UTF_8));
    }

    private BusTap.Delivery awaitOrderEvent(String tenant, String type, String orderNo) throws Exception {
        return tap.await(d -> type.equals(d.type()) && d.routingKey().startsWith(tenant + ".")
                && orderNo.equals(d.data().get("orderNo")), Duration.ofSeconds(30), type + " of " + orderNo);
    }

    private List<BusTap.Delivery> events(String tenant, String type, String orderNo) {
        return tap.all().stream().filter(d -> type.equals(d.type()) && d.routingKey().startsWith(tenant + ".")
                && orderNo.equals(d.data().get("orderNo"))).toList();
    }

    private int commands(String outcome) {
        String prefix = "fg_core_orders_commands_total{outcome=\"" + outcome + "\"}";
        for (String line : core.multi.get("/metrics").body().split("\n")) {
            if (line.startsWith(prefix)) {
                return (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private String status(String tenant, String orderNo) throws Exception {
        List<Map<String, Object>> rows = db.query("SELECT status FROM orders WHERE tenant = ? AND order_no = ?",
                tenant, orderNo);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }

    private StockLevels stock(String tenant) {
        return core.bean(OperationEngine.class).stock(tenant, "SH01", "SKU-1").orElseThrow();
    }

    private HttpResponse<String> admin(String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(core.base + path))
                .header("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
