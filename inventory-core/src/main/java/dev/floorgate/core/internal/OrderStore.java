package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders and their lines in MySQL ({@code orders}, {@code order_lines}). The per-record truth of a reservation is
 * the {@code reservations} row the write-back keeps; an order's lines and status are derived from those rows by
 * {@link #refresh}, which the write-back calls in its transaction whenever an event touches a known order.
 */
final class OrderStore {
    static final String PENDING = "PENDING";
    static final String RESERVED = "RESERVED";
    static final String PARTIAL = "PARTIAL";
    static final String RELEASED = "RELEASED";
    static final String PICKED = "PICKED";
    static final String SHIPPED = "SHIPPED";

    /** An order's identity. */
    record Ref(String tenant, String warehouse, String orderNo) {
    }

    /** One line as stored. */
    record Line(int lineNo, String sku, long qty, String location, long reserved, long picked) {
    }

    /** An order with its lines, in the shape of the changes feed. */
    record View(Ref ref, String status, List<Line> lines) {
    }

    private OrderStore() {
    }

    /** Those of {@code refs} that exist and are past PENDING (their lines follow the reservations). */
    static Set<Ref> tracked(Connection c, Collection<Ref> refs) throws SQLException {
        Set<Ref> found = new HashSet<>();
        List<Ref> list = new ArrayList<>(refs);
        for (int from = 0; from < list.size(); from += 200) {
            List<Ref> chunk = list.subList(from, Math.min(list.size(), from + 200));
            String sql = "SELECT tenant, warehouse, order_no FROM orders WHERE status <> 'PENDING' AND "
                    + "(tenant, warehouse, order_no) IN (" + "(?, ?, ?),".repeat(chunk.size() - 1) + "(?, ?, ?))";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Ref r : chunk) {
                    ps.setString(i++, r.tenant());
                    ps.setString(i++, r.warehouse());
                    ps.setString(i++, r.orderNo());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Ref(rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
        }
        return found;
    }

    /** Locks the order row; returns its status or null when there is no such order. */
    static String lockStatus(Connection c, Ref ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM orders WHERE tenant = ? AND warehouse = ? "
                + "AND order_no = ? FOR UPDATE")) {
            set(ps, ref);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Recomputes the order's lines (picked first, then reserved, spread over the lines of each SKU in line order)
     * and status from its reservations, and records a change when anything moved. Call inside a transaction.
     */
    static void refresh(Connection c, Ref ref, EventOutbox outbox) throws SQLException {
        Saga saga = lockSaga(c, ref);
        String status = saga == null ? null : saga.status();
        if (status == null || PENDING.equals(status)) {
            return;
        }
        Map<String, long[]> bySku = new HashMap<>(); // sku -> {reserved, picked, shipped}
        try (PreparedStatement ps = c.prepareStatement("SELECT sku, reserved, picked, shipped FROM reservations "
                + "WHERE tenant = ? AND warehouse = ? AND order_no = ?")) {
            set(ps, ref);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bySku.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        List<Line> lines = lines(c, ref);
        boolean shipped = false;
        for (long[] r : bySku.values()) {
            shipped |= r[2] != 0;
        }
        Map<String, long[]> left = new HashMap<>();
        bySku.forEach((sku, r) -> left.put(sku, new long[] {r[0], r[1]}));
        boolean changed = false;
        List<Line> updated = new ArrayList<>();
        for (Line l : lines) {
            long[] rem = left.getOrDefault(l.sku(), new long[2]);
            long picked = Math.min(l.qty(), rem[1]);
            rem[1] -= picked;
            long reserved = Math.min(l.qty() - picked, rem[0]);
            rem[0] -= reserved;
            Line n = new Line(l.lineNo(), l.sku(), l.qty(), l.location(), reserved, picked);
            changed |= n.reserved() != l.reserved() || n.picked() != l.picked();
            updated.add(n);
        }
        String next = status(updated, shipped);
        if (!changed && next.equals(status)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE order_lines SET reserved = ?, picked = ? "
                + "WHERE tenant = ? AND warehouse = ? AND order_no = ? AND line_no = ?")) {
            for (Line l : updated) {
                ps.setLong(1, l.reserved());
                ps.setLong(2, l.picked());
                ps.setString(3, ref.tenant());
                ps.setString(4, ref.warehouse());
                ps.setString(5, ref.orderNo());
                ps.setInt(6, l.lineNo());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        setStatus(c, ref, next);
        ChangeLog.record(c, ChangeLog.ORDER, ref.tenant(), ref.warehouse(), ref.orderNo());
        if (!next.equals(status) && (PICKED.equals(next) || SHIPPED.equals(next))) {
            // The saga's pick and ship steps end here, in the write-back's transaction: order.picked when every
            // line is picked, order.shipped when a shipment confirmation (SHIP) closes it.
            OrderEvents.statusReached(c, outbox, new View(ref, next, updated), saga.attempt());
        }
    }

    /** The saga's bookkeeping on an order (V15_1). */
    record Saga(String status, int attempt, String closedReason, boolean cancelRequested) {
    }

    /** Locks the order row; returns its status and saga columns, or null when there is no such order. */
    static Saga lockSaga(Connection c, Ref ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT status, attempt, closed_reason, cancel_requested "
                + "FROM orders WHERE tenant = ? AND warehouse = ? AND order_no = ? FOR UPDATE")) {
            set(ps, ref);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Saga(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getInt(4) != 0) : null;
            }
        }
    }

    /** Sets the saga columns (status through {@link #setStatus}, which also moves status_since). */
    static void setSaga(Connection c, Ref ref, int attempt, String closedReason, boolean cancelRequested)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET attempt = ?, closed_reason = ?, "
                + "cancel_requested = ? WHERE tenant = ? AND warehouse = ? AND order_no = ?")) {
            ps.setInt(1, attempt);
            ps.setString(2, closedReason);
            ps.setInt(3, cancelRequested ? 1 : 0);
            ps.setString(4, ref.tenant());
            ps.setString(5, ref.warehouse());
            ps.setString(6, ref.orderNo());
            ps.executeUpdate();
        }
    }

    static String status(List<Line> lines, boolean shipped) {
        if (shipped) {
            return SHIPPED;
        }
        boolean allPicked = true;
        boolean anyPicked = false;
        boolean allReserved = true;
        boolean nothingHeld = true;
        for (Line l : lines) {
            allPicked &= l.picked() == l.qty();
            anyPicked |= l.picked() > 0;
            allReserved &= l.reserved() == l.qty();
            nothingHeld &= l.reserved() == 0 && l.picked() == 0;
        }
        if (allPicked) {
            return PICKED;
        }
        if (anyPicked) {
            return PARTIAL;
        }
        if (allReserved) {
            return RESERVED;
        }
        return nothingHeld ? RELEASED : PARTIAL;
    }

    static void setStatus(Connection c, Ref ref, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                // Assignments run left to right: status_since compares against the old status first.
                "UPDATE orders SET status_since = IF(status = ?, status_since, CURRENT_TIMESTAMP(3)), status = ? "
                        + "WHERE tenant = ? AND warehouse = ? AND order_no = ?")) {
            ps.setString(1, status);
            ps.setString(2, status);
            ps.setString(3, ref.tenant());
            ps.setString(4, ref.warehouse());
            ps.setString(5, ref.orderNo());
            ps.executeUpdate();
        }
    }

    static List<Line> lines(Connection c, Ref ref) throws SQLException {
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT line_no, sku, qty, location, reserved, picked "
                + "FROM order_lines WHERE tenant = ? AND warehouse = ? AND order_no = ? ORDER BY line_no")) {
            set(ps, ref);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new Line(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return lines;
    }

    static View read(Connection c, Ref ref) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status FROM orders WHERE tenant = ? AND warehouse = ? AND order_no = ?")) {
            set(ps, ref);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new View(ref, rs.getString(1), lines(c, ref));
            }
        }
    }

    /** Creates the order as PENDING with its lines, or returns false when it exists (its row is then locked). */
    static boolean createPending(Connection c, Ref ref, List<Line> lines) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO orders (tenant, warehouse, order_no, "
                + "status) VALUES (?, ?, ?, 'PENDING')")) {
            set(ps, ref);
            if (ps.executeUpdate() == 0) {
                lockStatus(c, ref);
                return false;
            }
        }
        replaceLines(c, ref, lines);
        return true;
    }

    static void replaceLines(Connection c, Ref ref, List<Line> lines) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM order_lines WHERE tenant = ? AND warehouse = ? AND order_no = ?")) {
            set(ps, ref);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO order_lines (tenant, warehouse, order_no, "
                + "line_no, sku, qty, location, reserved, picked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Line l : lines) {
                ps.setString(1, ref.tenant());
                ps.setString(2, ref.warehouse());
                ps.setString(3, ref.orderNo());
                ps.setInt(4, l.lineNo());
                ps.setString(5, l.sku());
                ps.setLong(6, l.qty());
                ps.setString(7, l.location());
                ps.setLong(8, l.reserved());
                ps.setLong(9, l.picked());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void set(PreparedStatement ps, Ref ref) throws SQLException {
        ps.setString(1, ref.tenant());
        ps.setString(2, ref.warehouse());
        ps.setString(3, ref.orderNo());
    }
}
