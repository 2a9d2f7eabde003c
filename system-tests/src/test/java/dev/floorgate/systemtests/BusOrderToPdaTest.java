package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.floorgate.lan.PickTask;
import dev.floorgate.pda.GatewayClient;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.testing.RabbitProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, end to end with the service jars as processes: an ERP publishes an order on RabbitMQ, the core
 * reserves it (saga), the gateway syncs it and shows its lines as pick tasks on a PDA (the real client library),
 * the picker confirms the picks, and {@code order.picked} arrives on the bus.
 */
class BusOrderToPdaTest {
    @TempDir
    Path dir;

    @Test
    void anOrderPublishedOnRabbitMqBecomesAPickTaskOnAPdaAndItsPickArrivesBackAsOrderPicked() throws Exception {
        try (RabbitProcess rabbit = RabbitProcess.startNew(); Chain chain = new Chain(dir)) {
            chain.coreEnv("FG_BUS_URI", rabbit.uri()).startCore();
            chain.seed("acme", 2);
            chain.coreApi.ok("POST", "/v1/operations:batch", "{\"gatewayId\":\"gw-test\",\"operations\":["
                    + Chain.receive(OperationIds.newId(), "acme", 0, 10) + ","
                    + Chain.receive(OperationIds.newId(), "acme", 1, 10) + "]}");
            chain.gatewayEnv("FG_SYNC_WAREHOUSES", "SH01").gatewayEnv("FG_SYNC_POLL_INTERVAL", "1s").startGateway();

            ConnectionFactory f = new ConnectionFactory();
            f.setUri(rabbit.uri());
            try (Connection erp = f.newConnection("erp")) {
                Channel ch = erp.createChannel();
                // The ERP's own queue for the events it cares about (declared before it publishes the order).
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                    erp.createChannel().exchangeDeclarePassive("floorgate.events");
                    // the core's consumer, not just its queue: a message sent between its declare and bind is dropped
                    return erp.createChannel().queueDeclarePassive("floorgate.core.orders").getConsumerCount() > 0;
                });
                ch.queueDeclare("acme.erp.orders", true, false, false, null);
                ch.queueBind("acme.erp.orders", "floorgate.events", "acme.SH01.order.*");
                List<String> events = new CopyOnWriteArrayList<>();
                ch.basicConsume("acme.erp.orders", true, new DefaultConsumer(ch) {
                    @Override
                    public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                        events.add(props.getType() + " " + new String(body, StandardCharsets.UTF_8));
                    }
                });
                ch.basicPublish("floorgate.orders", "acme.SH01.place", null, ("{\"tenant\":\"acme\",\"warehouse\":"
                        + "\"SH01\",\"orderNo\":\"SO-BUS-1\",\"lines\":[{\"sku\":\"SKU-0\",\"qty\":2,\"location\":"
                        + "\"A-01-01\"},{\"sku\":\"SKU-1\",\"qty\":1,\"location\":\"A-01-01\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
                await().atMost(Duration.ofSeconds(30)).until(() -> events.stream().anyMatch(e ->
                        e.startsWith("order.reserved ") && e.contains("SO-BUS-1")));

                // A picker's PDA at the gateway sees the order's lines as pick tasks.
                String token = chain.enroll("pda-bus-1", "acme");
                GatewayClient pda = new GatewayClient(chain.gateway.url(""), GatewayClient.defaultHttpClient())
                        .withToken(token);
                pda.login("B-1");
                List<PickTask> tasks = await().atMost(Duration.ofSeconds(60)).until(() -> pda.tasks("PICK").stream()
                        .filter(t -> "SO-BUS-1".equals(t.orderNo())).toList(), l -> l.size() == 2);
                for (PickTask t : tasks) {
                    Operation pick = Operation.builder().opId(OperationIds.newId()).tenant("acme").warehouse("SH01")
                            .type(OperationType.PICK).sku(t.sku()).qty(t.remaining()).location(t.location())
                            .orderNo(t.orderNo()).deviceId("pda-bus-1").occurredAt(Instant.now().toString()).build();
                    assertThat(pda.submit(List.of(pick)).allAccepted()).as("pick of " + t.sku()).isTrue();
                }
                // The picks go gateway -> core (sync) -> MySQL (write-back) -> outbox -> RabbitMQ.
                await().atMost(Duration.ofSeconds(60)).until(() -> events.stream().anyMatch(e ->
                        e.startsWith("order.picked ") && e.contains("SO-BUS-1")));
                String picked = events.stream().filter(e -> e.startsWith("order.picked ")).findFirst().orElseThrow();
                assertThat(picked).contains("\"status\":\"PICKED\"").contains("\"picked\":2").contains("\"picked\":1");
                assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger WHERE type = 'PICK' AND order_no = 'SO-BUS-1'"
                        + " AND status = 'APPLIED'")).isEqualTo(2);
            }
        }
    }
}
