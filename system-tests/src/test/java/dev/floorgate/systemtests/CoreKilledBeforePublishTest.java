package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.testing.RabbitProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, "the core killed between MySQL commit and publish": with RabbitMQ down, operations are committed to
 * MySQL with their events in the outbox; the core process is then SIGKILLed. A new core process, with RabbitMQ
 * back, sends every one of them to a consumer's durable queue.
 */
class CoreKilledBeforePublishTest {
    @TempDir
    Path dir;

    @Test
    void eventsCommittedBeforeTheCoreWasKilledArePublishedByTheNextCoreProcess() throws Exception {
        try (RabbitProcess rabbit = RabbitProcess.startNew(); Chain chain = new Chain(dir)) {
            chain.coreEnv("FG_BUS_URI", rabbit.uri()).startCore();
            chain.seed("acme", 1);
            ConnectionFactory f = new ConnectionFactory();
            f.setUri(rabbit.uri());
            try (Connection c = f.newConnection("erp-before")) {
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                    c.createChannel().exchangeDeclarePassive("floorgate.events");
                    return true;
                });
                Channel ch = c.createChannel();
                ch.queueDeclare("acme.erp.stock", true, false, false, null);
                ch.queueBind("acme.erp.stock", "floorgate.events", "acme.#");
            }
            rabbit.kill(); // the broker goes away: nothing can be published from here on
            List<String> opIds = new ArrayList<>();
            StringBuilder batch = new StringBuilder("{\"gatewayId\":\"gw-test\",\"operations\":[");
            for (int i = 0; i < 50; i++) {
                String id = OperationIds.newId();
                opIds.add(id);
                batch.append(i == 0 ? "" : ",").append(Chain.receive(id, "acme", 0, 1));
            }
            assertThat(chain.coreApi.ok("POST", "/v1/operations:batch", batch.append("]}").toString()))
                    .doesNotContain("REJECTED");
            await().atMost(Duration.ofSeconds(30)).until(() -> chain.queryLong("SELECT COUNT(*) FROM event_outbox "
                    + "WHERE published_at IS NULL AND type = 'operation.applied'") >= 50);
            chain.core.kill9(); // committed in MySQL, never published

            rabbit.start();
            chain.startCore();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            try (Connection c = f.newConnection("erp-after")) {
                Channel ch = c.createChannel();
                ch.basicConsume("acme.erp.stock", true, new DefaultConsumer(ch) {
                    @Override
                    public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                        seen.add(props.getMessageId());
                    }
                });
                await().atMost(Duration.ofSeconds(60)).until(() -> seen.containsAll(opIds));
            }
            assertThat(chain.queryLong("SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL")).isZero();
        }
    }
}
