package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.testing.RabbitProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Events out (issue 15 items 1 and 4), against a RabbitMQ node of the test's own: every applied operation goes out
 * after its MySQL commit, persistent, with its opId as message id, per record in order; a broker killed and
 * restarted mid-stream and a core stopped between commit and publish lose nothing; a tenant's account cannot read
 * another tenant's events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventsOutTest {
    private RabbitProcess rabbit;
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;

    @BeforeAll
    void start() throws Exception {
        rabbit = RabbitProcess.startNew();
        redis = RedisProcess.standalone();
        db = new TestDatabase();
        core = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri", rabbit.uri(), "fg.bus.poll-interval", "20ms"));
        core.seed(core.acme, "acme", "SH01", "SKU-1", "SKU-2");
        core.seed(core.multi, "beta", "SH01", "B-1");
        CoreHarness.waitFor(() -> core.bean(EventPublisher.class).up(), Duration.ofSeconds(20), "the publisher up");
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
        rabbit.close();
    }

    @Test
    void everyAppliedOperationGoesOutPersistentWithItsOpIdAsMessageIdAndInPerRecordOrder() throws Exception {
        try (BusTap tap = BusTap.events(rabbit.uri(), "acme.test.order", "acme.SH01.operation.applied")) {
            List<String> opIds = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Operation o = op("acme", "SH01", OperationType.RECEIVE, i % 2 == 0 ? "SKU-1" : "SKU-2", 1);
                opIds.add(o.opId());
                assertThat(apply(core.acme, o).status()).isEqualTo(ResultStatus.APPLIED);
            }
            // A rejected operation is not an applied one: no event.
            Operation rejected = op("acme", "SH01", OperationType.PICK, "SKU-1", 10_000);
            assertThat(apply(core.acme, rejected).status()).isEqualTo(ResultStatus.REJECTED);
            for (String id : opIds) {
                tap.await(d -> id.equals(d.messageId()), Duration.ofSeconds(20), "event of " + id);
            }
            Map<String, Long> lastSeq = new HashMap<>();
            for (BusTap.Delivery d : tap.all()) {
                assertThat(d.persistent()).as("persistent").isTrue();
                assertThat(d.routingKey()).isEqualTo("acme.SH01.operation.applied");
                assertThat(d.body()).containsEntry("schema", "floorgate.event/1").containsEntry("eventId",
                        d.messageId()).containsEntry("tenant", "acme").containsEntry("warehouse", "SH01");
                String sku = (String) d.data().get("sku");
                long seq = ((Number) d.data().get("seq")).longValue();
                assertThat(seq).as("seq of " + sku + " in arrival order").isGreaterThan(lastSeq.getOrDefault(sku, 0L));
                lastSeq.put(sku, seq);
                @SuppressWarnings("unchecked")
                Map<String, Object> operation = (Map<String, Object>) d.data().get("operation");
                assertThat(operation).containsEntry("opId", d.messageId());
            }
            assertThat(tap.all()).extracting(BusTap.Delivery::messageId).doesNotContain(rejected.opId());
            @SuppressWarnings("unchecked")
            Map<String, Object> lastStock = (Map<String, Object>) tap.all().get(tap.all().size() - 1).data()
                    .get("stock");
            assertThat(lastStock).containsKeys("onHand", "usable", "reserved");
        }
    }

    @Test
    void aBrokerKilledAndRestartedMidStreamLosesNoEventAndHealthSaysDegradedMeanwhile() throws Exception {
        try (BusTap tap = BusTap.events(rabbit.uri(), "acme.test.restart", "acme.#")) {
            List<String> applied = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger failures = new AtomicInteger();
            Thread writer = new Thread(() -> {
                while (running.get()) {
                    List<Operation> ops = List.of(op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1),
                            op("acme", "SH01", OperationType.ADJUST, "SKU-2", 1));
                    try {
                        List<OperationResult> results = apply(core.acme, ops);
                        for (int i = 0; i < ops.size(); i++) {
                            if (results.get(i).status() == ResultStatus.APPLIED) {
                                applied.add(ops.get(i).opId());
                            }
                        }
                    } catch (AssertionError | RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    try {
                        Thread.sleep(2); // a steady stream, not a flood: the point is writes during the outage
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            writer.start();
            CoreHarness.waitFor(() -> applied.size() > 50, Duration.ofSeconds(20), "writes before the kill");
            rabbit.kill();
            // The core keeps accepting writes while the broker is down; the events wait in the outbox.
            int atKill = applied.size();
            CoreHarness.waitFor(() -> applied.size() > atKill + 100, Duration.ofSeconds(20), "writes while down");
            EventPublisher publisher = core.bean(EventPublisher.class);
            CoreHarness.waitFor(() -> !publisher.up() && publisher.backlog() > 0, Duration.ofSeconds(20),
                    "the publisher to notice the broker is down with a backlog");
            CoreClient.Reply health = core.acme.get("/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(core.json(health.body())).containsEntry("status", "DEGRADED");
            assertThat(core.acme.get("/metrics").body()).containsPattern("fg_core_events_backlog [1-9]");
            rabbit.start();
            Thread.sleep(300);
            running.set(false);
            writer.join(10_000);
            assertThat(failures.get()).as("batches refused while the broker was down").isZero();
            core.awaitWriteBack(Duration.ofSeconds(20));
            Set<String> expected = new HashSet<>(applied);
            try {
                CoreHarness.waitFor(() -> {
                    try {
                        tap.connect();
                    } catch (Exception e) {
                        return false;
                    }
                    return seen(tap).containsAll(expected);
                }, Duration.ofSeconds(90), "all " + expected.size() + " events after the restart");
            } catch (AssertionError e) {
                // Say which side is stuck: the outbox (publisher) or the consumer (tap), and what the broker said.
                Set<String> missing = new HashSet<>(expected);
                missing.removeAll(seen(tap));
                throw new AssertionError(e.getMessage() + "; missing " + missing.size() + " (e.g. "
                        + missing.stream().limit(3).toList() + "); publisher " + publisher.state() + ", backlog "
                        + publisher.countBacklog() + ", last error " + publisher.lastError() + "; tap "
                        + tap.all().size() + " deliveries, last problem " + tap.lastProblem() + "; broker log tail: "
                        + rabbit.logTail(3000), e);
            }
            CoreHarness.waitFor(() -> publisher.up() && publisher.backlog() == 0, Duration.ofSeconds(20),
                    "the backlog to drain");
            assertThat(core.json(core.acme.get("/health").body())).containsEntry("status", "UP");
            // Duplicates are allowed and detectable: every delivery carries the id of an applied operation.
            assertThat(expected).containsAll(tap.all().stream().map(BusTap.Delivery::messageId).toList());
        }
    }

    @Test
    void withTwoCoreInstancesOnOneDatabaseOnlyOnePublishesSoEventsAreNotDoubled() throws Exception {
        try (BusTap tap = BusTap.events(rabbit.uri(), "acme.test.two", "acme.SH01.#");
                CoreHarness second = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri", rabbit.uri(),
                        "fg.core.writeback.consumer", "core-2"))) {
            CoreHarness.waitFor(() -> "STANDBY".equals(second.bean(EventPublisher.class).state()),
                    Duration.ofSeconds(10), "the second instance to stand by");
            assertThat(second.acme.get("/health").body()).contains("\"status\":\"STANDBY\"");
            List<String> opIds = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Operation o = op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1);
                opIds.add(o.opId());
                apply(i % 2 == 0 ? core.acme : second.acme, o);
            }
            for (String id : opIds) {
                tap.await(d -> id.equals(d.messageId()), Duration.ofSeconds(20), "event of " + id);
            }
            Thread.sleep(500);
            assertThat(tap.all()).hasSize(opIds.size());
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it stops the class core's publisher
    void aCoreStoppedBetweenTheMysqlCommitAndThePublishStillSendsTheEventsFromTheOutbox() throws Exception {
        try (BusTap tap = BusTap.events(rabbit.uri(), "acme.test.crash", "acme.SH01.#")) {
            // Core A commits to MySQL (outbox included) but can never publish: its broker address is dead.
            int deadPort = RabbitProcess.freePort();
            List<String> opIds = new ArrayList<>();
            // earlier tests' events out first (one that failed midway may have left a backlog): the crashed round
            // below must hold this test's events, or its first event is sent once and the count below is 1
            EventPublisher classPublisher = core.bean(EventPublisher.class);
            CoreHarness.waitFor(() -> classPublisher.up() && classPublisher.backlog() == 0, Duration.ofSeconds(60),
                    "the class core's backlog from earlier tests to be sent");
            try (CoreHarness a = CoreHarness.start(redis.uri(), db, Map.of("fg.bus.uri",
                    "amqp://guest:guest@127.0.0.1:" + deadPort + "/%2F"))) {
                classPublisher.close(); // the class's core must not send them either
                for (int i = 0; i < 20; i++) {
                    Operation o = op("acme", "SH01", OperationType.RECEIVE, "SKU-2", 1);
                    opIds.add(o.opId());
                    assertThat(apply(a.acme, o).status()).isEqualTo(ResultStatus.APPLIED);
                }
                a.awaitWriteBack(Duration.ofSeconds(20));
                // The write-back commits on acme's own connection, so its events are in acme's schema's outbox;
                // A's publisher, which can never reach its broker, never relays them to the shared one. Either way
                // each event is committed and unpublished in exactly one of the two.
                String ids = "?,".repeat(opIds.size() - 1) + "?";
                List<Object> twice = new ArrayList<>(opIds);
                twice.addAll(opIds);
                assertThat(db.count("SELECT (SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL AND "
                        + "event_id IN (" + ids + ")) + (SELECT COUNT(*) FROM `" + db.tenantSchema("acme")
                        + "`.event_outbox WHERE event_id IN (" + ids + "))", twice.toArray()))
                        .isEqualTo(opIds.size());
            } // core A stops here with the events committed and unpublished
            // A publisher started later (a restarted core) sends them. Its first round "crashes" after the broker
            // confirmed and before the rows are marked: they go again, with the same message ids.
            AtomicBoolean crashed = new AtomicBoolean();
            BusConnector connector = new BusConnector(busConfig(rabbit.uri()));
            try (EventPublisher b = new EventPublisher(core.bean(Database.class), connector, new CoreMetrics(), () -> {
                if (crashed.compareAndSet(false, true)) {
                    throw new IllegalStateException("killed between confirm and mark (test)");
                }
            }).relaying(new TenantOutboxRelay(core.bean(Database.class), core.bean(TenantDatabases.class))).start()) {
                for (String id : opIds) {
                    tap.await(d -> id.equals(d.messageId()), Duration.ofSeconds(20), "event of " + id);
                }
                CoreHarness.waitFor(() -> b.up() && b.backlog() == 0, Duration.ofSeconds(20), "backlog 0");
            }
            assertThat(crashed.get()).isTrue();
            long copiesOfFirst = tap.all().stream().filter(d -> opIds.get(0).equals(d.messageId())).count();
            assertThat(copiesOfFirst).as("the first round was sent twice (at least once, duplicate detectable)")
                    .isEqualTo(2);
        }
    }

    @Test
    void aTenantsAccountReadsOnlyItsOwnEvents() throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts/rabbitmq-tenant-user.sh");
        rabbit.script(script, "acme", "acme-consumer-secret");
        String acmeUri = "amqp://acme:acme-consumer-secret@127.0.0.1:" + rabbit.port + "/%2F";
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(acmeUri);
        try (Connection c = f.newConnection("acme-consumer")) {
            Channel ch = c.createChannel();
            ch.queueDeclare("acme.erp", true, false, false, null);
            ch.queueBind("acme.erp", "floorgate.events", "acme.#"); // its own events: allowed
            Channel other = c.createChannel();
            assertThatThrownBy(() -> other.queueBind("acme.erp", "floorgate.events", "beta.#"))
                    .hasStackTraceContaining("ACCESS_REFUSED");
            Channel all = c.createChannel();
            assertThatThrownBy(() -> all.queueBind("acme.erp", "floorgate.events", "#"))
                    .hasStackTraceContaining("ACCESS_REFUSED");
            Channel foreignQueue = c.createChannel();
            assertThatThrownBy(() -> foreignQueue.queueDeclare("beta.erp", true, false, false, null))
                    .hasStackTraceContaining("ACCESS_REFUSED");
        }
        // And what the acme account's queue receives is acme's only.
        try (BusTap tap = BusTap.events(acmeUri, "acme.erp", "acme.#")) {
            Operation beta = op("beta", "SH01", OperationType.RECEIVE, "B-1", 1);
            Operation acme = op("acme", "SH01", OperationType.RECEIVE, "SKU-1", 1);
            apply(core.multi, beta);
            apply(core.acme, acme);
            tap.await(d -> acme.opId().equals(d.messageId()), Duration.ofSeconds(20), "acme's event");
            Thread.sleep(300);
            assertThat(tap.all()).allSatisfy(d -> assertThat(d.routingKey()).startsWith("acme."));
        }
    }

    private static Set<String> seen(BusTap tap) {
        Set<String> seen = new HashSet<>();
        tap.all().forEach(d -> seen.add(d.messageId()));
        return seen;
    }

    static dev.floorgate.core.BusConfiguration busConfig(String uri) {
        dev.floorgate.core.BusConfiguration c = new dev.floorgate.core.BusConfiguration();
        c.setUri(uri);
        c.setPollInterval(Duration.ofMillis(20));
        return c;
    }
}
