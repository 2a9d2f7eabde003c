package dev.floorgate.core.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.floorgate.core.CoreUnavailableException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every command queue of the core shares (EVENTS.md "Orders in", "Parcels in"): one consuming connection
 * kept open by a watchdog thread (a broker that is down at start or restarts is reconnected every second), the
 * durable topic exchange and durable queue declared and bound with {@code #}, at most {@code fg.bus.prefetch}
 * messages in flight, and manual acknowledgement after the handler returned.
 *
 * <p>The handler answers an outcome ("done", "refused", "invalid"; counted by {@code outcomes}) and the message is
 * acknowledged: refused-for-good messages must not loop. A handler that throws (a busy record, a failing store,
 * {@link CoreUnavailableException}, SQLException, IllegalStateException, or a bug) gets the message requeued after
 * {@code fg.bus.retry-delay}, outcome "retried": the work is idempotent, so the redelivery finishes it.
 */
final class BusCommandQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BusCommandQueue.class);

    /** One message's work; returns the outcome, or throws for a requeue. */
    interface Handler {
        String handle(Envelope envelope, AMQP.BasicProperties properties, byte[] body) throws SQLException;
    }

    private final BusConnector bus;
    private final String what;
    private final String exchange;
    private final String queue;
    private final Handler handler;
    private final Consumer<String> outcomes;
    private final Thread watchdog;
    private volatile boolean running;
    private volatile Connection connection;

    /**
     * @param what the messages, for logs and the connection's name ("order commands", "parcel announcements")
     * @param outcomes told each message's outcome (a metric)
     */
    BusCommandQueue(BusConnector bus, String what, String exchange, String queue, Handler handler,
            Consumer<String> outcomes) {
        this.bus = bus;
        this.what = what;
        this.exchange = exchange;
        this.queue = queue;
        this.handler = handler;
        this.outcomes = outcomes;
        this.watchdog = new Thread(this::watch, "fg-bus-" + queue);
        this.watchdog.setDaemon(true);
    }

    BusCommandQueue start() {
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
                    LOG.warn("cannot read {} from RabbitMQ at {} (retrying every second): {}", what, bus.where(),
                            e.toString());
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
        Connection c = bus.open("floorgate-core " + what);
        connection = c;
        Channel ch = c.createChannel();
        ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        ch.queueDeclare(queue, true, false, false, null);
        ch.queueBind(queue, exchange, "#");
        ch.basicQos(bus.config().getPrefetch());
        ch.basicConsume(queue, false, "floorgate-core", new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                deliver(getChannel(), envelope, props, body);
            }
        });
        LOG.info("reading {} from queue '{}' (exchange '{}') at {}", what, queue, exchange, bus.where());
    }

    private void deliver(Channel ch, Envelope envelope, AMQP.BasicProperties props, byte[] body) throws IOException {
        if (!ch.isOpen()) {
            return; // delivered before the connection dropped: the broker hands it out again, unacknowledged
        }
        String outcome;
        try {
            outcome = handler.handle(envelope, props, body);
        } catch (CoreUnavailableException | SQLException | IllegalStateException e) {
            outcome = "retried";
            LOG.info("{}: message {} (routing key '{}') requeued: {}", what, props.getMessageId(),
                    envelope.getRoutingKey(), e.getMessage());
        } catch (RuntimeException e) {
            outcome = "retried";
            LOG.warn("{}: message {} (routing key '{}') failed, requeued", what, props.getMessageId(),
                    envelope.getRoutingKey(), e);
        }
        outcomes.accept(outcome);
        if ("retried".equals(outcome)) {
            try {
                Thread.sleep(bus.config().getRetryDelay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if ("retried".equals(outcome)) {
                ch.basicNack(envelope.getDeliveryTag(), false, true);
            } else {
                ch.basicAck(envelope.getDeliveryTag(), false);
            }
        } catch (AlreadyClosedException e) {
            // The connection dropped while the work ran: the broker redelivers the message and the work is
            // idempotent, so the redelivery only finds it done. Nothing to ack on a dead channel.
            LOG.debug("{}: message {} not acknowledged, its channel closed: {}", what, props.getMessageId(),
                    e.getMessage());
        }
    }

    private void abort() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.abort(1000);
            } catch (RuntimeException e) {
                LOG.debug("closing the connection of {}: {}", what, e.toString());
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
