package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.testing.RabbitProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Replenishment suggestions as events (issue 15 items 1 and 3; EVENTS.md, {@code replenishment.suggested}), with a
 * RabbitMQ node, Redis and a MariaDB database of the test's own: 28 days of picks make FAST due for an order
 * (acme and beta) and SLOW not. The consumers' queues are bound before anything is published, so each sees
 * every suggestion event there is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuggestionEventsTest {
    private static final int DAYS = 28;
    private static final Map<String, String> ADMIN = Map.of("Authorization", "Bearer " + CoreHarness.ADMIN_TOKEN);
    private RabbitProcess rabbit;
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;
    private LocalDate today;
    private BusTap all;
    private BusTap acmeAccount;
    private boolean coreStopped;

    @BeforeAll
    void start() throws Exception {
        rabbit = RabbitProcess.startNew();
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri", rabbit.uri(), "fg.bus.poll-interval", "20ms",
                "fg.core.replenishment.history-days", Integer.toString(DAYS)));
        core.seed(core.acme, "acme", "SH01", "FAST", "SLOW");
        core.seed(core.multi, "beta", "SH01", "FAST");
        today = LocalDate.now(ZoneOffset.UTC);
        // one day at a time, each written back before the next, so ledger ids follow the days
        for (int ago = DAYS + 1; ago >= 1; ago--) {
            boolean first = ago == DAYS + 1;
            apply(core.acme, List.of(at(op("acme", "SH01", first ? OperationType.RECEIVE : OperationType.PICK,
                    "FAST", first ? 1000 : 30), ago), at(op("acme", "SH01", first ? OperationType.RECEIVE
                    : OperationType.PICK, "SLOW", first ? 1000 : 1), ago)));
            apply(core.multi, at(op("beta", "SH01", first ? OperationType.RECEIVE : OperationType.PICK, "FAST",
                    first ? 1000 : 30), ago));
            core.awaitWriteBack(Duration.ofSeconds(20));
        }
        db.update("UPDATE ledger SET recorded_at = STR_TO_DATE(LEFT(occurred_at, 19), '%Y-%m-%dT%H:%i:%s')");
        CoreHarness.waitFor(() -> core.bean(EventPublisher.class).up(), Duration.ofSeconds(20), "the publisher up");
        all = BusTap.events(rabbit.uri(), "test.suggestions", "*.*.replenishment.suggested");
        rabbit.script(Path.of(System.getProperty("user.dir")).getParent().resolve("scripts/rabbitmq-tenant-user.sh"),
                "acme", "acme-planner-secret");
        acmeAccount = BusTap.events(acmeUri(), "acme.planner", "acme.#");
    }

    private String acmeUri() {
        return "amqp://acme:acme-planner-secret@127.0.0.1:" + rabbit.port + "/%2F";
    }

    private Operation at(Operation op, int daysAgo) {
        return op.toBuilder().occurredAt(today.minusDays(daysAgo).atTime(10, 0).toInstant(ZoneOffset.UTC).toString())
                .build();
    }

    @AfterAll
    void stop() throws Exception {
        all.close();
        acmeAccount.close();
        if (!coreStopped) {
            core.close();
        }
        db.close();
        redis.close();
        rabbit.close();
    }

    private Map<String, Object> publish(String query) {
        CoreClient.Reply r = core.acme.unsigned("POST", "/v1/admin/replenishment/publish" + query, "", ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return core.json(r.body());
    }

    @Test
    @Order(1)
    void theSuggestionsDueGoOutWithTheRoutingKeyTheDerivedIdAndEveryFigure() throws Exception {
        Map<String, Object> answer = publish("?tenant=acme&warehouse=SH01");
        String id = SuggestionEvents.eventId("acme", "SH01", today, "FAST");
        assertThat(answer).containsEntry("events", 1);
        assertThat(answer.get("warehouses").toString()).contains("skus=[FAST]").contains(id)
                .doesNotContain("SLOW");
        BusTap.Delivery d = all.await(x -> id.equals(x.messageId()), Duration.ofSeconds(20), "FAST's suggestion");
        assertThat(d.routingKey()).isEqualTo("acme.SH01.replenishment.suggested");
        assertThat(d.type()).isEqualTo("replenishment.suggested");
        assertThat(d.persistent()).isTrue();
        assertThat(d.body()).containsEntry("schema", "floorgate.event/1").containsEntry("eventId", id)
                .containsEntry("type", "replenishment.suggested").containsEntry("tenant", "acme")
                .containsEntry("warehouse", "SH01");
        // the payload is the suggestion GET /v1/replenishment shows, figure for figure
        Map<String, Object> item = item(core.json(core.acme.get("/v1/replenishment?tenant=acme&warehouse=SH01")
                .body()), "FAST");
        Map<String, Object> data = d.data();
        assertThat(data).containsEntry("sku", "FAST").containsEntry("day", today.toString());
        for (String k : List.of("orderQty", "position", "onHand", "reorderPoint", "orderUpTo", "safetyStock",
                "dailyForecast", "leadTimeDemand", "errorSd", "method", "censoredDays", "settings")) {
            assertThat(data.get(k)).as(k).isEqualTo(item.get(k));
        }
        assertThat(((Number) data.get("orderQty")).longValue()).isPositive();
        assertThat(data).containsEntry("onHand", 1000 - 30 * DAYS).containsKeys("protectionDemand", "z",
                "historyDays");
        assertThat(data.get("settings").toString()).contains("leadTimeDays=7").contains("serviceLevel=0.95");
    }

    @Test
    @Order(2)
    void publishingTwiceTheSameDayGivesTheSameEventIdsAndNoSecondEvent() throws Exception {
        String id = SuggestionEvents.eventId("acme", "SH01", today, "FAST");
        Map<String, Object> first = publish("?tenant=acme&warehouse=SH01");
        Map<String, Object> second = publish("?tenant=acme&warehouse=SH01");
        assertThat(second.get("warehouses")).isEqualTo(first.get("warehouses"));
        assertThat(first.get("warehouses").toString()).contains(id);
        all.await(x -> id.equals(x.messageId()), Duration.ofSeconds(20), "FAST's suggestion");
        CoreHarness.waitFor(() -> core.bean(EventPublisher.class).backlog() == 0, Duration.ofSeconds(20), "backlog 0");
        Thread.sleep(300);
        List<BusTap.Delivery> fastToday = all.all().stream().filter(x -> x.routingKey().startsWith("acme.")
                && today.toString().equals(x.data().get("day")) && "FAST".equals(x.data().get("sku"))).toList();
        assertThat(fastToday).extracting(BusTap.Delivery::messageId).containsOnly(id);
        assertThat(db.count("SELECT COUNT(*) FROM event_outbox WHERE event_id = ?", id)).isEqualTo(1);
        // the id is the day's: tomorrow's suggestion of the same SKU is a new event, another tenant's another one
        assertThat(SuggestionEvents.eventId("acme", "SH01", today.plusDays(1), "FAST")).isNotEqualTo(id);
        assertThat(SuggestionEvents.eventId("beta", "SH01", today, "FAST")).isNotEqualTo(id);
        assertThat(SuggestionEvents.eventId("acme", "SH02", today, "FAST")).isNotEqualTo(id);
        // the rule as EVENTS.md states it, with its example's id: a consumer may recompute it
        assertThat(SuggestionEvents.eventId("acme", "SH01", LocalDate.parse("2026-12-05"), "SKU-1"))
                .isEqualTo("e2cbdafe-9b58-305a-ab5e-21abd141b2d3");
    }

    @Test
    @Order(3)
    void anotherTenantsConsumerDoesNotSeeTheSuggestions() throws Exception {
        Map<String, Object> answer = publish(""); // every warehouse, as the schedule does
        String acme = SuggestionEvents.eventId("acme", "SH01", today, "FAST");
        String beta = SuggestionEvents.eventId("beta", "SH01", today, "FAST");
        assertThat(answer).containsEntry("events", 2);
        // beta's suggestion went out (the guest queue bound to every tenant has it) ...
        all.await(x -> beta.equals(x.messageId()), Duration.ofSeconds(20), "beta's suggestion");
        assertThat(all.all()).filteredOn(x -> beta.equals(x.messageId())).allSatisfy(x ->
                assertThat(x.routingKey()).isEqualTo("beta.SH01.replenishment.suggested"));
        // ... acme's account gets acme's and never beta's
        acmeAccount.await(x -> acme.equals(x.messageId()), Duration.ofSeconds(20), "acme's suggestion");
        Thread.sleep(300);
        assertThat(acmeAccount.all()).allSatisfy(x -> assertThat(x.routingKey()).startsWith("acme."))
                .noneMatch(x -> beta.equals(x.messageId()));
        // and it cannot bind to beta's suggestions at all
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(acmeUri());
        try (Connection c = f.newConnection("acme-snoop")) {
            Channel ch = c.createChannel();
            assertThatThrownBy(() -> ch.queueBind("acme.planner", "floorgate.events", "beta.*.replenishment.suggested"))
                    .hasStackTraceContaining("ACCESS_REFUSED");
            Channel wildcard = c.createChannel();
            assertThatThrownBy(() -> wildcard.queueBind("acme.planner", "floorgate.events",
                    "*.*.replenishment.suggested")).hasStackTraceContaining("ACCESS_REFUSED");
        }
    }

    @Test
    @Order(4)
    void theAdminEndpointWantsTheAdminTokenAndValidCodes() {
        assertThat(core.acme.post("/v1/admin/replenishment/publish?tenant=acme&warehouse=SH01", "").status())
                .as("a gateway's signature is not the admin token").isEqualTo(401);
        assertThat(core.acme.unsigned("POST", "/v1/admin/replenishment/publish", "", Map.of("Authorization",
                "Bearer wrong")).status()).isEqualTo(401);
        CoreClient.Reply bad = core.acme.unsigned("POST", "/v1/admin/replenishment/publish?tenant=acme&warehouse="
                + "a%2Fb", "", ADMIN);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("warehouse: must be 1 to 64 letters");
        CoreClient.Reply half = core.acme.unsigned("POST", "/v1/admin/replenishment/publish?tenant=acme", "", ADMIN);
        assertThat(half.status()).isEqualTo(400);
    }

    @Test
    @Order(5)
    void aCoreWithoutABusAnswersBusOff() {
        try (CoreHarness plain = CoreHarness.start(redis.uri(), db, Map.of("fg.core.writeback.enabled", "false"))) {
            CoreClient.Reply r = plain.acme.unsigned("POST", "/v1/admin/replenishment/publish?tenant=acme&warehouse="
                    + "SH01", "", ADMIN);
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.body()).contains("\"error\":\"BUS_OFF\"").contains("fg.bus.uri");
        }
    }

    @Test
    @Order(6)
    void theScheduleRunsOnItsGridForEveryWarehouse() throws Exception {
        LocalTime two = LocalTime.of(2, 0);
        Instant day = Instant.parse("2026-12-05T00:00:00Z");
        assertThat(SuggestionPublishJob.next(day.plusSeconds(3600), two, Duration.ofDays(1)))
                .isEqualTo(Instant.parse("2026-12-05T02:00:00Z"));
        assertThat(SuggestionPublishJob.next(Instant.parse("2026-12-05T02:00:00Z"), two, Duration.ofDays(1)))
                .isEqualTo(Instant.parse("2026-12-05T02:00:00Z"));
        assertThat(SuggestionPublishJob.next(Instant.parse("2026-12-05T02:00:00.001Z"), two, Duration.ofDays(1)))
                .isEqualTo(Instant.parse("2026-12-06T02:00:00Z"));
        assertThat(SuggestionPublishJob.next(Instant.parse("2026-12-05T10:30:00Z"), two, Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-12-05T11:00:00Z"));
        assertThat(SuggestionPublishJob.next(Instant.parse("2026-12-05T01:20:00Z"), two, Duration.ofMinutes(45)))
                .isEqualTo(Instant.parse("2026-12-05T01:15:00Z").plus(Duration.ofMinutes(45)));
        // a live schedule every second: it publishes both warehouses again and again without being asked
        List<String> runs = new CopyOnWriteArrayList<>();
        ReplenishmentService service = new ReplenishmentService(new DemandReader(core.bean(TenantDatabases.class)),
                core.bean(ReplenishmentSettingsStore.class), r -> runs.add(r.tenant() + "/" + r.warehouse()), DAYS,
                Clock.systemUTC());
        try (SuggestionPublishJob job = new SuggestionPublishJob(service, core.bean(TenantDatabases.class),
                Duration.ofSeconds(1), LocalTime.MIDNIGHT, Clock.systemUTC()).start()) {
            CoreHarness.waitFor(() -> runs.size() >= 4, Duration.ofSeconds(15), "two scheduled runs");
        }
        assertThat(runs.subList(0, 4)).containsExactly("acme/SH01", "beta/SH01", "acme/SH01", "beta/SH01");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it stops the class's core
    void withRabbitmqDownTheSuggestionsWaitInTheOutboxAndGoOutAfterTheBrokerAndTheCoreRestart() throws Exception {
        EventPublisher publisher = core.bean(EventPublisher.class);
        rabbit.kill();
        CoreHarness.waitFor(() -> !publisher.up(), Duration.ofSeconds(20), "the publisher to notice");
        // tomorrow's run (a clock a day ahead), so the ids are new: published while the broker is down
        LocalDate tomorrow = today.plusDays(1);
        ReplenishmentService service = new ReplenishmentService(new DemandReader(core.bean(TenantDatabases.class)),
                core.bean(ReplenishmentSettingsStore.class), new SuggestionEvents(core.bean(TenantDatabases.class),
                        core.bean(EventOutbox.class), publisher::wake), DAYS,
                Clock.fixed(tomorrow.atTime(2, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        List<String> ids = new ArrayList<>();
        for (String tenant : List.of("acme", "beta")) {
            ReplenishmentService.Report r = service.publish(tenant, "SH01");
            assertThat(r.items()).extracting(i -> i.suggestion().sku()).containsExactly("FAST");
            ids.add(SuggestionEvents.eventId(tenant, "SH01", tomorrow, "FAST"));
        }
        Thread.sleep(500);
        // written on each tenant's own connection, so into its schema's outbox; the relay moves them into the shared
        // one only as the publisher runs (not while the broker is down): waiting in one of them, unpublished
        assertThat(db.count("SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL AND event_id IN (?, ?)",
                ids.get(0), ids.get(1)) + db.count("SELECT COUNT(*) FROM `" + db.tenantSchema("acme")
                + "`.event_outbox WHERE event_id IN (?, ?)", ids.get(0), ids.get(1)) + db.count("SELECT COUNT(*) FROM `"
                + db.tenantSchema("beta") + "`.event_outbox WHERE event_id IN (?, ?)", ids.get(0), ids.get(1)))
                .as("waiting in an outbox").isEqualTo(2);
        core.close(); // the core stops with them unpublished
        coreStopped = true;
        rabbit.start();
        try (CoreHarness next = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri", rabbit.uri(),
                "fg.bus.poll-interval", "20ms"))) {
            for (String id : ids) {
                all.await(x -> id.equals(x.messageId()), Duration.ofSeconds(60), "suggestion " + id);
            }
            acmeAccount.await(x -> ids.get(0).equals(x.messageId()), Duration.ofSeconds(30), "acme's, tomorrow's");
            assertThat(all.all()).filteredOn(x -> ids.get(0).equals(x.messageId())).first().satisfies(x ->
                    assertThat(x.data()).containsEntry("day", tomorrow.toString()).containsEntry("sku", "FAST"));
            assertThat(acmeAccount.all()).noneMatch(x -> ids.get(1).equals(x.messageId()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Map<String, Object> page, String sku) {
        for (Object o : (List<Object>) page.get("items")) {
            Map<String, Object> item = (Map<String, Object>) o;
            if (sku.equals(item.get("sku"))) {
                return item;
            }
        }
        throw new AssertionError("no item for " + sku + " in " + page);
    }
}
