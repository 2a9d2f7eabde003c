package dev.floorgate.core.internal;

import static dev.floorgate.core.internal.CoreHarness.apply;
import static dev.floorgate.core.internal.CoreHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.testing.RabbitProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A consumer that is away gets everything on return (issue 15 item 1; EVENTS.md, section 6): its
 * durable queue, bound to the events exchange, keeps every event of a long stream while its connection is gone,
 * across a SIGKILL and restart of the RabbitMQ node in the middle; back, it receives all of them, none lost,
 * duplicates detectable by message id. A queue declared with a max-length shorter than the absence is the
 * counter-example the page warns about. The hour-long version is bench's EventConsumerAbsenceSoak.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumerAbsenceTest {
    private static final int BATCH = 100;
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
        core.seed(core.acme, "acme", "SH01", "SKU-1", "SKU-2", "SKU-3");
        CoreHarness.waitFor(() -> core.bean(EventPublisher.class).up(), Duration.ofSeconds(20), "the publisher up");
    }

    @AfterAll
    void stop() throws Exception {
        core.close();
        db.close();
        redis.close();
        rabbit.close();
    }

    /** {@code batches} signed batches of RECEIVEs; returns the opIds the core applied. */
    private List<String> write(int batches) {
        List<String> applied = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Operation> ops = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                ops.add(op("acme", "SH01", OperationType.RECEIVE, "SKU-" + (1 + i % 3), 1));
            }
            List<OperationResult> results = apply(core.acme, ops);
            for (int i = 0; i < ops.size(); i++) {
                assertThat(results.get(i).status()).isEqualTo(ResultStatus.APPLIED);
                applied.add(ops.get(i).opId());
            }
        }
        return applied;
    }

    @Test
    void aConsumersDurableQueueKeepsEveryEventWhileItIsAwayAcrossABrokerRestartAndHandsThemAllOver()
            throws Exception {
        // A consumer with a queue capped below its absence: the broker drops the oldest (the page's warning).
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(rabbit.uri());
        try (Connection c = f.newConnection("capped-consumer")) {
            Channel ch = c.createChannel();
            ch.queueDeclare("acme.capped", true, false, false, Map.of("x-max-length", 100));
            ch.queueBind("acme.capped", "floorgate.events", "acme.#");
        }
        Set<String> expected = new HashSet<>();
        List<BusTap.Delivery> received = new ArrayList<>();
        try (BusTap present = BusTap.events(rabbit.uri(), "acme.away", "acme.#")) {
            List<String> live = write(10);
            expected.addAll(live);
            for (String id : live) {
                present.await(d -> id.equals(d.messageId()), Duration.ofSeconds(30), "live event " + id);
            }
            received.addAll(present.all());
        } // the consumer goes away; its durable queue stays bound

        expected.addAll(write(15));
        rabbit.kill(); // mid-stream, while the consumer is away
        expected.addAll(write(10)); // the core keeps taking writes: the events wait in its outbox
        rabbit.start();
        expected.addAll(write(15));
        core.awaitWriteBack(Duration.ofSeconds(30));
        EventPublisher publisher = core.bean(EventPublisher.class);
        CoreHarness.waitFor(() -> publisher.up() && publisher.backlog() == 0, Duration.ofSeconds(60),
                "the outbox to drain after the restart");
        assertThat(expected).hasSize(50 * BATCH);

        // The publisher's backlog figure is refreshed every 250 ms, so it can read 0 before it has counted the last
        // batches: the queue's own depth is the proof. A lost event keeps it below 4,000 until the wait gives up.
        long[] waiting = new long[1];
        long capped;
        try (Connection c = f.newConnection("queue-depth")) {
            Channel ch = c.createChannel();
            CoreHarness.waitFor(() -> {
                try {
                    waiting[0] = ch.queueDeclarePassive("acme.away").getMessageCount();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return waiting[0] >= 40L * BATCH;
            }, Duration.ofSeconds(60), "the away queue to hold the 4,000 written after the consumer left");
            capped = ch.queueDeclarePassive("acme.capped").getMessageCount();
        }
        assertThat(waiting[0]).as("kept while away (the 4,000 written after the consumer left)")
                .isGreaterThanOrEqualTo(40L * BATCH);
        assertThat(capped).as("a max-length queue keeps only its cap: events lost to that consumer").isEqualTo(100);

        try (BusTap back = BusTap.events(rabbit.uri(), "acme.away", "acme.#")) {
            CoreHarness.waitFor(() -> {
                Set<String> seen = new HashSet<>();
                received.forEach(d -> seen.add(d.messageId()));
                back.all().forEach(d -> seen.add(d.messageId()));
                return seen.containsAll(expected);
            }, Duration.ofSeconds(60), "all " + expected.size() + " events on return");
            Thread.sleep(300);
            received.addAll(back.all());
        }
        Map<String, Integer> copies = new HashMap<>();
        for (BusTap.Delivery d : received) {
            copies.merge(d.messageId(), 1, Integer::sum);
            assertThat(d.persistent()).isTrue();
        }
        assertThat(copies.keySet()).as("nothing lost, nothing foreign").isEqualTo(expected);
        long duplicates = received.size() - copies.size();
        System.out.printf("consumer away: %d events published, %d deliveries, %d lost, %d duplicates%n",
                expected.size(), received.size(), expected.size() - copies.size(), duplicates);
    }
}
