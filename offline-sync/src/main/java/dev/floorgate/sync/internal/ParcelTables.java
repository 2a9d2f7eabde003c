package dev.floorgate.sync.internal;

import dev.floorgate.sync.IntakeState;
import dev.floorgate.sync.ParcelIntake;
import dev.floorgate.sync.ParcelRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the parcel book ({@code parcels.db}); the schema is documented on {@code ParcelBook}. */
public final class ParcelTables {
    private static final String INTAKE_COLUMNS = "id, op_id, tenant, warehouse, tracking_key, tracking_number, "
            + "location, station, device, scanned_at, state, expected_customer, parcel_id, failure";
    private final Connection c;

    public ParcelTables(Connection c) {
        this.c = c;
    }

    /** Schema step 1. */
    public static void createVersion1(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE parcels (tenant TEXT NOT NULL, tracking_key TEXT NOT NULL, "
                    + "warehouse TEXT, parcel_id TEXT NOT NULL, carrier TEXT, state TEXT NOT NULL, customer TEXT, "
                    + "customer_name TEXT, location TEXT, seq INTEGER, PRIMARY KEY (tenant, tracking_key)) "
                    + "WITHOUT ROWID");
            s.executeUpdate("CREATE TABLE feed_cursors (tenant TEXT NOT NULL, warehouse TEXT NOT NULL, "
                    + "cursor TEXT, polled_at INTEGER, PRIMARY KEY (tenant, warehouse)) WITHOUT ROWID");
            s.executeUpdate("CREATE TABLE intakes (id INTEGER PRIMARY KEY, op_id TEXT NOT NULL UNIQUE, "
                    + "tenant TEXT NOT NULL, warehouse TEXT NOT NULL, tracking_key TEXT NOT NULL, "
                    + "tracking_number TEXT, location TEXT NOT NULL, station TEXT, device TEXT, "
                    + "scanned_at INTEGER NOT NULL, state TEXT NOT NULL, expected_customer TEXT, parcel_id TEXT, "
                    + "failure TEXT, attempts INTEGER NOT NULL DEFAULT 0, answered_at INTEGER)");
            s.executeUpdate("CREATE INDEX intakes_pending ON intakes (id) WHERE state = 'PENDING'");
            s.executeUpdate("CREATE INDEX intakes_key ON intakes (tenant, tracking_key)");
        }
    }

    public void putParcel(ParcelRecord p, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO parcels (tenant, tracking_key, "
                + "warehouse, parcel_id, carrier, state, customer, customer_name, location, seq) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.tenant());
            ps.setString(2, p.trackingKey());
            ps.setString(3, p.warehouse());
            ps.setString(4, p.parcelId());
            ps.setString(5, p.carrier());
            ps.setString(6, p.state());
            ps.setString(7, p.customer());
            ps.setString(8, p.customerName());
            ps.setString(9, p.location());
            ps.setLong(10, seq);
            ps.executeUpdate();
        }
    }

    /** A CLOSED parcel frees its tracking number: it leaves the cache, but only if it is still the one cached. */
    public void removeParcel(String tenant, String trackingKey, String parcelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM parcels WHERE tenant = ? AND tracking_key = ? AND parcel_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, trackingKey);
            ps.setString(3, parcelId);
            ps.executeUpdate();
        }
    }

    public ParcelRecord parcel(String tenant, String trackingKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT warehouse, parcel_id, carrier, state, customer, "
                + "customer_name, location FROM parcels WHERE tenant = ? AND tracking_key = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, trackingKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new ParcelRecord(tenant, rs.getString(1), trackingKey, rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)) : null;
            }
        }
    }

    public long count(String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    public String cursor(String tenant, String warehouse) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT cursor FROM feed_cursors WHERE tenant = ? AND warehouse = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public void setCursor(String tenant, String warehouse, String cursor, long atMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO feed_cursors (tenant, warehouse, "
                + "cursor, polled_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            ps.setString(3, cursor);
            ps.setLong(4, atMillis);
            ps.executeUpdate();
        }
    }

    /** Oldest successful poll over all feeds, epoch ms; 0 when none has been polled. */
    public long oldestPoll() throws SQLException {
        return count("SELECT COALESCE(MIN(polled_at), 0) FROM feed_cursors");
    }

    public long insertIntake(ParcelIntake i) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO intakes (op_id, tenant, warehouse, tracking_key, "
                + "tracking_number, location, station, device, scanned_at, state, expected_customer, parcel_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, i.opId());
            ps.setString(2, i.tenant());
            ps.setString(3, i.warehouse());
            ps.setString(4, i.trackingKey());
            ps.setString(5, i.trackingNumber());
            ps.setString(6, i.location());
            ps.setString(7, i.station());
            ps.setString(8, i.device());
            ps.setLong(9, i.scannedAt().toEpochMilli());
            ps.setString(10, i.expectedCustomer());
            ps.setString(11, i.parcelId());
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    /** The newest intake of this tracking key at this gateway, whatever its state; null when none. */
    public ParcelIntake latestIntake(String tenant, String trackingKey) throws SQLException {
        List<ParcelIntake> found = intakes("SELECT " + INTAKE_COLUMNS + " FROM intakes WHERE tenant = ? AND "
                + "tracking_key = ? ORDER BY id DESC LIMIT 1", tenant, trackingKey);
        return found.isEmpty() ? null : found.get(0);
    }

    public ParcelIntake intake(long id) throws SQLException {
        List<ParcelIntake> found = intakes("SELECT " + INTAKE_COLUMNS + " FROM intakes WHERE id = ?", id);
        return found.isEmpty() ? null : found.get(0);
    }

    public List<ParcelIntake> pending(int limit) throws SQLException {
        return intakes("SELECT " + INTAKE_COLUMNS + " FROM intakes WHERE state = 'PENDING' ORDER BY id LIMIT ?",
                limit);
    }

    public List<ParcelIntake> recent(String state, int limit) throws SQLException {
        return state == null
                ? intakes("SELECT " + INTAKE_COLUMNS + " FROM intakes ORDER BY id DESC LIMIT ?", limit)
                : intakes("SELECT " + INTAKE_COLUMNS + " FROM intakes WHERE state = ? ORDER BY id DESC LIMIT ?",
                        state, limit);
    }

    /** Stores the core's answer; only a PENDING row changes (an answer is recorded once). */
    public boolean answer(long id, IntakeState state, String parcelId, String failure, long atMillis)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE intakes SET state = ?, parcel_id = COALESCE(?, "
                + "parcel_id), failure = ?, answered_at = ?, attempts = attempts + 1 WHERE id = ? AND state = "
                + "'PENDING'")) {
            ps.setString(1, state.name());
            ps.setString(2, parcelId);
            ps.setString(3, failure);
            ps.setLong(4, atMillis);
            ps.setLong(5, id);
            return ps.executeUpdate() == 1;
        }
    }

    public void attempted(long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE intakes SET attempts = attempts + 1 WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Deletes answered intakes answered before {@code beforeMillis}; PENDING ones are never deleted. */
    public int purge(long beforeMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM intakes WHERE state <> 'PENDING' AND answered_at < ?")) {
            ps.setLong(1, beforeMillis);
            return ps.executeUpdate();
        }
    }

    private List<ParcelIntake> intakes(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < args.length; k++) {
                ps.setObject(k + 1, args[k]);
            }
            List<ParcelIntake> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ParcelIntake(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                            Instant.ofEpochMilli(rs.getLong(10)), IntakeState.valueOf(rs.getString(11)),
                            rs.getString(12), rs.getString(13), rs.getString(14)));
                }
            }
            return out;
        }
    }
}
