package dev.floorgate.core.internal;

import io.micronaut.serde.annotation.Serdeable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code GET /v1/changes}: SKUs, locations and orders of the caller's tenants, in the order they changed, from the
 * {@code changes} table (see ChangeLog). The cursor is the id of the last row returned, as text; clients treat it
 * as opaque and send it back as {@code since}.
 */
final class ChangesFeed {
    static final int MAX_LIMIT = 1000;
    private final TenantDatabases db;
    private final MasterDataStore master;

    ChangesFeed(TenantDatabases db, MasterDataStore master) {
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
     * Each tenant's changes after the cursor are read on that tenant's own connection (TenantDatabases, issue 17
     * item 4), at most {@code limit} per tenant, merged by id and cut at {@code limit}: the same page the one query
     * over all the caller's tenants gave, so the cursor stays one id. That holds because change ids are one global
     * sequence and every writer, of any tenant, records its change under the changes_lock row (ChangeLog): ids
     * become visible in id order, so no tenant's page can later gain an id below one another tenant's page showed.
     * The entity of each row is read on its tenant's connection too.
     *
     * @param warehouse null for every warehouse of the tenants
     * @param since the cursor of the previous page; null or empty for the start
     */
    Page read(Set<String> tenants, String warehouse, long since, int limit) throws SQLException {
        List<Object> items = new ArrayList<>();
        long next = since;
        if (tenants.isEmpty()) {
            return new Page(items, Long.toString(next));
        }
        String sql = "SELECT id, kind, tenant, warehouse, ref FROM changes WHERE tenant = ? AND id > ?"
                + (warehouse == null ? "" : " AND warehouse IN ('', ?)") + " ORDER BY id LIMIT ?";
        Map<String, Connection> connections = new TreeMap<>();
        try {
            List<Change> rows = new ArrayList<>();
            for (String tenant : new TreeSet<>(tenants)) {
                Connection c = db.connection(tenant);
                connections.put(tenant, c);
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int i = 1;
                    ps.setString(i++, tenant);
                    ps.setLong(i++, since);
                    if (warehouse != null) {
                        ps.setString(i++, warehouse);
                    }
                    ps.setInt(i, limit);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows.add(new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getString(5)));
                        }
                    }
                }
            }
            rows.sort(Comparator.comparingLong(Change::id));
            for (Change row : rows.subList(0, Math.min(limit, rows.size()))) {
                next = row.id();
                Object item = item(connections.get(row.tenant()), row.kind(), row.tenant(), row.warehouse(),
                        row.ref());
                if (item != null) {
                    items.add(item);
                }
            }
        } finally {
            closeAll(connections.values());
        }
        return new Page(items, Long.toString(next));
    }

    /** One row of a tenant's changes view. */
    private record Change(long id, String kind, String tenant, String warehouse, String ref) {
    }

    /** Back to their pools; a failed close is not the caller's problem (Hikari evicts that connection). */
    private static void closeAll(Iterable<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException e) {
                // nothing to answer the client about: the page is read, the pool drops the broken connection
            }
        }
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
