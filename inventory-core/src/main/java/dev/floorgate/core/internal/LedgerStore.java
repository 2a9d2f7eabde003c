package dev.floorgate.core.internal;

import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads of the MySQL side that the hot path needs: the first result of old operations (the ledger is the
 * authority once Redis has forgotten an opId) and a consistent snapshot of one stock record for a cold load.
 */
final class LedgerStore {
    private static final int IN_CHUNK = 500;
    private final Database db;

    LedgerStore(Database db) {
        this.db = db;
    }

    /** The first result of an operation as the ledger holds it, with the body fingerprint it was recorded for. */
    record FirstResult(String fingerprint, OperationResult result) {
    }

    /** A stock record as MySQL holds it, with the active reservations on it, read in one snapshot. */
    record RecordSnapshot(long onHand, long usable, long reserved, long seq, boolean history,
            List<Reservation> reservations) {
    }

    /** An active reservation of one order on one record. */
    record Reservation(String orderNo, long reserved, long picked) {
    }

    /** The recorded first results of those opIds that the ledger knows. */
    Map<String, FirstResult> firstResults(Collection<String> opIds) throws SQLException {
        Map<String, FirstResult> found = new HashMap<>();
        if (opIds.isEmpty()) {
            return found;
        }
        List<String> ids = new ArrayList<>(opIds);
        try (Connection c = db.connection()) {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                String sql = "SELECT op_id, fingerprint, status, code, message, on_hand, usable, reserved, delta "
                        + "FROM ledger WHERE op_id IN (" + "?,".repeat(chunk.size() - 1) + "?)";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), new FirstResult(rs.getString(2), toResult(rs)));
                        }
                    }
                }
            }
        }
        return found;
    }

    private static OperationResult toResult(ResultSet rs) throws SQLException {
        long onHand = rs.getLong(6);
        StockLevels stock = rs.wasNull() ? null : new StockLevels(onHand, rs.getLong(7), rs.getLong(8));
        long delta = rs.getLong(9);
        Long d = rs.wasNull() ? null : delta;
        return new OperationResult(rs.getString(1), ResultStatus.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), stock, d);
    }

    /**
     * Reads one record, its active reservations and whether any operation on it was ever recorded, all in one
     * REPEATABLE READ snapshot taken after the call starts: it contains every write-back commit that happened
     * before this method was entered (ColdLoader relies on that).
     */
    RecordSnapshot snapshot(String tenant, String warehouse, String sku) throws SQLException {
        try (Connection c = db.connection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            try {
                long onHand = 0;
                long usable = 0;
                long reserved = 0;
                long seq = 0;
                boolean history = false;
                try (PreparedStatement ps = c.prepareStatement("SELECT on_hand, usable, reserved, seq FROM stock "
                        + "WHERE tenant = ? AND warehouse = ? AND sku = ?")) {
                    set(ps, tenant, warehouse, sku);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            onHand = rs.getLong(1);
                            usable = rs.getLong(2);
                            reserved = rs.getLong(3);
                            seq = rs.getLong(4);
                            history = true;
                        }
                    }
                }
                List<Reservation> reservations = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT order_no, reserved, picked FROM reservations "
                        + "WHERE tenant = ? AND warehouse = ? AND sku = ? AND state = 'R'")) {
                    set(ps, tenant, warehouse, sku);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            reservations.add(new Reservation(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                        }
                    }
                }
                if (!history) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT 1 FROM ledger WHERE tenant = ? AND warehouse = ? AND sku = ? LIMIT 1")) {
                        set(ps, tenant, warehouse, sku);
                        try (ResultSet rs = ps.executeQuery()) {
                            history = rs.next();
                        }
                    }
                }
                c.commit();
                return new RecordSnapshot(onHand, usable, reserved, seq, history, reservations);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** The MySQL sequence of one record (0 when it has no row). */
    long seq(String tenant, String warehouse, String sku) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM stock WHERE tenant = ? AND warehouse = ? AND sku = ?")) {
            set(ps, tenant, warehouse, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static void set(PreparedStatement ps, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setString(i + 1, values[i]);
        }
    }
}
