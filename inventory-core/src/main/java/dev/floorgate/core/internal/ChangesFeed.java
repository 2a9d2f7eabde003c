package dev.floorgate.core.internal;

import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/changes}: SKUs, locations and orders of the caller's tenants, in the order they changed, from the
 * {@code changes} table (see ChangeLog). The cursor is the id of the last row returned, as text; clients treat it
 * as opaque and send it back as {@code since}.
 */
final class ChangesFeed {
    static final int MAX_LIMIT = 1000;
    private final Database db;
    private final MasterDataStore master;

    ChangesFeed(Database db, MasterDataStore master) {
        this.db = db;
        this.master = master;
    }

    /** One page: the items and the cursor to continue from. */
    @Serdeable
    record Page(List<Object> items, String next) {
    }

    @Serdeable
    record SkuItem(String kind, String tenant, String sku, String name, List<String> gtins, List<String> barcodes,
            String unit) {
    }

    @Serdeable
    record LocationItem(String kind, String tenant, String warehouse, String code, String type) {
    }

    @Serdeable
    record OrderItem(String kind, String tenant, String warehouse, String orderNo, String status,
            List<LineItem> lines) {
    }

    @Serdeable
    record LineItem(int lineNo, String sku, long qty, long reserved, long picked, String location) {
    }

    /**
     * @param warehouse null for every warehouse of the tenants
     * @param since the cursor of the previous page; null or empty for the start
     */
    Page read(Set<String> tenants, String warehouse, long since, int limit) throws SQLException {
        List<Object> items = new ArrayList<>();
        long next = since;
        if (tenants.isEmpty()) {
            return new Page(items, Long.toString(next));
        }
        String sql = "SELECT id, kind, tenant, warehouse, ref FROM changes WHERE id > ? AND tenant IN ("
                + "?,".repeat(tenants.size() - 1) + "?)" + (warehouse == null ? "" : " AND warehouse IN ('', ?)")
                + " ORDER BY id LIMIT ?";
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, since);
            for (String t : tenants) {
                ps.setString(i++, t);
            }
            if (warehouse != null) {
                ps.setString(i++, warehouse);
            }
            ps.setInt(i, limit);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)});
                }
            }
            for (Object[] row : rows) {
                next = (Long) row[0];
                Object item = item(c, (String) row[1], (String) row[2], (String) row[3], (String) row[4]);
                if (item != null) {
                    items.add(item);
                }
            }
        }
        return new Page(items, Long.toString(next));
    }

    private Object item(Connection c, String kind, String tenant, String warehouse, String ref) throws SQLException {
        switch (kind) {
            case ChangeLog.SKU: {
                MasterDataStore.Sku s = master.readSku(c, tenant, ref);
                return s == null ? null : new SkuItem("sku", tenant, s.sku(), s.name(), s.gtins(), s.barcodes(),
                        s.unit());
            }
            case ChangeLog.LOCATION: {
                MasterDataStore.Location l = master.readLocation(c, tenant, warehouse, ref);
                return l == null ? null : new LocationItem("location", tenant, warehouse, l.code(), l.type());
            }
            case ChangeLog.ORDER: {
                OrderStore.View v = OrderStore.read(c, new OrderStore.Ref(tenant, warehouse, ref));
                return v == null ? null : orderItem(v);
            }
            default:
                throw new IllegalStateException("changes row of unknown kind '" + kind + "' for " + tenant + "/" + ref);
        }
    }

    static OrderItem orderItem(OrderStore.View v) {
        List<LineItem> lines = new ArrayList<>();
        for (OrderStore.Line l : v.lines()) {
            lines.add(new LineItem(l.lineNo(), l.sku(), l.qty(), l.reserved(), l.picked(), l.location()));
        }
        return new OrderItem("order", v.ref().tenant(), v.ref().warehouse(), v.ref().orderNo(), v.status(), lines);
    }
}
