package dev.floorgate.sync.internal;

import dev.floorgate.sync.ChangeItem;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.OrderLine;
import dev.floorgate.sync.PickTask;
import dev.floorgate.sync.SkuItem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the master-data cache (schema in {@code MasterDataCache}'s class comment). Stateless: every method
 * takes the connection to use. Writes expect an open transaction.
 */
public final class CacheTables {
    private static final String CLOSED = "('RELEASED','PICKED','SHIPPED')";

    private CacheTables() {
    }

    /**
     * Migration step 1 (runs inside the kit's step transaction): the tables and indexes of schema version 1, the
     * statements the cache ran before the kit, word for word.
     */
    public static void createVersion1(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS skus (tenant TEXT NOT NULL, sku TEXT NOT NULL, name TEXT,"
                    + " unit TEXT, PRIMARY KEY (tenant, sku))");
            s.execute("CREATE TABLE IF NOT EXISTS sku_codes (tenant TEXT NOT NULL, sku TEXT NOT NULL,"
                    + " kind TEXT NOT NULL CHECK (kind IN ('gtin','barcode')), code TEXT NOT NULL,"
                    + " match_key TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (tenant, sku, kind, code))");
            s.execute("CREATE INDEX IF NOT EXISTS sku_codes_lookup ON sku_codes (tenant, match_key)");
            s.execute("CREATE TABLE IF NOT EXISTS locations (tenant TEXT NOT NULL, warehouse TEXT NOT NULL,"
                    + " code TEXT NOT NULL, type TEXT, PRIMARY KEY (tenant, warehouse, code))");
            s.execute("CREATE TABLE IF NOT EXISTS orders (tenant TEXT NOT NULL, warehouse TEXT NOT NULL,"
                    + " order_no TEXT NOT NULL, status TEXT, PRIMARY KEY (tenant, warehouse, order_no))");
            s.execute("CREATE TABLE IF NOT EXISTS order_lines (tenant TEXT NOT NULL, warehouse TEXT NOT NULL,"
                    + " order_no TEXT NOT NULL, line_no INTEGER NOT NULL, sku TEXT NOT NULL, qty INTEGER NOT NULL,"
                    + " reserved INTEGER NOT NULL, picked INTEGER NOT NULL, location TEXT,"
                    + " PRIMARY KEY (tenant, warehouse, order_no, line_no))");
            s.execute("CREATE INDEX IF NOT EXISTS order_lines_open ON order_lines (tenant, warehouse, order_no,"
                    + " line_no) WHERE reserved > picked");
            s.execute("CREATE TABLE IF NOT EXISTS poll_state (warehouse TEXT PRIMARY KEY, cursor TEXT,"
                    + " polled_at INTEGER NOT NULL)");
        }
    }

    /** Stores one item, replacing the item with the same key (an order's lines and a SKU's codes included). */
    public static void put(Connection c, ChangeItem item) throws SQLException {
        if (item instanceof SkuItem) {
            putSku(c, (SkuItem) item);
        } else if (item instanceof LocationItem) {
            LocationItem l = (LocationItem) item;
            update(c, "INSERT OR REPLACE INTO locations (tenant, warehouse, code, type) VALUES (?, ?, ?, ?)",
                    l.tenant(), l.warehouse(), l.code(), l.type());
        } else if (item instanceof OrderItem) {
            putOrder(c, (OrderItem) item);
        }
    }

    private static void putSku(Connection c, SkuItem s) throws SQLException {
        update(c, "INSERT OR REPLACE INTO skus (tenant, sku, name, unit) VALUES (?, ?, ?, ?)",
                s.tenant(), s.sku(), s.name(), s.unit());
        update(c, "DELETE FROM sku_codes WHERE tenant = ? AND sku = ?", s.tenant(), s.sku());
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO sku_codes"
                + " (tenant, sku, kind, code, match_key, ord) VALUES (?, ?, ?, ?, ?, ?)")) {
            int ord = 0;
            for (String g : s.gtins()) {
                code(ps, s, "gtin", g, ord++);
            }
            for (String b : s.barcodes()) {
                code(ps, s, "barcode", b, ord++);
            }
        }
    }

    private static void code(PreparedStatement ps, SkuItem s, String kind, String code, int ord) throws SQLException {
        ps.setString(1, s.tenant());
        ps.setString(2, s.sku());
        ps.setString(3, kind);
        ps.setString(4, code);
        ps.setString(5, Gtins.matchKey(code));
        ps.setInt(6, ord);
        ps.executeUpdate();
    }

    private static void putOrder(Connection c, OrderItem o) throws SQLException {
        update(c, "INSERT OR REPLACE INTO orders (tenant, warehouse, order_no, status) VALUES (?, ?, ?, ?)",
                o.tenant(), o.warehouse(), o.orderNo(), o.status());
        update(c, "DELETE FROM order_lines WHERE tenant = ? AND warehouse = ? AND order_no = ?",
                o.tenant(), o.warehouse(), o.orderNo());
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO order_lines (tenant, warehouse,"
                + " order_no, line_no, sku, qty, reserved, picked, location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (OrderLine l : o.lines()) {
                ps.setString(1, o.tenant());
                ps.setString(2, o.warehouse());
                ps.setString(3, o.orderNo());
                ps.setInt(4, l.lineNo());
                ps.setString(5, l.sku());
                ps.setLong(6, l.qty());
                ps.setLong(7, l.reserved());
                ps.setLong(8, l.picked());
                ps.setString(9, l.location());
                ps.executeUpdate();
            }
        }
    }

    /** Records a successful poll of a warehouse: the new cursor (null keeps the old one) and the time. */
    public static void polled(Connection c, String warehouse, String cursor, long atMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO poll_state (warehouse, cursor, polled_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (warehouse) DO UPDATE SET"
                + " cursor = COALESCE(excluded.cursor, cursor), polled_at = excluded.polled_at")) {
            ps.setString(1, warehouse);
            ps.setString(2, cursor);
            ps.setLong(3, atMillis);
            ps.executeUpdate();
        }
    }

    public static String cursor(Connection c, String warehouse) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cursor FROM poll_state WHERE warehouse = ?")) {
            ps.setString(1, warehouse);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The least recent successful poll over all warehouses polled so far, or -1. */
    public static long oldestPoll(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(polled_at) FROM poll_state")) {
            long v = rs.next() ? rs.getLong(1) : 0;
            return rs.wasNull() ? -1 : v;
        }
    }

    public static boolean exists(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static SkuItem sku(Connection c, String tenant, String sku) throws SQLException {
        String name;
        String unit;
        try (PreparedStatement ps = c.prepareStatement("SELECT name, unit FROM skus WHERE tenant = ? AND sku = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, sku);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                name = rs.getString(1);
                unit = rs.getString(2);
            }
        }
        List<String> gtins = new ArrayList<>();
        List<String> barcodes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, code FROM sku_codes WHERE tenant = ? AND sku = ?"
                + " ORDER BY ord")) {
            ps.setString(1, tenant);
            ps.setString(2, sku);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ("gtin".equals(rs.getString(1)) ? gtins : barcodes).add(rs.getString(2));
                }
            }
        }
        return new SkuItem(tenant, sku, name, unit, gtins, barcodes);
    }

    /** The SKU a code (GTIN in any length, or barcode) identifies; the first by name if several share it. */
    public static String skuByCode(Connection c, String tenant, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sku FROM sku_codes WHERE tenant = ? AND match_key = ?"
                + " ORDER BY sku LIMIT 1")) {
            ps.setString(1, tenant);
            ps.setString(2, Gtins.matchKey(code));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public static LocationItem location(Connection c, String tenant, String warehouse, String code)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT type FROM locations WHERE tenant = ? AND warehouse = ?"
                + " AND code = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            ps.setString(3, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new LocationItem(tenant, warehouse, code, rs.getString(1)) : null;
            }
        }
    }

    public static OrderItem order(Connection c, String tenant, String warehouse, String orderNo) throws SQLException {
        String status;
        try (PreparedStatement ps = c.prepareStatement("SELECT status FROM orders WHERE tenant = ? AND warehouse = ?"
                + " AND order_no = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            ps.setString(3, orderNo);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                status = rs.getString(1);
            }
        }
        List<OrderLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT line_no, sku, qty, reserved, picked, location FROM"
                + " order_lines WHERE tenant = ? AND warehouse = ? AND order_no = ? ORDER BY line_no")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            ps.setString(3, orderNo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(new OrderLine(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getString(6)));
                }
            }
        }
        return new OrderItem(tenant, warehouse, orderNo, status, lines);
    }

    public static List<PickTask> openTasks(Connection c, String tenant, String warehouse, int limit)
            throws SQLException {
        List<PickTask> tasks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT l.order_no, o.status, l.line_no, l.sku, l.location,"
                + " l.qty, l.reserved, l.picked FROM order_lines l JOIN orders o ON o.tenant = l.tenant"
                + " AND o.warehouse = l.warehouse AND o.order_no = l.order_no"
                + " WHERE l.tenant = ? AND l.warehouse = ? AND l.reserved > l.picked"
                + " AND (o.status IS NULL OR o.status NOT IN " + CLOSED + ")"
                + " ORDER BY l.order_no, l.line_no LIMIT ?")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tasks.add(new PickTask(tenant, warehouse, rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                }
            }
        }
        return tasks;
    }

    private static void update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }
}
