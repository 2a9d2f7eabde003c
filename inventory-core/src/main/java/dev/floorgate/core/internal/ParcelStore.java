package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code parcels} and {@code parcel_intakes} tables, in the tenant's own schema (db/tenant/V1). Every writer
 * first takes the {@code parcel_seq} row lock ({@link #lock}) and keeps it until its commit: that serialises parcel writes, so a
 * check-then-insert on a tracking key cannot race, and the seq a change takes becomes visible in seq order, so a
 * feed reader's cursor never passes a change that commits later. Call the writing methods with autocommit off.
 */
final class ParcelStore {
    private static final String COLUMNS = "tenant, parcel_id, warehouse, tracking_key, carrier, tracking_format, "
            + "check_digit_valid, tracking_raw, customer, customer_name, notes, state, location, announced_at, "
            + "received_at, received_gateway, received_station, received_op_id, assigned_at, seq";

    private ParcelStore() {
    }

    /** One parcel row; {@code seq} is its latest change's place in the feed. */
    record Parcel(String tenant, String parcelId, String warehouse, String trackingKey, String carrier,
            String format, Boolean checkDigitValid, String trackingRaw, String customer, String customerName,
            String notes, String state, String location, Instant announcedAt, Instant receivedAt,
            String receivedGateway, String receivedStation, String receivedOpId, Instant assignedAt, long seq) {

        Parcel received(String atWarehouse, String at, Instant when, String gateway, String station, String opId) {
            return new Parcel(tenant, parcelId, atWarehouse, trackingKey, carrier, format, checkDigitValid,
                    trackingRaw, customer, customerName, notes, "RECEIVED", at, announcedAt, when, gateway, station,
                    opId, assignedAt, seq);
        }

        Parcel assigned(String newCustomer, String newName, Instant when) {
            return new Parcel(tenant, parcelId, warehouse, trackingKey, carrier, format, checkDigitValid,
                    trackingRaw, newCustomer, newName, notes, "RECEIVED", location, announcedAt, receivedAt,
                    receivedGateway, receivedStation, receivedOpId, when, seq);
        }

        /** CLOSED when a shipment takes it, RECEIVED again when that shipment is cancelled (ShipmentService). */
        Parcel withState(String newState) {
            return new Parcel(tenant, parcelId, warehouse, trackingKey, carrier, format, checkDigitValid,
                    trackingRaw, customer, customerName, notes, newState, location, announcedAt, receivedAt,
                    receivedGateway, receivedStation, receivedOpId, assignedAt, seq);
        }

        Parcel withSeq(long newSeq) {
            return new Parcel(tenant, parcelId, warehouse, trackingKey, carrier, format, checkDigitValid,
                    trackingRaw, customer, customerName, notes, state, location, announcedAt, receivedAt,
                    receivedGateway, receivedStation, receivedOpId, assignedAt, newSeq);
        }
    }

    /** Takes the parcel writers' lock (see the class comment); held until the transaction ends. */
    static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT value FROM parcel_seq WHERE name = 'parcels' FOR UPDATE")) {
            ps.executeQuery().close();
        }
    }

    /** The next feed position; only under {@link #lock}. */
    static long nextSeq(Connection c) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE parcel_seq SET value = value + 1 WHERE name = 'parcels'");
                PreparedStatement read = c.prepareStatement("SELECT value FROM parcel_seq WHERE name = 'parcels'")) {
            up.executeUpdate();
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The tenant's open parcel with this tracking key, or null. */
    static Parcel findOpen(Connection c, String tenant, String trackingKey) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM parcels WHERE tenant = ? AND open_key = ?", tenant, trackingKey);
    }

    static Parcel find(Connection c, String tenant, String parcelId) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM parcels WHERE tenant = ? AND parcel_id = ?", tenant, parcelId);
    }

    /** Inserts a new parcel or rewrites an existing one in full (the key is tenant and parcel id). */
    static void save(Connection c, Parcel p) throws SQLException {
        String sql = "INSERT INTO parcels (" + COLUMNS + ") VALUES (" + "?,".repeat(19) + "?) ON DUPLICATE KEY "
                + "UPDATE warehouse = VALUES(warehouse), customer = VALUES(customer), customer_name = "
                + "VALUES(customer_name), state = VALUES(state), location = VALUES(location), received_at = "
                + "VALUES(received_at), received_gateway = VALUES(received_gateway), received_station = "
                + "VALUES(received_station), received_op_id = VALUES(received_op_id), assigned_at = "
                + "VALUES(assigned_at), seq = VALUES(seq)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, p.tenant());
            ps.setString(i++, p.parcelId());
            ps.setString(i++, p.warehouse());
            ps.setString(i++, p.trackingKey());
            ps.setString(i++, p.carrier());
            ps.setString(i++, p.format());
            if (p.checkDigitValid() == null) {
                ps.setNull(i++, Types.TINYINT);
            } else {
                ps.setInt(i++, p.checkDigitValid() ? 1 : 0);
            }
            ps.setString(i++, p.trackingRaw());
            ps.setString(i++, p.customer());
            ps.setString(i++, p.customerName());
            ps.setString(i++, p.notes());
            ps.setString(i++, p.state());
            ps.setString(i++, p.location());
            ps.setTimestamp(i++, ts(p.announcedAt()));
            ps.setTimestamp(i++, ts(p.receivedAt()));
            ps.setString(i++, p.receivedGateway());
            ps.setString(i++, p.receivedStation());
            ps.setString(i++, p.receivedOpId());
            ps.setTimestamp(i++, ts(p.assignedAt()));
            ps.setLong(i, p.seq());
            ps.executeUpdate();
        }
    }

    /** The feed: parcels of a tenant (one warehouse, or all when null) changed after {@code after}, by seq. */
    static List<Parcel> changes(Connection c, String tenant, String warehouse, long after, int limit)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM parcels WHERE tenant = ?"
                + (warehouse == null ? "" : " AND warehouse = ?") + " AND seq > ? ORDER BY seq LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenant);
            if (warehouse != null) {
                ps.setString(i++, warehouse);
            }
            ps.setLong(i++, after);
            ps.setInt(i, limit);
            return all(ps);
        }
    }

    /**
     * The packing station's list: a tenant's parcels, of one customer and in one state when given (a warehouse too),
     * by parcel id after {@code after}.
     */
    static List<Parcel> list(Connection c, String tenant, String customer, String state, String warehouse,
            String after, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM parcels WHERE tenant = ?" + (customer == null ? ""
                : " AND customer = ?") + (state == null ? "" : " AND state = ?") + (warehouse == null ? ""
                : " AND warehouse = ?") + " AND parcel_id > ? ORDER BY parcel_id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenant);
            for (String v : new String[] {customer, state, warehouse}) {
                if (v != null) {
                    ps.setString(i++, v);
                }
            }
            ps.setString(i++, after);
            ps.setInt(i, limit);
            return all(ps);
        }
    }

    /** An intake already answered under this operation id: {fingerprint, answer}, or null. */
    static String[] intake(Connection c, String tenant, String opId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT fingerprint, answer FROM parcel_intakes WHERE tenant = ? AND op_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, opId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    static void recordIntake(Connection c, String tenant, String opId, String parcelId, String fingerprint,
            String answer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcel_intakes (tenant, op_id, parcel_id, "
                + "fingerprint, answer) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, opId);
            ps.setString(3, parcelId);
            ps.setString(4, fingerprint);
            ps.setString(5, answer);
            ps.executeUpdate();
        }
    }

    private static Parcel one(Connection c, String sql, String a, String b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a);
            ps.setString(2, b);
            List<Parcel> rows = all(ps);
            return rows.isEmpty() ? null : rows.get(0);
        }
    }

    private static List<Parcel> all(PreparedStatement ps) throws SQLException {
        List<Parcel> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int check = rs.getInt(7);
                Boolean valid = rs.wasNull() ? null : check == 1;
                out.add(new Parcel(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), valid, rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13), instant(rs.getTimestamp(14)),
                        instant(rs.getTimestamp(15)), rs.getString(16), rs.getString(17), rs.getString(18),
                        instant(rs.getTimestamp(19)), rs.getLong(20)));
            }
        }
        return out;
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
