package dev.floorgate.core.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.floorgate.core.CoreUnavailableException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads order commands (EVENTS.md "Orders in") from the durable queue {@code fg.bus.orders-queue}, bound to the
 * topic exchange {@code fg.bus.orders-exchange} with {@code #}, and hands each to the same OrderService path as
 * {@code POST /v1/orders}. Routing key {@code tenant.warehouse.command}; the body's tenant must be the routing key's
 * (RabbitMQ topic permissions check the routing key, so a tenant's account can only publish its own orders).
 *
 * <p>Acknowledged manually, after the step committed: a crash before the ack redelivers the command, and the
 * saga's steps are idempotent (OrderService). A command the core refuses for good (bad JSON, unknown SKU, an order
 * in a state that forbids it) is acknowledged and logged, with {@code order.rejected} when a place failed on
 * stock; a command that met a busy order or a failing store is requeued after {@code fg.bus.retry-delay}.
 */
final class OrderCommandConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderCommandConsumer.class);
    private static final int MAX_BODY = OrderInput.MAX_BODY;
    private final BusConnector bus;
    private final OrderService orders;
    private final MasterDataStore master;
    private final JsonMapper json;
    private final CoreMetrics metrics;
    private final Thread watchdog;
    private volatile boolean running;
    private volatile Connection connection;

    OrderCommandConsumer(BusConnector bus, OrderService orders, MasterDataStore master, JsonMapper json,
            CoreMetrics metrics) {
        this.bus = bus;
        this.orders = orders;
        this.master = master;
        this.json = json;
        this.metrics = metrics;
        this.watchdog = new Thread(this::watch, "fg-order-commands");
        this.watchdog.setDaemon(true);
    }

    OrderCommandConsumer start() {
        running = true;
        watchdog.start();
        return this;
    }

    /** Keeps one consuming connection open: (re)connects every second while there is none. */
    private void watch() {
        boolean warned = false;
        while (running) {
            try {
                if (connection == null || !connection.isOpen()) {
                    subscribe();
                    warned = false;
                }
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                if (!warned) {
                    LOG.warn("cannot read order commands from RabbitMQ at {} (retrying every second): {}",
                            bus.where(), e.toString());
                    warned = true;
                }
                abort();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void subscribe() throws IOException {
        abort();
        Connection c = bus.open("floorgate-core-orders");
        connection = c;
        Channel ch = c.createChannel();
        String exchange = bus.config().getOrdersExchange();
        String queue = bus.config().getOrdersQueue();
        ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        ch.queueDeclare(queue, true, false, false, null);
        ch.queueBind(queue, exchange, "#");
        ch.basicQos(bus.config().getPrefetch());
        ch.basicConsume(queue, false, "floorgate-core", new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                deliver(getChannel(), envelope, body);
            }
        });
        LOG.info("reading order commands from queue '{}' at {}", queue, bus.where());
    }

    private void deliver(Channel ch, Envelope envelope, byte[] body) throws IOException {
        String outcome;
        try {
            outcome = handle(envelope.getRoutingKey(), body);
        } catch (CoreUnavailableException | SQLException | IllegalStateException e) {
            outcome = "retried";
            LOG.info("order command {} requeued: {}", envelope.getRoutingKey(), e.getMessage());
        } catch (RuntimeException e) {
            outcome = "retried";
            LOG.warn("order command {} failed, requeued", envelope.getRoutingKey(), e);
        }
        metrics.orderCommand(outcome);
        if ("retried".equals(outcome)) {
            try {
                Thread.sleep(bus.config().getRetryDelay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ch.basicNack(envelope.getDeliveryTag(), false, true);
        } else {
            ch.basicAck(envelope.getDeliveryTag(), false);
        }
    }

    /** Runs one command; returns "done", "refused" or "invalid", or throws for a retry. */
    String handle(String routingKey, byte[] body) throws SQLException {
        OrderInput.OrderBody b;
        OrderStore.Ref ref;
        try {
            Inputs.size(body, MAX_BODY);
            b = Inputs.read(json, body, OrderInput.OrderBody.class, MAX_BODY);
            ref = OrderInput.ref(b);
        } catch (ApiException e) {
            LOG.warn("order command with routing key '{}' dropped: {}", routingKey, e.getMessage());
            return "invalid";
        }
        String[] words = routingKey.split("\\.", 3);
        if (words.length < 3 || !words[0].equals(EventOutbox.word(ref.tenant()))
                || !words[1].equals(EventOutbox.word(ref.warehouse()))) {
            LOG.warn("order command for {}/{} order {} dropped: its routing key '{}' names another tenant or "
                    + "warehouse", ref.tenant(), ref.warehouse(), ref.orderNo(), routingKey);
            return "invalid";
        }
        String command = b.command() == null ? words[2] : b.command();
        try {
            switch (command) {
                case "place" -> {
                    List<OrderStore.Line> lines = OrderInput.lines(b);
                    OrderInput.checkMasterData(master, ref, lines);
                    OrderService.Outcome o = orders.place(ref, lines);
                    if (dev.floorgate.protocol.ResultCodes.UNAVAILABLE.equals(o.error())) {
                        throw new IllegalStateException(o.message());
                    }
                    if (o.error() != null) {
                        LOG.info("order {}/{}/{} rejected: {}", ref.tenant(), ref.warehouse(), ref.orderNo(),
                                o.message());
                        return "refused";
                    }
                    return "done";
                }
                case "cancel" -> {
                    orders.cancel(ref);
                    return "done";
                }
                case "ship" -> {
                    orders.ship(ref);
                    return "done";
                }
                default -> {
                    LOG.warn("order command '{}' for order {} dropped: the commands are place, cancel and ship",
                            Inputs.clip(command), ref.orderNo());
                    return "invalid";
                }
            }
        } catch (ApiException e) {
            LOG.warn("order command {} for {}/{}/{} refused: {}", command, ref.tenant(), ref.warehouse(),
                    ref.orderNo(), e.getMessage());
            return "invalid";
        } catch (OrderService.OrderConflictException e) {
            if ("ORDER_IN_PROGRESS".equals(e.code())) {
                throw new IllegalStateException(e.getMessage()); // settles shortly: requeue
            }
            LOG.info("order command {} for {}/{}/{} refused: {} {}", command, ref.tenant(), ref.warehouse(),
                    ref.orderNo(), e.code(), e.getMessage());
            return "refused";
        }
    }

    private void abort() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.abort(1000);
            } catch (RuntimeException e) {
                LOG.debug("closing the order commands connection: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        running = false;
        watchdog.interrupt();
        try {
            watchdog.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        abort();
    }
}
