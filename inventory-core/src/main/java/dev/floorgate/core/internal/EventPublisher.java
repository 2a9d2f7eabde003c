package dev.floorgate.core.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox (EventOutbox) to the events exchange. Per round: read up to {@code publish-batch} unpublished
 * rows in id order, publish each as a persistent message (message id = event id, type = event type, routing key
 * {@code tenant.warehouse.type}) on a channel in confirm mode, wait for the broker's confirms, and only then mark
 * the rows published. A crash or a broker failure before that mark sends the rows again: at least once, and the
 * message id lets a consumer drop the duplicate.
 *
 * <p>Order: one thread sends rows in id order and waits for a round's confirms before the next, so events of one
 * stock record, written by one write-back transaction after another, reach the exchange in their order (their
 * {@code data.seq} says it too). With several core instances on one database only one publishes: it holds the
 * MySQL named lock {@code fg-events:<database>} on a connection of its own (GET_LOCK, released by the server when
 * that session ends, so a dead leader's lock frees itself); the others stand by ({@code STANDBY} in /health). While RabbitMQ is down the core keeps working: rows wait in the outbox, the
 * backlog is a metric and {@code /health} says DEGRADED; the loop reconnects with back-off and catches up.
 */
final class EventPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    private static final long BACKLOG_EVERY_MS = 250;
    private static final long PURGE_EVERY_MS = 60_000;
    private final Database db;
    private final BusConnector bus;
    private final CoreMetrics metrics;
    private final Runnable afterConfirm;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean running;
    private volatile boolean up;
    private volatile String lastError;
    private volatile long backlog;
    private boolean woken;
    private Connection connection;
    private Channel channel;
    private java.sql.Connection leaderSession;
    private long nextLeaderCheck;
    private volatile boolean standby;
    private long nextBacklog;
    private long nextPurge;
    private TenantOutboxRelay relay;

    EventPublisher(Database db, BusConnector bus, CoreMetrics metrics) {
        this(db, bus, metrics, () -> { });
    }

    /** @param afterConfirm runs between the broker's confirms and the published mark (tests crash there) */
    EventPublisher(Database db, BusConnector bus, CoreMetrics metrics, Runnable afterConfirm) {
        this.db = db;
        this.bus = bus;
        this.metrics = metrics;
        this.afterConfirm = afterConfirm;
        this.thread = new Thread(this::loop, "fg-event-publisher");
        this.thread.setDaemon(true);
        metrics.busGauges(() -> backlog, () -> up ? 1 : 0);
    }

    /** Moves the tenants' own outboxes into the shared one before each round (TenantOutboxRelay). */
    EventPublisher relaying(TenantOutboxRelay tenantOutboxes) {
        this.relay = tenantOutboxes;
        return this;
    }

    EventPublisher start() {
        running = true;
        thread.start();
        return this;
    }

    /** Whether the last round reached the broker (true while standing by: another instance publishes). */
    boolean up() {
        return up;
    }

    /** UP, DOWN, or STANDBY while another core instance holds the publisher lock. */
    String state() {
        return standby ? "STANDBY" : up ? "UP" : "DOWN";
    }

    String lastError() {
        return lastError;
    }

    /** Events committed but not yet confirmed by the broker (refreshed every 250 ms). */
    long backlog() {
        return backlog;
    }

    /** Something was committed to the outbox: look now instead of at the next poll. */
    void wake() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    private void loop() {
        long backoff = 100;
        while (running) {
            try {
                housekeeping();
                if (!leader()) {
                    if (!standby) {
                        LOG.info("another core instance publishes the events (it holds the publisher lock); standing by");
                    }
                    standby = true;
                    up = true;
                    lastError = null;
                    closeChannel();
                    pause(1000);
                    continue;
                }
                standby = false;
                if (relay != null) {
                    // before the broker: the tenants' outboxes (the write-back's stock events, parcels) move to the
                    // shared one while RabbitMQ is down too, so its backlog and /health count them
                    relay.moveIfDue();
                }
                ensureChannel();
                int sent = publishRound();
                up = true;
                lastError = null;
                backoff = 100;
                if (sent == 0) {
                    pause(bus.config().getPollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | TimeoutException | SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (up || lastError == null) {
                    LOG.warn("publishing events to RabbitMQ at {} failed; they wait in the outbox (retrying with "
                            + "back-off): {}", bus.where(), e.toString());
                }
                up = false;
                lastError = "RabbitMQ unreachable or not confirming";
                closeChannel();
                try {
                    pause(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    private void pause(long millis) throws InterruptedException {
        synchronized (wake) {
            if (!woken) {
                wake.wait(Math.max(1, millis));
            }
            woken = false;
        }
    }

    /** Holds (or takes) the publisher lock; checks the session that holds it at most once a second. */
    private boolean leader() throws SQLException {
        long now = System.currentTimeMillis();
        if (leaderSession != null) {
            if (now < nextLeaderCheck) {
                return true;
            }
            nextLeaderCheck = now + 1000;
            if (leaderSession.isValid(2)) {
                return true;
            }
            LOG.warn("lost the database session holding the event publisher lock; taking it again");
            closeLeaderSession();
        }
        java.sql.Connection c = db.connection();
        boolean held = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(CONCAT('fg-events:', DATABASE()), 0)");
                ResultSet rs = ps.executeQuery()) {
            held = rs.next() && rs.getInt(1) == 1;
        } finally {
            if (held) {
                leaderSession = c;
                nextLeaderCheck = now + 1000;
            } else {
                c.close();
            }
        }
        return held;
    }

    private void closeLeaderSession() {
        try {
            if (leaderSession != null) {
                leaderSession.close(); // the server releases the named lock with the session
            }
        } catch (SQLException e) {
            LOG.debug("closing the publisher lock session: {}", e.toString());
        }
        leaderSession = null;
    }

    private void ensureChannel() throws IOException {
        if (channel != null && channel.isOpen()) {
            return;
        }
        closeChannel();
        connection = bus.open("floorgate-core-events");
        channel = connection.createChannel();
        channel.exchangeDeclare(bus.config().getExchange(), BuiltinExchangeType.TOPIC, true);
        channel.confirmSelect();
        LOG.info("publishing events to exchange '{}' at {}", bus.config().getExchange(), bus.where());
    }

    private record Row(long id, String eventId, String routingKey, String type, String payload) {
    }

    /** One round: read, publish, wait for confirms, mark published. Returns the number of events sent. */
    int publishRound() throws IOException, SQLException, InterruptedException, TimeoutException {
        if (relay != null) {
            relay.moveIfDue();
        }
        List<Row> rows = new ArrayList<>();
        try (java.sql.Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT id, event_id, "
                + "routing_key, type, payload FROM event_outbox WHERE published_at IS NULL ORDER BY id LIMIT ?")) {
            ps.setInt(1, bus.config().getPublishBatch());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
        }
        if (rows.isEmpty()) {
            return 0;
        }
        Date now = new Date();
        for (Row r : rows) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().contentType("application/json")
                    .contentEncoding("utf-8").deliveryMode(2).messageId(r.eventId()).type(r.type()).timestamp(now)
                    .appId("floorgate-core").headers(Map.of("schema", EventOutbox.SCHEMA)).build();
            channel.basicPublish(bus.config().getExchange(), r.routingKey(), false, props,
                    r.payload().getBytes(StandardCharsets.UTF_8));
        }
        // Throws on a nack or when the confirms do not arrive in time; the rows stay unpublished and go again.
        channel.waitForConfirmsOrDie(bus.config().getConfirmTimeout().toMillis());
        afterConfirm.run();
        markPublished(rows);
        metrics.eventsPublished(rows.size());
        if (backlog > 0) {
            backlog = Math.max(0, backlog - rows.size());
        }
        return rows.size();
    }

    private void markPublished(List<Row> rows) throws SQLException {
        String sql = "UPDATE event_outbox SET published_at = CURRENT_TIMESTAMP(3) WHERE id IN ("
                + "?,".repeat(rows.size() - 1) + "?)";
        try (java.sql.Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < rows.size(); i++) {
                ps.setLong(i + 1, rows.get(i).id());
            }
            ps.executeUpdate();
        }
    }

    private void housekeeping() throws SQLException {
        long now = System.currentTimeMillis();
        if (now >= nextBacklog) {
            nextBacklog = now + BACKLOG_EVERY_MS;
            backlog = countBacklog();
        }
        if (now >= nextPurge) {
            nextPurge = now + PURGE_EVERY_MS;
            Duration retention = bus.config().getOutboxRetention();
            try (java.sql.Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM event_outbox WHERE published_at < ? LIMIT 50000")) {
                ps.setTimestamp(1, new Timestamp(now - retention.toMillis()));
                ps.executeUpdate();
            }
        }
    }

    long countBacklog() throws SQLException {
        try (java.sql.Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM event_outbox WHERE published_at IS NULL"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void closeChannel() {
        try {
            if (connection != null) {
                connection.abort(1000);
            }
        } catch (RuntimeException e) {
            LOG.debug("closing the events connection: {}", e.toString());
        }
        connection = null;
        channel = null;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeChannel();
        closeLeaderSession();
    }
}
