package dev.floorgate.core.internal;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SKUs, warehouses and locations (bins) in MySQL, and what the hot path asks of them: is this known? Known
 * entities are cached in memory for the life of the process; nothing is ever deleted through the API, so a
 * positive answer cannot go stale. Unknown answers are not cached (the entity may be created a moment later, by
 * this or another core instance), so only the rare unknown case costs a query.
 *
 * <p>Every query runs on the tenant's own connection (TenantDatabases, issue 17 item 4): its schema's views show
 * only its warehouses, SKUs and locations, and a write naming another tenant is refused by the server. The change
 * log row of a write goes into the same transaction on that connection (ChangeLog locks the changes_lock view,
 * which every tenant schema has too).
 */
final class MasterDataStore {
    private final TenantDatabases db;
    private final JsonMapper json;
    private final Set<String> warehouses = ConcurrentHashMap.newKeySet();
    private final Set<String> skus = ConcurrentHashMap.newKeySet();
    private final Set<String> locations = ConcurrentHashMap.newKeySet();

    MasterDataStore(TenantDatabases db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** A SKU as stored. */
    record Sku(String tenant, String sku, String name, List<String> gtins, List<String> barcodes, String unit) {
    }

    /** A location (bin) as stored. */
    record Location(String tenant, String warehouse, String code, String type, String zone) {
    }

    boolean warehouseKnown(String tenant, String warehouse) throws SQLException {
        String k = tenant + "/" + warehouse;
        if (warehouses.contains(k)) {
            return true;
        }
        boolean found = exists(tenant, "SELECT 1 FROM warehouses WHERE tenant = ? AND warehouse = ?", tenant,
                warehouse);
        if (found) {
            warehouses.add(k);
        }
        return found;
    }

    boolean skuKnown(String tenant, String sku) throws SQLException {
        String k = tenant + "\n" + sku;
        if (skus.contains(k)) {
            return true;
        }
        boolean found = exists(tenant, "SELECT 1 FROM skus WHERE tenant = ? AND sku = ?", tenant, sku);
        if (found) {
            skus.add(k);
        }
        return found;
    }

    boolean locationKnown(String tenant, String warehouse, String code) throws SQLException {
        String k = tenant + "/" + warehouse + "\n" + code;
        if (locations.contains(k)) {
            return true;
        }
        boolean found = exists(tenant, "SELECT 1 FROM locations WHERE tenant = ? AND warehouse = ? AND code = ?",
                tenant, warehouse, code);
        if (found) {
            locations.add(k);
        }
        return found;
    }

    /**
     * Null when the operation's tenant (held by a key), warehouse, SKU and locations are known, else
     * "CODE message" with the first unknown one. {@code memo} caches answers within one batch.
     */
    String verdict(Operation op, Set<String> knownTenants, Map<String, String> memo) throws SQLException {
        if (!knownTenants.contains(op.tenant())) {
            return ResultCodes.UNKNOWN_TENANT + " tenant '" + op.tenant() + "' is held by no key of this core";
        }
        String wk = "w\n" + op.tenant() + "\n" + op.warehouse();
        String w = memo.get(wk);
        if (w == null) {
            w = warehouseKnown(op.tenant(), op.warehouse()) ? "" : ResultCodes.UNKNOWN_WAREHOUSE
                    + " warehouse '" + op.warehouse() + "' of tenant '" + op.tenant() + "' is not known to the core";
            memo.put(wk, w);
        }
        if (!w.isEmpty()) {
            return w;
        }
        String sk = "s\n" + op.tenant() + "\n" + op.sku();
        String s = memo.get(sk);
        if (s == null) {
            s = skuKnown(op.tenant(), op.sku()) ? "" : ResultCodes.UNKNOWN_SKU + " SKU '" + op.sku()
                    + "' of tenant '" + op.tenant() + "' is not known to the core";
            memo.put(sk, s);
        }
        if (!s.isEmpty()) {
            return s;
        }
        for (String loc : new String[] {op.location(), op.toLocation()}) {
            if (loc == null || loc.isEmpty()) {
                continue;
            }
            String lk = "l\n" + op.tenant() + "\n" + op.warehouse() + "\n" + loc;
            String l = memo.get(lk);
            if (l == null) {
                l = locationKnown(op.tenant(), op.warehouse(), loc) ? "" : ResultCodes.UNKNOWN_LOCATION
                        + " location '" + loc + "' is not known in warehouse " + op.tenant() + "/" + op.warehouse();
                memo.put(lk, l);
            }
            if (!l.isEmpty()) {
                return l;
            }
        }
        return null;
    }

    void putWarehouse(String tenant, String warehouse) throws SQLException {
        try (Connection c = db.connection(tenant);
                PreparedStatement ps = c.prepareStatement(
                        "INSERT IGNORE INTO warehouses (tenant, warehouse) VALUES (?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            ps.executeUpdate();
        }
        warehouses.add(tenant + "/" + warehouse);
    }

    void putSku(Sku sku) throws SQLException {
        try (Connection c = db.connection(sku.tenant())) {
            Transactions.run(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO skus (tenant, sku, name, unit, gtins, "
                        + "barcodes) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), "
                        + "unit = VALUES(unit), gtins = VALUES(gtins), barcodes = VALUES(barcodes)")) {
                    ps.setString(1, sku.tenant());
                    ps.setString(2, sku.sku());
                    ps.setString(3, sku.name());
                    ps.setString(4, sku.unit());
                    ps.setString(5, writeList(sku.gtins()));
                    ps.setString(6, writeList(sku.barcodes()));
                    ps.executeUpdate();
                }
                ChangeLog.record(tx, ChangeLog.SKU, sku.tenant(), "", sku.sku());
                return null;
            });
        }
        skus.add(sku.tenant() + "\n" + sku.sku());
    }

