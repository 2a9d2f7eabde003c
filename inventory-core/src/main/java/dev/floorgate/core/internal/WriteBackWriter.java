package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a batch of write-back events into MySQL in ONE transaction: a ledger row per event, the newest figures of
 * every stock record and reservation touched, the lines and status of the known orders touched, and the events
 * out for the bus (EventOutbox: one per applied operation or correction, order.picked/order.shipped).
 *
 * <p>Every statement is safe to repeat, which is the whole crash argument of the write-back: the ledger insert
 * skips an opId that is already there (unique key), and stock and reservation rows only move to a higher
 * per-record sequence ({@code seq}). So a batch committed but not acknowledged in Redis (a crash between the two)
 * is re-read from the pending list and written again with no effect.
 */
final class WriteBackWriter {
    private static final int ROWS_PER_STATEMENT = 250;
    private static final String LEDGER_COLUMNS = "op_id, kind, tenant, warehouse, sku, type, qty, location, "
            + "to_location, order_no, lot, serial, expiry, device_id, operator, occurred_at, fingerprint, status, "
            + "code, message, on_hand, usable, reserved, delta, seq, op_json";
    private static final int LEDGER_WIDTH = 26;

    private final Database db;
    private final KeyLayout keys;
    private final EventOutbox outbox;

    WriteBackWriter(Database db, KeyLayout keys, EventOutbox outbox) {
        this.db = db;
        this.keys = keys;
        this.outbox = outbox;
    }

    /** What one commit did: ledger rows inserted, and events whose ledger row already existed (replays). */
    record Outcome(int inserted, int replayed) {
    }

