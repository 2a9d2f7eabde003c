package dev.floorgate.core.internal;

import io.micronaut.json.JsonMapper;
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
 * stock; a command that met a busy order or a failing store is requeued after {@code fg.bus.retry-delay}. The
 * connection, the queue and the acknowledgements are BusCommandQueue's, shared with ParcelCommandConsumer.
 */
final class OrderCommandConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderCommandConsumer.class);
    private static final int MAX_BODY = OrderInput.MAX_BODY;
    private final OrderService orders;
    private final MasterDataStore master;
    private final JsonMapper json;
    private final BusCommandQueue queue;

    OrderCommandConsumer(BusConnector bus, OrderService orders, MasterDataStore master, JsonMapper json,
            CoreMetrics metrics) {
        this.orders = orders;
        this.master = master;
        this.json = json;
        this.queue = new BusCommandQueue(bus, "order commands", bus.config().getOrdersExchange(),
                bus.config().getOrdersQueue(), (envelope, props, body) -> handle(envelope.getRoutingKey(), body),
                metrics::orderCommand);
    }

    OrderCommandConsumer start() {
        queue.start();
        return this;
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
            if (e.status() == io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE) {
                // the tenant's own database is not there yet or not reachable (TenantDatabases: TENANT_NOT_ADDED):
                // like a database outage, the command waits and is requeued, not dropped
                throw new IllegalStateException("order command " + command + " for " + ref.tenant() + "/"
                        + ref.warehouse() + "/" + ref.orderNo() + ": " + e.getMessage(), e);
            }
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

    @Override
    public void close() {
        queue.close();
    }
}