    void putLocation(Location loc) throws SQLException {
        try (Connection c = db.connection(loc.tenant())) {
            Transactions.run(c, tx -> {
                try (PreparedStatement ps = tx.prepareStatement(
                        "INSERT IGNORE INTO warehouses (tenant, warehouse) VALUES (?, ?)")) {
                    ps.setString(1, loc.tenant());
                    ps.setString(2, loc.warehouse());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = tx.prepareStatement("INSERT INTO locations (tenant, warehouse, code, "
                        + "type, zone) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE type = VALUES(type), "
                        + "zone = VALUES(zone)")) {
                    ps.setString(1, loc.tenant());
                    ps.setString(2, loc.warehouse());
                    ps.setString(3, loc.code());
                    ps.setString(4, loc.type());
                    ps.setString(5, loc.zone());
                    ps.executeUpdate();
                }
                ChangeLog.record(tx, ChangeLog.LOCATION, loc.tenant(), loc.warehouse(), loc.code());
                return null;
            });
        }
        warehouses.add(loc.tenant() + "/" + loc.warehouse());
        locations.add(loc.tenant() + "/" + loc.warehouse() + "\n" + loc.code());
    }

    Sku readSku(Connection c, String tenant, String sku) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, gtins, barcodes, unit FROM skus WHERE tenant = ? AND sku = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, sku);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Sku(tenant, sku, rs.getString(1), readList(rs.getString(2)),
                        readList(rs.getString(3)), rs.getString(4)) : null;
            }
        }
    }

    Location readLocation(Connection c, String tenant, String warehouse, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT type, zone FROM locations WHERE tenant = ? AND warehouse = ? AND code = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, warehouse);
            ps.setString(3, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Location(tenant, warehouse, code, rs.getString(1), rs.getString(2)) : null;
            }
        }
    }

    private boolean exists(String tenant, String sql, String... params) throws SQLException {
        try (Connection c = db.connection(tenant); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String writeList(List<String> values) {
        try {
            return json.writeValueAsString(values == null ? List.of() : values);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a list of " + values.size() + " strings as JSON failed", e);
        }
    }

    private List<String> readList(String text) {
        try {
            return json.readValue(text, Argument.listOf(String.class));
        } catch (IOException e) {
            throw new UncheckedIOException("the stored list '" + text + "' is not a JSON array of strings", e);
        }
    }
}
