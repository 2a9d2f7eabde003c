package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.floorgate.testing.RabbitProcess;
import io.micronaut.context.exceptions.NoSuchBeanException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Parcel announcements over RabbitMQ (EVENTS.md "Parcels in"): the real core, real MariaDB and Redis, and a RabbitMQ
 * node of the test's own (the last test SIGKILLs and restarts it). An announcement on the bus goes the HTTP path:
 * a parcel in the gateways' feed and a parcel.announced event; a redelivery is one parcel and one event; another
 * tenant's key, a malformed body or another customer's number is refused, acknowledged once and told as a
 * parcel.announcement_rejected event to the publishing tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ParcelCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EXCHANGE = "floorgate.parcels";
    private RabbitProcess rabbit;
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;
    private BusTap acmeTap;
    private BusTap betaTap;
    private Connection sender;
    private Channel channel;

    @BeforeAll
    void start() throws Exception {
        rabbit = RabbitProcess.startNew();
        redis = RedisProcess.standalone();
        db = new TestDatabase("fg_pbus_");
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri", rabbit.uri(), "fg.bus.poll-interval", "20ms",
                "fg.bus.retry-delay", "100ms"));
        CoreHarness.waitFor(() -> core.bean(EventPublisher.class).up(), WAIT, "the publisher up");
        CoreHarness.require(core.acme.put("/v1/warehouses/acme/SH01", ""), 200);
        CoreHarness.require(core.multi.put("/v1/warehouses/beta/SH01", ""), 200);
        CoreHarness.waitFor(() -> {
            try {
                connectSender();
                // its consumer, not just the queue: a message sent between the core's declare and bind is dropped
                return channel.queueDeclarePassive("floorgate.core.parcels").getConsumerCount() > 0;
            } catch (Exception e) {
                return false;
            }
        }, WAIT, "the core's parcels queue");
        acmeTap = BusTap.events(rabbit.uri(), "acme.test.pbus", "acme.*.parcel.*");
        betaTap = BusTap.events(rabbit.uri(), "beta.test.pbus", "beta.*.parcel.*");
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {acmeTap, betaTap, core, db, redis, rabbit}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    @Order(1)
    @SuppressWarnings("unchecked")
    void anAnnouncementOnTheBusBecomesAParcelInTheGatewaysFeedWithItsEvent() throws Exception {
        String cursor = feedCursor();
        send("acme.SH01.announce", "m-1", one("acme", "SH01", "C-100", "1z 5r8 939 0357567127"));
        BusTap.Delivery announced = announced("1Z5R89390357567127");
        assertThat(announced.routingKey()).isEqualTo("acme.SH01.parcel.announced");
        assertThat(announced.data()).containsEntry("customer", "C-100").containsEntry("carrier", "UPS")
                .containsEntry("state", "ANNOUNCED").containsEntry("trackingNumber", "1z 5r8 939 0357567127");
        List<Map<String, Object>> items = feed(cursor);
        assertThat(items).hasSize(1);
        assertThat(items.get(0)).containsEntry("parcelId", announced.data().get("parcelId"))
                .containsEntry("trackingKey", "1Z5R89390357567127").containsEntry("customer", "C-100");
    }

    @Test
    @Order(2)
    void theSameMessageDeliveredTwiceIsOneParcelAndOneAnnouncedEvent() throws Exception {
        String cursor = feedCursor();
        String body = one("acme", "SH01", "C-200", "RR987654326CN");
        send("acme.SH01.announce", "m-twice", body);
        send("acme.SH01.announce", "m-twice", body); // a redelivery, or the storefront sending again
        send("acme.SH01.announce", "m-after-twice", one("acme", "SH01", "C-200", "QXB0000002"));
        announced("QXB0000002"); // one consumer, in queue order: both copies were handled before it
        List<Map<String, Object>> items = feed(cursor);
        assertThat(items.stream().filter(p -> "RR987654326CN".equals(p.get("trackingKey")))).hasSize(1);
        String id = (String) announced("RR987654326CN").data().get("parcelId");
        assertThat(acmeTap.ofType("parcel.announced").stream().filter(d -> id.equals(d.data().get("parcelId")))
                .map(BusTap.Delivery::messageId).distinct()).as("one parcel.announced event").hasSize(1);
    }

    @Test
    @Order(3)
    void anotherTenantsRoutingKeyWithAcmesBodyIsRefusedToThePublisherAndNothingIsStored() throws Exception {
        String cursor = feedCursor();
        send("beta.SH01.announce", "m-foreign", one("acme", "SH01", "C-300", "QXB0000003"));
        BusTap.Delivery rejected = betaTap.await(d -> ParcelCommandConsumer.REJECTED.equals(d.type())
                && "m-foreign".equals(d.data().get("messageId")), WAIT, "the rejection of m-foreign");
        assertThat(rejected.routingKey()).isEqualTo("beta.SH01.parcel.announcement_rejected");
        assertThat(rejected.data()).containsEntry("code", "TENANT_FORBIDDEN")
                .containsEntry("routingKey", "beta.SH01.announce").containsEntry("trackingNumber", "QXB0000003");
        assertThat((String) rejected.data().get("message")).contains("'acme'").contains("'beta'");
        assertThat(feed(cursor)).as("nothing stored for acme").isEmpty();
        assertThat(acmeTap.all()).noneMatch(d -> "m-foreign".equals(d.data().get("messageId")));
    }

    @Test
    @Order(4)
    void aMalformedOrInvalidMessageIsRejectedWithAnEventAndAcknowledgedOnce() throws Exception {
        int invalidBefore = commands("invalid");
        int retriedBefore = commands("retried");
        send("acme.SH01.announce", "m-broken", "{not json");
        send("acme.SH01.announce", "m-no-number", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"customer\":\"C-4\"}");
        send("acme.SH01.withdraw", "m-bad-command", one("acme", "SH01", "C-4", "QXB0000004"));
        send("acme.SH01.announce", "m-after-broken", one("acme", "SH01", "C-4", "QXB0000005"));
        announced("QXB0000005");
        assertThat(rejection("m-broken").data()).containsEntry("code", "MALFORMED_JSON");
        assertThat(rejection("m-no-number").data()).containsEntry("code", "INVALID")
                .containsEntry("message", "trackingNumber: is required");
        assertThat((String) rejection("m-bad-command").data().get("message")).contains("must be 'announce'");
        CoreHarness.waitFor(() -> commands("invalid") >= invalidBefore + 3, WAIT, "three invalid counted");
        assertThat(commands("invalid")).as("each acknowledged once, not looping").isEqualTo(invalidBefore + 3);
        assertThat(commands("retried")).isEqualTo(retriedBefore);
        assertThat(core.acme.get("/v1/parcels?tenant=acme&customer=C-4").body()).contains("QXB0000005")
                .doesNotContain("QXB0000004");
    }

    @Test
    @Order(5)
    void anotherCustomersNumberIsAConflictToldAsARejectionAndTheParcelStaysItsOwners() throws Exception {
        CoreHarness.require(core.acme.post("/v1/parcels/announcements", one("acme", "SH01", "C-500", "QXB0000006")),
                201);
        send("acme.SH01.announce", "m-conflict", one("acme", "SH01", "C-501", "qxb-0000006"));
        BusTap.Delivery rejected = rejection("m-conflict");
        assertThat(rejected.data()).containsEntry("code", "CUSTOMER_CONFLICT").containsEntry("customer", "C-500")
                .containsEntry("index", null);
        assertThat((String) rejected.data().get("message")).contains("C-500").contains("C-501");
        assertThat(core.acme.get("/v1/parcels?tenant=acme&customer=C-501").body()).doesNotContain("QXB0000006");
    }

    @Test
    @Order(6)
    void aBatchOf500IsFiveHundredParcelsInTheFeed() throws Exception {
        String cursor = feedCursor();
        StringBuilder b = new StringBuilder("{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"announcements\":[");
        for (int i = 0; i < 500; i++) {
            b.append(i == 0 ? "" : ",").append("{\"customer\":\"C-600\",\"trackingNumber\":\"")
                    .append(number(100_000 + i)).append("\"}");
        }
        send("acme.SH01.announce", "m-batch", b.append("]}").toString());
        announced(number(100_499));
        Set<String> keys = new HashSet<>();
        feed(cursor).forEach(p -> keys.add((String) p.get("trackingKey")));
        for (int i = 0; i < 500; i++) {
            assertThat(keys).contains(number(100_000 + i));
        }
        assertThat(keys).hasSize(500);
    }

    @Test
    @Order(7)
    void theBrokerKilledAndRestartedMidStreamLosesNoAnnouncementAndDuplicatesNone() throws Exception {
        String cursor = feedCursor();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            numbers.add(number(200_000 + i));
        }
        for (int i = 0; i < 150; i++) {
            send("acme.SH01.announce", "m-kill-" + i, one("acme", "SH01", "C-700", numbers.get(i)));
        }
        rabbit.kill(); // while the core works through the first half: unacked ones come again after the restart
        rabbit.start();
        for (int i = 150; i < 300; i++) {
            send("acme.SH01.announce", "m-kill-" + i, one("acme", "SH01", "C-700", numbers.get(i)));
        }
        Map<String, Set<String>> eventIdsByKey = new HashMap<>();
        for (String n : numbers) {
            announced(n);
        }
        for (BusTap.Delivery d : acmeTap.ofType("parcel.announced")) {
            eventIdsByKey.computeIfAbsent((String) d.data().get("trackingKey"), k -> new HashSet<>())
                    .add(d.messageId());
        }
        Map<String, Integer> parcelsByKey = new HashMap<>();
        feed(cursor).forEach(p -> parcelsByKey.merge((String) p.get("trackingKey"), 1, Integer::sum));
        for (String n : numbers) {
            assertThat(parcelsByKey.get(n)).as("parcels of %s", n).isEqualTo(1);
            assertThat(eventIdsByKey.get(n)).as("parcel.announced events of %s (by id)", n).hasSize(1);
        }
        assertThat(parcelsByKey).hasSize(300);
    }

    @Test
    @Order(8)
    void withParcelsSwitchedOffACoreReadsNoAnnouncementsFromTheBusButStillTakesThemOverHttp() throws Exception {
        try (CoreHarness off = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri", rabbit.uri(),
                "fg.bus.parcels-enabled", "false", "fg.bus.parcels-queue", "floorgate.core.parcels-off"))) {
            assertThatThrownBy(() -> off.bean(ParcelCommandConsumer.class)).isInstanceOf(NoSuchBeanException.class);
            assertThat(off.bean(OrderCommandConsumer.class)).isNotNull();
            CoreHarness.require(off.acme.post("/v1/parcels/announcements", one("acme", "SH01", "C-800",
                    "QXB0000008")), 201);
            connectSender();
            assertThatThrownBy(() -> sender.createChannel().queueDeclarePassive("floorgate.core.parcels-off"))
                    .hasStackTraceContaining("NOT_FOUND");
        }
    }

    @Test
    @Order(9)
    void aTenantsAccountAnnouncesItsOwnParcelsAndTheBrokerRefusesAnotherTenantsKey() throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts/rabbitmq-tenant-user.sh");
        rabbit.script(script, "acme", "acme-storefront-secret");
        ConnectionFactory f = new ConnectionFactory();
        f.setUri("amqp://acme:acme-storefront-secret@127.0.0.1:" + rabbit.port + "/%2F");
        f.setAutomaticRecoveryEnabled(false);
        try (Connection storefront = f.newConnection("acme-storefront")) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("m-account").deliveryMode(2)
                    .build();
            Channel own = storefront.createChannel();
            own.confirmSelect();
            own.basicPublish(EXCHANGE, "acme.SH01.announce", props, one("acme", "SH01", "C-900", "QXB0000009")
                    .getBytes(StandardCharsets.UTF_8));
            own.waitForConfirmsOrDie(10_000);
            announced("QXB0000009");
            Channel foreign = storefront.createChannel();
            foreign.confirmSelect();
            assertThatThrownBy(() -> {
                foreign.basicPublish(EXCHANGE, "beta.SH01.announce", props, one("beta", "SH01", "C-901",
                        "QXB0000010").getBytes(StandardCharsets.UTF_8));
                foreign.waitForConfirmsOrDie(10_000);
            }).hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    @Test
    @Order(10)
    void anAnnouncementOfATenantNotAddedYetIsRequeuedUntilCentralItAddsItThenStoredOnce() throws Exception {
        try (RedisProcess lateRedis = RedisProcess.standalone(); TestDatabase lateDb = new TestDatabase("fg_pbus_late_");
                CoreHarness late = CoreHarness.start(lateRedis.uri(), lateDb, Map.of("fg.bus.uri", rabbit.uri(),
                        "fg.bus.retry-delay", "100ms", "fg.mysql.add-tenants-at-start", "false",
                        "fg.bus.parcels-exchange", "floorgate.parcels.late", "fg.bus.parcels-queue",
                        "floorgate.core.parcels.late", "fg.bus.orders-queue", "floorgate.core.orders.late"))) {
            // gamma's master data goes through its own connection, which it has not got yet (issue 17 item 4):
            // its warehouse PUT waits for central IT like its parcels; the warehouse is put into the shared table
            // directly, as a database from before the tenant schemas holds it
            CoreClient.Reply early = late.multi.put("/v1/warehouses/gamma/SH01", "");
            assertThat(early.status()).as(early.body()).isEqualTo(503);
            assertThat(early.body()).contains("TENANT_NOT_ADDED");
            try (java.sql.Connection c = lateDb.connect(); java.sql.Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO warehouses (tenant, warehouse) VALUES ('gamma', 'SH01')");
            }
            CoreHarness.waitFor(() -> {
                try {
                    connectSender();
                    // its consumer, not just the queue: the core declares the queue, binds it, then consumes, and
                    // a message sent between the first two would be unroutable and dropped
                    return sender.createChannel().queueDeclarePassive("floorgate.core.parcels.late")
                            .getConsumerCount() > 0;
                } catch (Exception e) {
                    return false;
                }
            }, WAIT, "the late core's parcels queue");
            send("floorgate.parcels.late", "gamma.SH01.announce", "m-late", one("gamma", "SH01", "C-1", "QXB0000011"));
            CoreHarness.waitFor(() -> commands(late, "retried") >= 2, WAIT, "the announcement requeued twice");
            assertThat(commands(late, "done")).isZero();

            String[] added = TenantSchemasTest.tenantCommand("add", "gamma", "--url", lateDb.url());
            assertThat(added[0]).as(added[2]).isEqualTo("0");
            CoreHarness.waitFor(() -> commands(late, "done") == 1, WAIT, "the announcement stored");
            CoreClient.Reply feed = late.multi.get("/v1/parcels/changes?tenant=gamma&warehouse=SH01");
            CoreHarness.require(feed, 200);
            assertThat((List<?>) late.json(feed.body()).get("items")).hasSize(1);
            assertThat(feed.body()).contains("QXB0000011").contains("C-1");
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String one(String tenant, String warehouse, String customer, String tracking) {
        return "{\"tenant\":\"" + tenant + "\",\"warehouse\":\"" + warehouse + "\",\"customer\":\"" + customer
                + "\",\"customerName\":\"Customer " + customer + "\",\"trackingNumber\":\"" + tracking + "\"}";
    }

    /** Plain Code 128 text of no carrier's format: its tracking key is itself. */
    private static String number(int n) {
        return String.format("QXB%07d", n);
    }

    private void connectSender() throws Exception {
        if (sender != null && sender.isOpen() && channel != null && channel.isOpen()) {
            return;
        }
        if (sender != null) {
            sender.abort(1000);
        }
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(rabbit.uri());
        f.setAutomaticRecoveryEnabled(false);
        sender = f.newConnection("test-storefront");
        channel = sender.createChannel();
        channel.confirmSelect();
    }

    /** Publishes persistently and waits for the broker's confirm, sending again while the broker is away. */
    private void send(String routingKey, String messageId, String body) throws Exception {
        send(EXCHANGE, routingKey, messageId, body);
    }

    private void send(String exchange, String routingKey, String messageId, String body) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(messageId).deliveryMode(2)
                .contentType("application/json").build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                connectSender();
                channel.basicPublish(exchange, routingKey, props, body.getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(10_000);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not publish " + messageId + ": " + e, e);
                }
                Thread.sleep(200);
            }
        }
    }

    private BusTap.Delivery announced(String trackingKey) throws Exception {
        return acmeTap.await(d -> "parcel.announced".equals(d.type()) && trackingKey.equals(d.data().get(
                "trackingKey")), WAIT, "parcel.announced of " + trackingKey);
    }

    private BusTap.Delivery rejection(String messageId) throws Exception {
        return acmeTap.await(d -> ParcelCommandConsumer.REJECTED.equals(d.type()) && messageId.equals(
                d.data().get("messageId")), WAIT, "the rejection of " + messageId);
    }

    private String feedCursor() {
        String next = "";
        while (true) {
            Map<String, Object> page = page(next);
            if (((List<?>) page.get("items")).isEmpty()) {
                return next;
            }
            next = (String) page.get("next");
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> feed(String after) {
        List<Map<String, Object>> all = new ArrayList<>();
        String next = after;
        while (true) {
            Map<String, Object> page = page(next);
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
            if (items.isEmpty()) {
                return all;
            }
            all.addAll(items);
            next = (String) page.get("next");
        }
    }

    private Map<String, Object> page(String after) {
        CoreClient.Reply r = core.acme.get("/v1/parcels/changes?tenant=acme&warehouse=SH01&limit=1000&after=" + after);
        CoreHarness.require(r, 200);
        return core.json(r.body());
    }

    /** fg_core_parcels_commands_total of one outcome. */
    private int commands(String outcome) {
        return commands(core, outcome);
    }

    private static int commands(CoreHarness core, String outcome) {
        for (String line : core.acme.get("/metrics").body().split("\n")) {
            if (line.startsWith("fg_core_parcels_commands_total{outcome=\"" + outcome + "\"")) {
                return (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
