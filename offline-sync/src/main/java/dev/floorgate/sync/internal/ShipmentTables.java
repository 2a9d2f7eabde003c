package dev.floorgate.sync.internal;

import dev.floorgate.sync.ParcelRecord;
import dev.floorgate.sync.QueuedShipment;
import dev.floorgate.sync.ShipmentDraft;
import dev.floorgate.sync.ShipmentState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of the packing queue in {@code parcels.db}; the schema is documented on {@code PackingBook}. */
public final class ShipmentTables {
    private static final String COLUMNS = "id, op_id, reference, tenant, warehouse, customer, carrier, service, "
            + "rate_card_version, cost_amount, currency, weight_grams, length_mm, width_mm, height_mm, country, "
            + "postcode, station, device, packed_at, state, shipment_id, failure";
    /** A parcel is held while its shipment is queued or created here and the feed has not shown it CLOSED yet. */
    private static final String HELD = "SELECT 1 FROM shipment_parcels sp JOIN shipments s ON s.id = sp.shipment "
            + "WHERE s.tenant = ? AND sp.parcel_id = ? AND s.state IN ('PENDING', 'CREATED') AND sp.released = 0";
    private final Connection c;

    public ShipmentTables(Connection c) {
        this.c = c;
    }

    /** Schema step 2 of the parcel book. */
    public static void createVersion2(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE shipments (id INTEGER PRIMARY KEY, op_id TEXT NOT NULL UNIQUE, "
                    + "reference TEXT NOT NULL UNIQUE, tenant TEXT NOT NULL, warehouse TEXT NOT NULL, "
                    + "customer TEXT NOT NULL, carrier TEXT NOT NULL, service TEXT NOT NULL, "
                    + "rate_card_version INTEGER NOT NULL, cost_amount TEXT NOT NULL, currency TEXT NOT NULL, "
                    + "weight_grams INTEGER NOT NULL, length_mm INTEGER NOT NULL, width_mm INTEGER NOT NULL, "
                    + "height_mm INTEGER NOT NULL, country TEXT NOT NULL, postcode TEXT, station TEXT, device TEXT, "
                    + "packed_at INTEGER NOT NULL, state TEXT NOT NULL, shipment_id TEXT, failure TEXT, "
                    + "attempts INTEGER NOT NULL DEFAULT 0, answered_at INTEGER)");
            s.executeUpdate("CREATE INDEX shipments_pending ON shipments (id) WHERE state = 'PENDING'");
            s.executeUpdate("CREATE TABLE shipment_parcels (shipment INTEGER NOT NULL REFERENCES shipments (id), "
                    + "position INTEGER NOT NULL, parcel_id TEXT NOT NULL, tracking_key TEXT, "
                    + "released INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (shipment, position))");
            s.executeUpdate("CREATE INDEX shipment_parcels_parcel ON shipment_parcels (parcel_id)");
            s.executeUpdate("CREATE INDEX parcels_id ON parcels (tenant, parcel_id)");
        }
    }

    /** The cached parcel with this core id; null when the cache has none. */
    public ParcelRecord parcelById(String tenant, String parcelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT warehouse, tracking_key, carrier, state, customer, "
                + "customer_name, location FROM parcels WHERE tenant = ? AND parcel_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, parcelId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new ParcelRecord(tenant, rs.getString(1), rs.getString(2), parcelId,
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)) : null;
            }
        }
    }

    public boolean held(String tenant, String parcelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HELD)) {
            ps.setString(1, tenant);
            ps.setString(2, parcelId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** A customer's RECEIVED parcels in the cache that no shipment here holds, by location then parcel id. */
    public List<ParcelRecord> waiting(String tenant, String warehouse, String customer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT p.warehouse, p.tracking_key, p.carrier, p.state, "
                + "p.customer, p.customer_name, p.location, p.parcel_id FROM parcels p WHERE p.tenant = ? AND "
                + "p.customer = ? AND p.state = 'RECEIVED' AND (? IS NULL OR p.warehouse = ?) AND NOT EXISTS ("
                + HELD.replace("s.tenant = ?", "s.tenant = p.tenant").replace("sp.parcel_id = ?",
                        "sp.parcel_id = p.parcel_id") + ") ORDER BY p.location, p.parcel_id")) {
            ps.setString(1, tenant);
            ps.setString(2, customer);
            ps.setString(3, warehouse);
            ps.setString(4, warehouse);
            List<ParcelRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ParcelRecord(tenant, rs.getString(1), rs.getString(2), rs.getString(8),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
            return out;
        }
    }

    public long insert(String opId, String reference, ShipmentDraft d, List<String> trackingKeys, long packedAt)
            throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipments (op_id, reference, tenant, warehouse, "
                + "customer, carrier, service, rate_card_version, cost_amount, currency, weight_grams, length_mm, "
                + "width_mm, height_mm, country, postcode, station, device, packed_at, state) VALUES (?, ?, ?, ?, ?, "
                + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')", Statement.RETURN_GENERATED_KEYS)) {
            Object[] v = {opId, reference, d.tenant(), d.warehouse(), d.customer(), d.carrier(), d.service(),
                d.rateCardVersion(), d.costAmount(), d.currency(), d.weightGrams(), d.lengthMm(), d.widthMm(),
                d.heightMm(), d.country(), d.postcode(), d.station(), d.device(), packedAt};
            for (int k = 0; k < v.length; k++) {
                ps.setObject(k + 1, v[k]);
            }
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipment_parcels (shipment, position, parcel_id, "
                + "tracking_key) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < d.parcelIds().size(); i++) {
                ps.setLong(1, id);
                ps.setInt(2, i);
                ps.setString(3, d.parcelIds().get(i));
                ps.setString(4, trackingKeys.get(i));
                ps.executeUpdate();
            }
        }
        return id;
    }

    /**
     * The feed showed the parcel CLOSED: it left the cache, so no shipment here need hold it any more. A PENDING
     * one too (its answer was lost, or another gateway shipped the parcel): were it kept, a parcel the core later
     * reopens (a cancelled shipment) would stay hidden from the stations for good.
     */
    public void release(String tenant, String parcelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE shipment_parcels SET released = 1 WHERE parcel_id = ? "
                + "AND shipment IN (SELECT id FROM shipments WHERE tenant = ? AND state IN ('PENDING', 'CREATED'))")) {
            ps.setString(1, parcelId);
            ps.setString(2, tenant);
            ps.executeUpdate();
        }
    }

    /** Stores the core's answer; only a PENDING row changes (an answer is recorded once). */
    public boolean answer(long id, ShipmentState state, String shipmentId, String failure, long atMillis)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE shipments SET state = ?, shipment_id = ?, failure = ?, "
                + "answered_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'PENDING'")) {
            ps.setString(1, state.name());
            ps.setString(2, shipmentId);
            ps.setString(3, failure);
            ps.setLong(4, atMillis);
            ps.setLong(5, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes answered shipments answered before {@code beforeMillis}; PENDING ones are never deleted. */
    public int purge(long beforeMillis) throws SQLException {
        String old = "SELECT id FROM shipments WHERE state <> 'PENDING' AND answered_at < ?";
        try (PreparedStatement parcels = c.prepareStatement("DELETE FROM shipment_parcels WHERE shipment IN (" + old
                + ")"); PreparedStatement rows = c.prepareStatement("DELETE FROM shipments WHERE id IN (" + old + ")")) {
            parcels.setLong(1, beforeMillis);
            parcels.executeUpdate();
            rows.setLong(1, beforeMillis);
            return rows.executeUpdate();
        }
    }

    public long count(ShipmentState state) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM shipments WHERE state = ?")) {
            ps.setString(1, state.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    public List<QueuedShipment> select(String where, Object... args) throws SQLException {
        List<QueuedShipment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM shipments " + where)) {
            for (int k = 0; k < args.length; k++) {
                ps.setObject(k + 1, args[k]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    private QueuedShipment row(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        List<String> parcels = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT parcel_id, tracking_key FROM shipment_parcels WHERE shipment = ? ORDER BY position")) {
            ps.setLong(1, id);
            try (ResultSet p = ps.executeQuery()) {
                while (p.next()) {
                    parcels.add(p.getString(1));
                    keys.add(p.getString(2));
                }
            }
        }
        ShipmentDraft d = new ShipmentDraft(rs.getString(4), rs.getString(5), rs.getString(6), parcels,
                rs.getString(7), rs.getString(8), rs.getInt(9), rs.getString(10), rs.getString(11), rs.getLong(12),
                rs.getInt(13), rs.getInt(14), rs.getInt(15), rs.getString(16), rs.getString(17), rs.getString(18),
                rs.getString(19));
        return new QueuedShipment(id, rs.getString(2), rs.getString(3), d, keys, Instant.ofEpochMilli(rs.getLong(20)),
                ShipmentState.valueOf(rs.getString(21)), rs.getString(22), rs.getString(23));
    }
}
