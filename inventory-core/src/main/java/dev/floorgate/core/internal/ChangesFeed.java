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
     * over all the caller's tenants gave, so the cursor stays one id. The entity of each row is read on its tenant's
     * connection too.
     *
     * <p>Why the merge is sound: change ids are one global sequence, and every writer, of any tenant, takes the
     * changes_lock row before it records a change and keeps it until it commits (ChangeLog), so ids become visible in
     * id order. One query saw one moment; several tenants' queries see several, and a change committed between two
     * of them could fall below the cursor of a page and never be read. So with more than one tenant the reader
     * holds a SHARED lock on that row while it reads them all: no change commits meanwhile, and every change begun
     * before has committed. All connections are taken before the lock, so a pool drained by writers waiting for the
     * lock cannot stall the reader that holds it.
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
        Connection locked = null;
        try {
            for (String tenant : new TreeSet<>(tenants)) {
                connections.put(tenant, db.connection(tenant));
            }
            if (connections.size() > 1) {
                locked = connections.values().iterator().next();
                locked.setAutoCommit(false);
                try (PreparedStatement ps = locked.prepareStatement(
                        "SELECT value FROM changes_lock LOCK IN SHARE MODE")) {
                    ps.executeQuery().close();
                }
            }
            List<Change> rows = new ArrayList<>();
            for (Map.Entry<String, Connection> e : connections.entrySet()) {
                try (PreparedStatement ps = e.getValue().prepareStatement(sql)) {
                    int i = 1;
                    ps.setString(i++, e.getKey());
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
            if (locked != null) {
                // the page's rows are read: writers may go on while the entities are read
                locked.commit();
                locked.setAutoCommit(true);
                locked = null;
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
            if (locked != null) {
                release(locked);
            }
            closeAll(connections.values());
        }
        return new Page(items, Long.toString(next));
    }

    /** One row of a tenant's changes view. */
    private record Change(long id, String kind, String tenant, String warehouse, String ref) {
    }

    /** Ends the shared lock's transaction after a failure (the failure is what the caller hears about). */
    private static void release(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // the connection is broken: closing it below hands it back, and the pool drops it
        }
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
