package dev.floorgate.core.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A consumer of the events exchange as a business system would run one: a durable queue of its own bound with a
 * topic pattern, manual acks, every delivery kept in arrival order. Its queue outlives its connection, so a tap
 * that reconnects after a broker restart finds what arrived meanwhile.
 */
final class BusTap implements AutoCloseable {
    /** One delivery. */
    record Delivery(String messageId, String routingKey, String type, boolean persistent, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) body.get("data");
        }
    }

    private final String uri;
    private final String queue;
    private final String pattern;
    private final String exchange;
    private final JsonMapper json = JsonMapper.createDefault();
    private final List<Delivery> deliveries = new ArrayList<>();
    private Connection connection;
    private Channel channel;
    private volatile boolean consuming;
    private String lastProblem;

    BusTap(String uri, String exchange, String queue, String pattern) throws Exception {
        this.uri = uri;
        this.exchange = exchange;
        this.queue = queue;
        this.pattern = pattern;
        connect();
    }

    static BusTap events(String uri, String queue, String pattern) throws Exception {
        return new BusTap(uri, "floorgate.events", queue, pattern);
    }

    /**
     * (Re)connects and consumes the durable queue (declared and bound when missing). A connection whose consumer
     * is gone (its channel closed by an error, or the broker cancelled it) counts as down: an open connection with
     * no consumer would wait forever for deliveries that sit in the queue. A failure half-way closes what was
     * opened, so the next call starts clean.
     */
    synchronized void connect() throws Exception {
        if (connection != null && connection.isOpen() && channel != null && channel.isOpen() && consuming) {
            return;
        }
        close();
        ConnectionFactory f = new ConnectionFactory();
        f.setUri(uri);
        f.setAutomaticRecoveryEnabled(false);
        f.setConnectionTimeout(5000);
        Connection c = f.newConnection("test-tap-" + queue);
        try {
            Channel ch = c.createChannel();
            ch.exchangeDeclarePassive(exchange); // the core declares it; a tenant account may not
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueBind(queue, exchange, pattern);
            ch.basicConsume(queue, false, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                        throws IOException {
                    Map<String, Object> parsed = json.readValue(new String(body, StandardCharsets.UTF_8),
                            Argument.mapOf(String.class, Object.class));
                    synchronized (BusTap.this) {
                        deliveries.add(new Delivery(props.getMessageId(), env.getRoutingKey(), props.getType(),
                                Integer.valueOf(2).equals(props.getDeliveryMode()), parsed));
                    }
                    getChannel().basicAck(env.getDeliveryTag(), false);
                }

                @Override
                public void handleCancel(String consumerTag) {
                    consuming = false;
                    lastProblem = "the broker cancelled the consumer of " + queue;
                }
            });
            connection = c;
            channel = ch;
            consuming = true;
        } catch (Exception | Error e) {
            lastProblem = e.toString();
            c.abort(1000);
            throw e;
        }
    }

    /** What went wrong on the last (re)connect, for a failure message; null when nothing did. */
    synchronized String lastProblem() {
        return lastProblem;
    }

    synchronized List<Delivery> all() {
        return new ArrayList<>(deliveries);
    }

    List<Delivery> ofType(String type) {
        return all().stream().filter(d -> type.equals(d.type())).toList();
    }

    /** Waits until a delivery matches, reconnecting when the broker dropped the connection. */
    Delivery await(Predicate<Delivery> match, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Delivery d : all()) {
                if (match.test(d)) {
                    return d;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout.toMillis() + " ms; got " + all().size()
                        + " deliveries: " + all().stream().map(Delivery::routingKey).toList());
            }
            try {
                connect();
            } catch (Exception e) {
                // broker still down: wait and try again
            }
            Thread.sleep(20);
        }
    }

    @Override
    public synchronized void close() {
        consuming = false;
        try {
            if (connection != null) {
                connection.abort(1000);
            }
        } catch (RuntimeException e) {
            // closing anyway
        }
        connection = null;
        channel = null;
    }
}
