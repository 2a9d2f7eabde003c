package dev.floorgate.core.internal;

import dev.floorgate.replenishment.ReplenishmentSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-SKU replenishment settings in MySQL, table {@code replenishment_settings} (V10): one row per tenant,
 * warehouse and SKU, replaced whole by a PUT (the commit of that one statement is the commit point). A SKU
 * without a row gets the configured defaults. Read and written on the tenant's own connection (TenantDatabases,
 * issue 17 item 4): its schema's view shows its rows only and refuses a row naming another tenant.
 */
final class ReplenishmentSettingsStore {
    private final TenantDatabases db;
    private final ReplenishmentSettings defaults;

    ReplenishmentSettingsStore(TenantDatabases db, ReplenishmentSettings defaults) {
        this.db = db;
        this.defaults = defaults;
    }

    ReplenishmentSettings defaults() {
        return defaults;
    }

    /** The settings stored for the warehouse's SKUs; SKUs absent from the map use {@link #defaults()}. */
    Map<String, ReplenishmentSettings> read(String tenant, String warehouse) throws SQLException {
        Map<String, ReplenishmentSettings> out = new HashMap<>();
        try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement("SELECT sku, "
                + "lead_time_days, review_period_days, service_level, moq, pack_size FROM replenishment_settings "
                + "WHERE tenant = ? AND warehouse = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new ReplenishmentSettings(rs.getInt(2), rs.getInt(3), rs.getDouble(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    void write(String tenant, String warehouse, String sku, ReplenishmentSettings s) throws SQLException {
        try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement("REPLACE INTO "
                + "replenishment_settings (tenant, warehouse, sku, lead_time_days, review_period_days, service_level, "
                + "moq, pack_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            ps.setString(3, sku);
            ps.setInt(4, s.leadTimeDays());
            ps.setInt(5, s.reviewPeriodDays());
            ps.setDouble(6, s.serviceLevel());
            ps.setLong(7, s.moq());
            ps.setLong(8, s.packSize());
            ps.executeUpdate();
        }
    }
}
