package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.protocol.StockLevels;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads of the MySQL side that the hot path needs: the first result of old operations (the ledger is the
 * authority once Redis has forgotten an opId) and a consistent snapshot of one stock record for a cold load.
 *
 * <p>Every read for a tenant's operation or record runs on that tenant's own connection
 * ({@link TenantDatabases#connection}: its MySQL user, its schema's views of its own rows), so a query bug cannot
 * read another tenant's ledger or stock: the server does not show them (docs/TENANTS.md). The ledger's op_id is
 * unique across ALL tenants, though, and the tenant's view cannot show who else holds an op_id. That case is found
 * through the unique key itself ({@link #firstResults}) and answered as a reused opId.
 */
final class LedgerStore {
    private static final int IN_CHUNK = 500;
    /** The status of a probe row: never committed (the probe's transaction always rolls back). */
    private static final String PROBE_STATUS = "PROBE";
    private final Database core;
    private final TenantDatabases tenants;
    private final Set<String> knownTenants;

    /** @param knownTenants the tenants of the core's keys (the others' operations are UNKNOWN_TENANT rejections) */
    LedgerStore(Database core, TenantDatabases tenants, Set<String> knownTenants) {
        this.core = core;
        this.tenants = tenants;
        this.knownTenants = knownTenants;
    }

    /**
     * The first result of an operation as the ledger holds it, with the body fingerprint it was recorded for; or
     * {@link #HELD_BY_ANOTHER_TENANT} (both null) when another tenant's ledger row holds the opId.
     */
    record FirstResult(String fingerprint, OperationResult result) {
        /** Whether the recorded operation had this body fingerprint (a replay rather than a reused opId). */
        boolean sameBody(String otherFingerprint) {
            return fingerprint != null && fingerprint.equals(otherFingerprint);
        }
    }

    /** The opId is in the ledger, but not as the asking tenant's: for that tenant it is a reused opId. */
    static final FirstResult HELD_BY_ANOTHER_TENANT = new FirstResult(null, null);

    /** A stock record as MySQL holds it, with the active reservations on it, read in one snapshot. */
    record RecordSnapshot(long onHand, long usable, long reserved, long seq, boolean history,
            List<Reservation> reservations) {
    }

    /** An active reservation of one order on one record. */
    record Reservation(String orderNo, long reserved, long picked) {
    }

    /**
     * What the ledger said: the recorded first results by opId, and the tenants whose lookup failed (their
     * operations are answered RETRY; another tenant's database failing does not touch them).
     */
    record Lookup(Map<String, FirstResult> found, Map<String, Exception> failedTenants) {
    }

    /**
     * The recorded first results of those operations' opIds that the ledger knows, keyed by opId, each looked up
     * on its own tenant's connection. An opId another tenant already used is {@link #HELD_BY_ANOTHER_TENANT}.
     */
    Lookup firstResults(Collection<Operation> operations) {
        Map<String, FirstResult> found = new HashMap<>();
        Map<String, Exception> failed = new LinkedHashMap<>();
        Map<String, List<String>> byTenant = new LinkedHashMap<>();
        for (Operation op : operations) {
            byTenant.computeIfAbsent(op.tenant(), t -> new ArrayList<>()).add(op.opId());
        }
        for (Map.Entry<String, List<String>> e : byTenant.entrySet()) {
            try {
                found.putAll(onceMore(() -> firstResults(e.getKey(), e.getValue())));
            } catch (SQLException | RuntimeException failure) {
                failed.put(e.getKey(), failure);
            }
        }
        return new Lookup(found, failed);
    }

    /** One tenant's lookup, on its own connection. */
    private Map<String, FirstResult> firstResults(String tenant, List<String> opIds) throws SQLException {
        try (Connection c = connectionOf(tenant)) {
            List<String> ids = new ArrayList<>(new LinkedHashSet<>(opIds));
            Map<String, FirstResult> found = select(c, ids);
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                if (!found.containsKey(id)) {
                    missing.add(id);
                }
            }
            if (!missing.isEmpty() && tenant != null && knownTenants.contains(tenant)) {
                found.putAll(probe(c, tenant, missing));
            }
            return found;
        }
    }

    /**
     * The tenant's own connection, for a tenant of the core's keys. The others stay on the core's connection, as
     * {@link WriteBackWriter} records them there: an operation of a tenant no key holds (in process only: the HTTP
     * API refuses it with 403) is an UNKNOWN_TENANT rejection, recorded in the ledger with that tenant code and
     * never a stock change. On the tenant's connection its first use would create a schema and a MySQL user for a
     * tenant that does not exist (or, with fg.mysql.add-tenants-at-start=false, fail for good and hold its events
     * pending); a NULL tenant has no schema or user at all.
     */
    private Connection connectionOf(String tenant) throws SQLException {
        return tenant == null || !knownTenants.contains(tenant) ? core.connection() : tenants.connection(tenant);
    }

    private static Map<String, FirstResult> select(Connection c, List<String> ids) throws SQLException {
        Map<String, FirstResult> found = new HashMap<>();
        read(c, ids, found, new HashSet<>());
        return found;
    }

    /**
     * The ledger rows of the opIds that this connection sees: first results into {@code found} (probe rows left
     * out), every opId seen, probe or not, into {@code seen}.
     */
    private static void read(Connection c, List<String> ids, Map<String, FirstResult> found, Set<String> seen)
            throws SQLException {
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
                        seen.add(rs.getString(1));
                        if (!PROBE_STATUS.equals(rs.getString(3))) {
                            found.put(rs.getString(1), new FirstResult(rs.getString(2), toResult(rs)));
                        }
                    }
                }
            }
        }
    }

    /**
     * Which of the opIds the tenant's view does not show are held by ANOTHER tenant. The view cannot tell (it shows
     * this tenant's rows only) and the core's connection must not be asked for a tenant's lookup, so the unique key
     * answers: in a transaction that always rolls back, insert a probe row of this tenant per opId with INSERT
     * IGNORE; an opId whose probe was skipped as a duplicate and which the view still does not show is another
     * tenant's. A row of this tenant that the write-back committed meanwhile is read (the read comes after the
     * inserts, so it sees it) and returned as the first result. The probe only runs for ledger misses (the slow path
     * of old or timeless operations); nothing of it is ever committed, its only trace is a gap in ledger.id.
     */
    private static Map<String, FirstResult> probe(Connection c, String tenant, List<String> ids) throws SQLException {
        Map<String, FirstResult> found = new HashMap<>();
        c.setAutoCommit(false);
        try {
            for (int from = 0; from < ids.size(); from += IN_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
                String row = "(?, 'P', ?, '', '" + PROBE_STATUS + "', '{}')";
                String sql = "INSERT IGNORE INTO ledger (op_id, kind, tenant, fingerprint, status, op_json) VALUES "
                        + (row + ",").repeat(chunk.size() - 1) + row;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = 1;
                    for (String id : chunk) {
                        ps.setString(i++, id);
                        ps.setString(i++, tenant);
                    }
                    ps.executeUpdate();
                }
            }
            Set<String> seen = new HashSet<>();
            read(c, ids, found, seen);
            for (String id : ids) {
                if (!seen.contains(id)) {
                    found.put(id, HELD_BY_ANOTHER_TENANT);
                }
            }
        } finally {
            try {
                c.rollback(); // the probe rows must never be committed
            } finally {
                c.setAutoCommit(true);
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
        return onceMore(() -> snapshotOnce(tenant, warehouse, sku));
    }

    private RecordSnapshot snapshotOnce(String tenant, String warehouse, String sku) throws SQLException {
        try (Connection c = connectionOf(tenant)) {
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
        return onceMore(() -> seqOnce(tenant, warehouse, sku));
    }

    private long seqOnce(String tenant, String warehouse, String sku) throws SQLException {
        try (Connection c = connectionOf(tenant); PreparedStatement ps = c.prepareStatement(
                "SELECT seq FROM stock WHERE tenant = ? AND warehouse = ? AND sku = ?")) {
            set(ps, tenant, warehouse, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** A read of this store (they all only read, or roll back: repeating one is harmless). */
    private interface Read<T> {
        T run() throws SQLException;
    }

    /**
     * Runs the read, and once more if the connection the pool handed out was broken. A tenant's pool is used only
     * by that tenant's reads, so after a network cut or a database restart its idle connections are still the
     * broken ones (the pool checks a connection only when it was idle for more than 500 ms, and nothing else
     * probes a tenant pool); the failed one is evicted, so the second attempt gets a checked or new one.
     */
    private static <T> T onceMore(Read<T> read) throws SQLException {
        try {
            return read.run();
        } catch (SQLException e) {
            if (!brokenConnection(e)) {
                throw e;
            }
            try {
                return read.run();
            } catch (SQLException again) {
                again.addSuppressed(e);
                throw again;
            }
        }
    }

    /** A failure of the connection itself (SQLSTATE class 08), not of the statement. */
    static boolean brokenConnection(SQLException e) {
        return e instanceof SQLNonTransientConnectionException
                || e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static void set(PreparedStatement ps, String... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setString(i + 1, values[i]);
        }
    }
}
