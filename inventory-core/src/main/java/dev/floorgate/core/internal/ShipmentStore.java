package dev.floorgate.core.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * The {@code shipments} and {@code shipment_parcels} tables, in the tenant's own schema (db/tenant/V1). Writers hold
 * the parcel writers' lock ({@link ParcelStore#lock}) because a shipment closes and reopens parcels; call the
 * writing methods with autocommit off, under that lock.
 */
final class ShipmentStore {
    private static final String COLUMNS = "tenant, shipment_id, warehouse, customer, carrier, service, "
            + "rate_card_version, cost_amount, cost_currency, weight_grams, length_mm, width_mm, height_mm, "
            + "dest_country, dest_postcode, state, label_tracking_key, label_carrier, label_format, "
            + "label_tracking_raw, created_at, labelled_at, cancelled_at, gateway, station, op_id";

    private ShipmentStore() {
    }

    /** One shipment with its parcels in the order the packing station sent them. */
    record Shipment(String tenant, String shipmentId, String warehouse, String customer, List<String> parcels,
            String carrier, String service, int rateCardVersion, BigDecimal cost, String currency, int weightGrams,
            int lengthMm, int widthMm, int heightMm, String country, String postcode, String state, String labelKey,
            String labelCarrier, String labelFormat, String labelRaw, Instant createdAt, Instant labelledAt,
            Instant cancelledAt, String gateway, String station, String opId) {

        Shipment labelled(ParcelInputs.Tracking t, Instant when) {
            return new Shipment(tenant, shipmentId, warehouse, customer, parcels, carrier, service, rateCardVersion,
                    cost, currency, weightGrams, lengthMm, widthMm, heightMm, country, postcode, "LABELLED", t.key(),
                    t.carrier(), t.format(), t.raw(), createdAt, when, cancelledAt, gateway, station, opId);
        }

        Shipment cancelled(Instant when) {
            return new Shipment(tenant, shipmentId, warehouse, customer, parcels, carrier, service, rateCardVersion,
                    cost, currency, weightGrams, lengthMm, widthMm, heightMm, country, postcode, "CANCELLED",
                    labelKey, labelCarrier, labelFormat, labelRaw, createdAt, labelledAt, when, gateway, station,
                    opId);
        }
    }

    /** Stores a new shipment, its parcels, and the request's fingerprint and first answer (for replays). */
    static void insert(Connection c, Shipment s, String fingerprint, String answer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipments (" + COLUMNS + ", fingerprint, answer)"
                + " VALUES (" + "?,".repeat(27) + "?)")) {
            int i = 1;
            ps.setString(i++, s.tenant());
            ps.setString(i++, s.shipmentId());
            ps.setString(i++, s.warehouse());
            ps.setString(i++, s.customer());
            ps.setString(i++, s.carrier());
            ps.setString(i++, s.service());
            ps.setInt(i++, s.rateCardVersion());
            ps.setBigDecimal(i++, s.cost());
            ps.setString(i++, s.currency());
            ps.setInt(i++, s.weightGrams());
            ps.setInt(i++, s.lengthMm());
            ps.setInt(i++, s.widthMm());
            ps.setInt(i++, s.heightMm());
            ps.setString(i++, s.country());
            ps.setString(i++, s.postcode());
            ps.setString(i++, s.state());
            ps.setString(i++, s.labelKey());
            ps.setString(i++, s.labelCarrier());
            ps.setString(i++, s.labelFormat());
            ps.setString(i++, s.labelRaw());
            ps.setTimestamp(i++, ts(s.createdAt()));
            ps.setTimestamp(i++, ts(s.labelledAt()));
            ps.setTimestamp(i++, ts(s.cancelledAt()));
            ps.setString(i++, s.gateway());
            ps.setString(i++, s.station());
            ps.setString(i++, s.opId());
            ps.setString(i++, fingerprint);
            ps.setString(i, answer);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO shipment_parcels (tenant, shipment_id, "
                + "parcel_id, position) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < s.parcels().size(); i++) {
                ps.setString(1, s.tenant());
                ps.setString(2, s.shipmentId());
                ps.setString(3, s.parcels().get(i));
                ps.setInt(4, i);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Writes a label or a cancel: the state and the label and time columns. */
    static void update(Connection c, Shipment s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE shipments SET state = ?, label_tracking_key = ?, "
                + "label_carrier = ?, label_format = ?, label_tracking_raw = ?, labelled_at = ?, cancelled_at = ? "
                + "WHERE tenant = ? AND shipment_id = ?")) {
            ps.setString(1, s.state());
            ps.setString(2, s.labelKey());
            ps.setString(3, s.labelCarrier());
            ps.setString(4, s.labelFormat());
            ps.setString(5, s.labelRaw());
            ps.setTimestamp(6, ts(s.labelledAt()));
            ps.setTimestamp(7, ts(s.cancelledAt()));
            ps.setString(8, s.tenant());
            ps.setString(9, s.shipmentId());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("shipment " + s.shipmentId() + " of tenant '" + s.tenant()
                        + "' vanished while it was being updated");
            }
        }
    }

    /** A shipment already created under this operation id: {fingerprint, answer}, or null. */
    static String[] byOpId(Connection c, String tenant, String opId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT fingerprint, answer FROM shipments WHERE tenant = ? AND op_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, opId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    /** The shipment that holds a parcel now (not CANCELLED), or null. */
    static String liveShipmentOf(Connection c, String tenant, String parcelId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.shipment_id FROM shipment_parcels p JOIN shipments s"
                + " ON s.tenant = p.tenant AND s.shipment_id = p.shipment_id WHERE p.tenant = ? AND p.parcel_id = ?"
                + " AND s.state <> 'CANCELLED' ORDER BY s.created_at DESC LIMIT 1")) {
            ps.setString(1, tenant);
            ps.setString(2, parcelId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static Shipment find(Connection c, String tenant, String shipmentId) throws SQLException {
        List<String> parcels = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT parcel_id FROM shipment_parcels WHERE tenant = ? AND "
                + "shipment_id = ? ORDER BY position")) {
            ps.setString(1, tenant);
            ps.setString(2, shipmentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    parcels.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM shipments WHERE tenant = ? AND "
                + "shipment_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, shipmentId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String currency = rs.getString(9);
                // stored with 3 decimals for every currency; answered with the currency's own (checked on the way in)
                BigDecimal cost = rs.getBigDecimal(8).setScale(Currency.getInstance(currency)
                        .getDefaultFractionDigits());
                return new Shipment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        List.copyOf(parcels), rs.getString(5), rs.getString(6), rs.getInt(7), cost, currency,
                        rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getString(14),
                        rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18), rs.getString(19),
                        rs.getString(20), instant(rs.getTimestamp(21)), instant(rs.getTimestamp(22)),
                        instant(rs.getTimestamp(23)), rs.getString(24), rs.getString(25), rs.getString(26));
            }
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
