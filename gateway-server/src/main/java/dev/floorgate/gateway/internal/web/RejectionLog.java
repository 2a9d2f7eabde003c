package dev.floorgate.gateway.internal.web;

import dev.floorgate.gateway.internal.GatewayDatabase;
import dev.floorgate.gateway.internal.access.DevicePrincipal;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.sync.StoredOperation;
import dev.floorgate.sync.SyncEngine;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Operations the core rejected, kept until the picker who made them has seen them (DESIGN.md flow 1: "rejections
 * go back to the device that made them"). The {@code op.rejected} events of the event hub are written to gateway.db,
 * with what the operation was (from the outbox), so a PDA that was off the Wi-Fi when the answer came, or was
 * reloaded, still gets them, and site IT's page lists them with their reasons.
 * <pre>
 * rejected_ops(op_id PK, tenant, device_id, type, sku, qty, location, order_no, code, message, rejected_at,
 *              acknowledged_at, acknowledged_by)
 * </pre>
 * Written on one thread of its own, never on the publisher's; {@code INSERT OR IGNORE}, so an event seen twice
 * (replayed after a reconnect to the hub) is one row.
 */
public final class RejectionLog implements AutoCloseable {
    static final int MAX_LIST = 200;
    private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);

    private final GatewayDatabase db;
    private final SyncEngine engine;
    private final EventHub hub;
    private final Scheduler writer = Schedulers.newSingle("fg-rejection-log", true);
    private final AtomicLong lastEventId = new AtomicLong();
    private volatile Disposable subscription;
    private volatile boolean closed;

    public RejectionLog(GatewayDatabase db, SyncEngine engine, EventHub hub) {
        this.db = db;
        this.engine = engine;
        this.hub = hub;
    }

    /** Records the rejections already in the hub's replay buffer, then every later one as it is published. */
    public void start() {
        // Events published before this log started are still in the hub's replay buffer.
        for (GatewayEvent e : hub.recent(RejectionLog::isRejection, EventHub.REPLAY_CAPACITY)) {
            record(e);
        }
        subscribe();
    }

    private static boolean isRejection(GatewayEvent e) {
        return "op.rejected".equals(e.type());
    }

    /** (Re)subscribes after the last event seen; the hub cuts off a subscriber that falls far behind. */
    private void subscribe() {
        if (closed) {
            return;
        }
        subscription = hub.subscribe(lastEventId.get(), RejectionLog::isRejection)
                .publishOn(writer)
                .subscribe(this::record, e -> LOG.warn("rejection log subscription failed: {}", e.toString()),
                        this::subscribe);
    }

    private void record(GatewayEvent e) {
        lastEventId.accumulateAndGet(e.id(), Math::max);
        OperationResult result = e.operationResult();
        if (result == null || result.opId() == null) {
            return;
        }
        String opId = result.opId();
        Optional<Operation> op = engine.outbox().find(opId).map(StoredOperation::operation);
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO rejected_ops (op_id, tenant, "
                        + "device_id, type, sku, qty, location, order_no, code, message, rejected_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setString(1, opId);
                    ps.setString(2, e.tenant() == null ? "" : e.tenant());
                    ps.setString(3, e.deviceId());
                    ps.setString(4, op.map(Operation::typeName).orElse(null));
                    ps.setString(5, op.map(Operation::sku).orElse(null));
                    ps.setObject(6, op.map(Operation::qty).orElse(null));
                    ps.setString(7, op.map(Operation::location).orElse(null));
                    ps.setString(8, op.map(Operation::orderNo).orElse(null));
                    ps.setString(9, result.code());
                    ps.setString(10, result.message());
                    ps.setString(11, e.at());
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (SQLException ex) {
            LOG.warn("could not keep the rejection of {} for its picker: {}", opId, ex.getMessage());
        }
    }

    /** One operation the core rejected; {@code qty} is null when the operation had none. */
    record Rejection(String opId, String tenant, String deviceId, String type, String sku, Long qty, String location,
            String orderNo, String code, String message, String rejectedAt, String acknowledgedAt,
            String acknowledgedBy) {
    }

    /** The rejection after an acknowledgement, and whether this call was the one that acknowledged it. */
    record Acknowledgement(Rejection rejection, boolean changed) {
    }

    /** The device's rejections that nobody acknowledged yet, oldest first. */
    List<Rejection> open(DevicePrincipal device) throws SQLException {
        return query("WHERE tenant = ? AND device_id = ? AND acknowledged_at IS NULL ORDER BY rejected_at LIMIT ?",
                device.tenant(), device.deviceId(), MAX_LIST);
    }

    /** The newest rejections of every tenant, for site IT. */
    List<Rejection> recent(int limit) throws SQLException {
        return query("ORDER BY rejected_at DESC LIMIT ?", Math.min(limit, MAX_LIST));
    }

    /** How many rejections wait for a picker. */
    int openCount() throws SQLException {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM rejected_ops "
                    + "WHERE acknowledged_at IS NULL")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * Marks a rejection seen by the picker; idempotent.
     *
     * @throws GatewayProblem NOT_FOUND for an opId that is not a rejection of the device's tenant
     */
    Acknowledgement acknowledge(DevicePrincipal device, String opId, String by) throws SQLException {
        String who = by == null || by.isBlank() ? device.deviceId() : by.trim() + "@" + device.deviceId();
        int changed = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rejected_ops SET acknowledged_at = ?, "
                    + "acknowledged_by = ? WHERE op_id = ? AND tenant = ? AND acknowledged_at IS NULL")) {
                ps.setString(1, Instant.now().toString());
                ps.setString(2, who.length() > 100 ? who.substring(0, 100) : who);
                ps.setString(3, opId);
                ps.setString(4, device.tenant());
                return ps.executeUpdate();
            }
        });
        List<Rejection> row = query("WHERE op_id = ? AND tenant = ?", opId, device.tenant());
        if (row.isEmpty()) {
            throw GatewayProblem.notFound("no rejected operation " + opId + " for tenant " + device.tenant());
        }
        return new Acknowledgement(row.get(0), changed == 1);
    }

    private List<Rejection> query(String where, Object... args) throws SQLException {
        return db.read(c -> {
            List<Rejection> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT op_id, tenant, device_id, type, sku, qty, location, "
                    + "order_no, code, message, rejected_at, acknowledged_at, acknowledged_by FROM rejected_ops "
                    + where)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long qty = rs.getLong(6);
                        Long q = rs.wasNull() ? null : qty;
                        out.add(new Rejection(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), q, rs.getString(7), rs.getString(8), rs.getString(9),
                                rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        closed = true;
        Disposable s = subscription;
        if (s != null) {
            s.dispose();
        }
        writer.dispose();
    }
}