    Outcome write(List<WriteBackEvent> events) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                int inserted = insertLedger(c, events);
                upsertStock(c, events);
                Set<OrderStore.Ref> orders = upsertReservations(c, events);
                if (!orders.isEmpty()) {
                    for (OrderStore.Ref ref : OrderStore.tracked(c, orders)) {
                        OrderStore.refresh(c, ref, outbox);
                    }
                }
                outbox.addWriteBack(c, events); // the events out, committed with the figures they report
                c.commit(); // Commit point: from here the events are durable in MySQL and may be acknowledged.
                return new Outcome(inserted, events.size() - inserted);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private int insertLedger(Connection c, List<WriteBackEvent> events) throws SQLException {
        int inserted = 0;
        for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
            List<WriteBackEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
            String row = "(" + "?,".repeat(LEDGER_WIDTH - 1) + "?)";
            String sql = "INSERT INTO ledger (" + LEDGER_COLUMNS + ") VALUES " + (row + ",").repeat(chunk.size() - 1)
                    + row + " ON DUPLICATE KEY UPDATE op_id = op_id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (WriteBackEvent e : chunk) {
                    i = bindLedger(ps, i, e);
                }
                inserted += ps.executeUpdate();
            }
        }
        return inserted;
    }

    private static int bindLedger(PreparedStatement ps, int i, WriteBackEvent e) throws SQLException {
        Operation op = e.operation();
        String[] rec = e.record();
        ps.setString(i++, e.opId());
        ps.setString(i++, e.kind());
        ps.setString(i++, rec[0]);
        ps.setString(i++, rec[1]);
        ps.setString(i++, rec[2]);
        ps.setString(i++, op == null ? "CORRECTION" : op.typeName());
        setLong(ps, i++, op == null ? null : op.qty());
        ps.setString(i++, op == null ? null : op.location());
        ps.setString(i++, op == null ? null : op.toLocation());
        ps.setString(i++, op == null ? null : op.orderNo());
        ps.setString(i++, op == null ? null : op.lot());
        ps.setString(i++, op == null ? null : op.serial());
        ps.setString(i++, op == null ? null : op.expiry());
        ps.setString(i++, op == null ? null : op.deviceId());
        ps.setString(i++, op == null ? null : op.operator());
        ps.setString(i++, op == null ? null : op.occurredAt());
        ps.setString(i++, e.f().getOrDefault("fp", ""));
        ps.setString(i++, e.f().get("st"));
        ps.setString(i++, e.text("c"));
        String message = e.text("m");
        ps.setString(i++, message == null || message.length() <= 1024 ? message : message.substring(0, 1024));
        boolean stock = e.changesStock();
        setLong(ps, i++, stock ? e.num("oh") : null);
        setLong(ps, i++, stock ? e.num("us") : null);
        setLong(ps, i++, stock ? e.num("rs") : null);
        setLong(ps, i++, e.optionalNum("d"));
        setLong(ps, i++, stock ? e.seq() : null);
        ps.setString(i++, e.f().getOrDefault("j", "{}"));
        return i;
    }

    /** The newest figures per record (highest seq), upserted only over an older seq. */
    private void upsertStock(Connection c, List<WriteBackEvent> events) throws SQLException {
        Map<String, WriteBackEvent> newest = new LinkedHashMap<>();
        for (WriteBackEvent e : events) {
            if (e.changesStock()) {
                newest.merge(e.rec(), e, (a, b) -> b.seq() > a.seq() ? b : a);
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        List<WriteBackEvent> rows = new ArrayList<>(newest.values());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<WriteBackEvent> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String row = "(?, ?, ?, ?, ?, ?, ?, ?)";
            // Assignments run left to right, so seq is moved last, after the figures compared against it.
            String sql = "INSERT INTO stock (tenant, warehouse, sku, bucket, on_hand, usable, reserved, seq) VALUES "
                    + (row + ",").repeat(chunk.size() - 1) + row + " ON DUPLICATE KEY UPDATE "
                    + "on_hand = IF(VALUES(seq) > seq, VALUES(on_hand), on_hand), "
                    + "usable = IF(VALUES(seq) > seq, VALUES(usable), usable), "
                    + "reserved = IF(VALUES(seq) > seq, VALUES(reserved), reserved), "
                    + "bucket = VALUES(bucket), seq = GREATEST(seq, VALUES(seq))";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (WriteBackEvent e : chunk) {
                    String[] rec = e.record();
                    ps.setString(i++, rec[0]);
                    ps.setString(i++, rec[1]);
                    ps.setString(i++, rec[2]);
                    ps.setInt(i++, keys.bucketOf(e.rec()));
                    ps.setLong(i++, e.num("oh"));
                    ps.setLong(i++, e.num("us"));
                    ps.setLong(i++, e.num("rs"));
                    ps.setLong(i++, e.seq());
                }
                ps.executeUpdate();
            }
        }
    }

    /** The newest state per (record, order); returns the orders touched by applied events. */
    private static Set<OrderStore.Ref> upsertReservations(Connection c, List<WriteBackEvent> events)
            throws SQLException {
        Map<String, WriteBackEvent> newest = new LinkedHashMap<>();
        Set<String> shippedKeys = new LinkedHashSet<>();
        Set<OrderStore.Ref> touched = new LinkedHashSet<>();
        for (WriteBackEvent e : events) {
            String ord = e.text("ord");
            if (!"A".equals(e.kind()) || ord == null) {
                continue;
            }
            String[] rec = e.record();
            touched.add(new OrderStore.Ref(rec[0], rec[1], ord));
            if (e.text("os") == null) {
                continue; // SHIP of an order without a reservation on this record
            }
            String k = e.rec() + "\n" + ord;
            newest.merge(k, e, (a, b) -> b.seq() > a.seq() ? b : a);
            Operation op = e.operation();
            if (op != null && op.type() == OperationType.SHIP) {
                shippedKeys.add(k);
            }
        }
        if (newest.isEmpty()) {
            return touched;
        }
        List<Map.Entry<String, WriteBackEvent>> rows = new ArrayList<>(newest.entrySet());
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<Map.Entry<String, WriteBackEvent>> chunk = rows.subList(from,
                    Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            String row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
            String sql = "INSERT INTO reservations (tenant, warehouse, sku, order_no, state, reserved, picked, "
                    + "shipped, seq) VALUES " + (row + ",").repeat(chunk.size() - 1) + row + " ON DUPLICATE KEY UPDATE "
                    + "state = IF(VALUES(seq) > seq, VALUES(state), state), "
                    + "reserved = IF(VALUES(seq) > seq, VALUES(reserved), reserved), "
                    + "picked = IF(VALUES(seq) > seq, VALUES(picked), picked), "
                    + "shipped = GREATEST(shipped, VALUES(shipped)), seq = GREATEST(seq, VALUES(seq))";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Map.Entry<String, WriteBackEvent> entry : chunk) {
                    WriteBackEvent e = entry.getValue();
                    String[] rec = e.record();
                    ps.setString(i++, rec[0]);
                    ps.setString(i++, rec[1]);
                    ps.setString(i++, rec[2]);
                    ps.setString(i++, e.text("ord"));
                    ps.setString(i++, e.text("os"));
                    ps.setLong(i++, e.num("or"));
                    ps.setLong(i++, e.num("op_"));
                    ps.setInt(i++, shippedKeys.contains(entry.getKey()) ? 1 : 0);
                    ps.setLong(i++, e.seq());
                }
                ps.executeUpdate();
            }
        }
        return touched;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
