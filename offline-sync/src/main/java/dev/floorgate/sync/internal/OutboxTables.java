package dev.floorgate.sync.internal;

import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.sync.OpState;
import dev.floorgate.sync.StoredOperation;
import dev.floorgate.sqlite.SqliteFiles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the outbox (schema in {@code Outbox}'s class comment) over one connection, with its prepared
 * statements cached. Not thread-safe: one instance per connection, used by one thread at a time.
 *
 * <p>Every query on unsynced rows says {@code state IN ('PENDING','SYNCING')} word for word, so SQLite uses the
 * partial index {@code operations_unsynced}: finding a tenant's next batch costs the same with a million synced
 * rows as with none.
 */
public final class OutboxTables implements AutoCloseable {
    private static final String UNSYNCED = "state IN ('PENDING','SYNCING')";
    private static final String FINAL = "state IN ('APPLIED','DUPLICATE','REJECTED')";
    private static final String COLUMNS = "seq, op_id, tenant, device_id, body, state, result, accepted_at, synced_at";

    private final Connection c;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    public OutboxTables(Connection c) {
        this.c = c;
    }

    /**
     * Migration step 1 (runs inside the kit's step transaction): the tables and indexes of schema version 1. The
     * statements are the ones the outbox ran before the kit, word for word, so files keep one format.
     */
    public static void createVersion1(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS operations ("
                    + " seq INTEGER PRIMARY KEY,"
                    + " op_id TEXT NOT NULL UNIQUE,"
                    + " tenant TEXT NOT NULL,"
                    + " device_id TEXT,"
                    + " body TEXT NOT NULL,"
                    + " state TEXT NOT NULL CHECK (state IN ('PENDING','SYNCING','APPLIED','DUPLICATE','REJECTED')),"
                    + " result TEXT,"
                    + " accepted_at INTEGER NOT NULL,"
                    + " synced_at INTEGER,"
                    + " attempts INTEGER NOT NULL DEFAULT 0)");
            s.execute("CREATE INDEX IF NOT EXISTS operations_unsynced ON operations(tenant, seq) WHERE " + UNSYNCED);
            s.execute("CREATE INDEX IF NOT EXISTS operations_synced ON operations(synced_at) WHERE " + FINAL);
            s.execute("CREATE TABLE IF NOT EXISTS outbox_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        }
    }

    private PreparedStatement sql(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** Inserts a new PENDING row; returns 0 (and changes nothing) when the opId is already stored. */
    public int insert(long seq, String opId, String tenant, String deviceId, String body, long acceptedAtMillis)
            throws SQLException {
        PreparedStatement ps = sql("INSERT INTO operations (seq, op_id, tenant, device_id, body, state, accepted_at)"
                + " VALUES (?, ?, ?, ?, ?, 'PENDING', ?) ON CONFLICT (op_id) DO NOTHING");
        ps.setLong(1, seq);
        ps.setString(2, opId);
        ps.setString(3, tenant);
        ps.setString(4, deviceId);
        ps.setString(5, body);
        ps.setLong(6, acceptedAtMillis);
        return ps.executeUpdate();
    }

    public StoredOperation findByOpId(String opId) throws SQLException {
        PreparedStatement ps = sql("SELECT " + COLUMNS + " FROM operations WHERE op_id = ?");
        ps.setString(1, opId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? row(rs) : null;
        }
    }

    /** The first {@code limit} unsynced operations of a tenant in ack order. */
    public List<StoredOperation> unsynced(String tenant, int limit) throws SQLException {
        PreparedStatement ps = sql("SELECT " + COLUMNS + " FROM operations WHERE " + UNSYNCED
                + " AND tenant = ? ORDER BY seq LIMIT ?");
        ps.setString(1, tenant);
        ps.setInt(2, limit);
        List<StoredOperation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    /** The first {@code limit} unsynced operations of a tenant after {@code afterSeq}, in ack order. */
    public List<StoredOperation> unsyncedAfter(String tenant, long afterSeq, int limit) throws SQLException {
        PreparedStatement ps = sql("SELECT " + COLUMNS + " FROM operations WHERE " + UNSYNCED
                + " AND tenant = ? AND seq > ? ORDER BY seq LIMIT ?");
        ps.setString(1, tenant);
        ps.setLong(2, afterSeq);
        ps.setInt(3, limit);
        List<StoredOperation> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    /** The smallest tenant name above {@code after} ("" for the first) that has unsynced operations, or null. */
    public String nextUnsyncedTenant(String after) throws SQLException {
        PreparedStatement ps = sql("SELECT tenant FROM operations WHERE " + UNSYNCED
                + " AND tenant > ? ORDER BY tenant LIMIT 1");
        ps.setString(1, after);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** acceptedAt of a tenant's oldest unsynced operation, or -1. */
    public long oldestUnsyncedAcceptedAt(String tenant) throws SQLException {
        PreparedStatement ps = sql("SELECT accepted_at FROM operations WHERE " + UNSYNCED
                + " AND tenant = ? ORDER BY seq LIMIT 1");
        ps.setString(1, tenant);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    public long countUnsynced() throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM operations WHERE " + UNSYNCED)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The next free seq: above every row ever stored, pruned ones included (their high-water mark is kept). */
    public long nextSeq() throws SQLException {
        long max = 0;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(seq) FROM operations")) {
            if (rs.next()) {
                max = rs.getLong(1);
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM outbox_meta WHERE key = 'seq_high_water'")) {
            if (rs.next()) {
                max = Math.max(max, rs.getLong(1));
            }
        }
        return max + 1;
    }

    /** Moves a tenant's unsynced rows with seq in [from, to] to {@code state}, counting an attempt when SYNCING. */
    public int setUnsyncedState(String tenant, long fromSeq, long toSeq, OpState state) throws SQLException {
        PreparedStatement ps = sql("UPDATE operations SET state = ?, attempts = attempts + (? = 'SYNCING')"
                + " WHERE " + UNSYNCED + " AND tenant = ? AND seq BETWEEN ? AND ?");
        ps.setString(1, state.name());
        ps.setString(2, state.name());
        ps.setString(3, tenant);
        ps.setLong(4, fromSeq);
        ps.setLong(5, toSeq);
        return ps.executeUpdate();
    }

    /**
     * Stores a final answer on an unsynced row; returns 0 when the row is gone or already final (an answer is
     * stored at most once).
     */
    public int finish(long seq, OpState state, OperationResult result, long syncedAtMillis) throws SQLException {
        PreparedStatement ps = sql("UPDATE operations SET state = ?, result = ?, synced_at = ? WHERE seq = ? AND "
                + UNSYNCED);
        ps.setString(1, state.name());
        ps.setString(2, OperationJson.writeResult(result));
        ps.setLong(3, syncedAtMillis);
        ps.setLong(4, seq);
        return ps.executeUpdate();
    }

    /**
     * Deletes up to {@code limit} synced rows answered before {@code cutoffMillis}. First records the highest seq
     * ever used, so that seq stays monotonic even if every row is pruned.
     */
    public int pruneSynced(long cutoffMillis, int limit) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO outbox_meta (key, value) SELECT 'seq_high_water', MAX(seq) FROM operations"
                    + " WHERE true HAVING MAX(seq) IS NOT NULL"
                    + " ON CONFLICT (key) DO UPDATE SET value = MAX(value, excluded.value)");
        }
        PreparedStatement ps = sql("DELETE FROM operations WHERE seq IN (SELECT seq FROM operations WHERE " + FINAL
                + " AND synced_at < ? ORDER BY synced_at LIMIT ?)");
        ps.setLong(1, cutoffMillis);
        ps.setInt(2, limit);
        return ps.executeUpdate();
    }

    private static StoredOperation row(ResultSet rs) throws SQLException {
        String result = rs.getString(7);
        long synced = rs.getLong(9);
        boolean hasSynced = !rs.wasNull();
        return new StoredOperation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), OpState.valueOf(rs.getString(6)),
                result == null ? null : OperationJson.readResult(result), Instant.ofEpochMilli(rs.getLong(8)),
                hasSynced ? Instant.ofEpochMilli(synced) : null);
    }

    /** Closes the cached statements (the connection is the caller's). */
    @Override
    public void close() {
        for (PreparedStatement ps : statements.values()) {
            SqliteFiles.closeQuietly(ps);
        }
        statements.clear();
    }
}
