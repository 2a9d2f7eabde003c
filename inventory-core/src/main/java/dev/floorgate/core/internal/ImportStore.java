package dev.floorgate.core.internal;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a batch of imported warehouses, SKUs or locations in ONE MariaDB transaction per tenant, on that tenant's
 * own connection (TenantDatabases, issue 17 item 4), so an import cannot write another tenant's rows: the server
 * refuses them. A batch is normally one tenant's: all its rows or none (a failure rolls the batch back, and the
 * client sees the call fail). A batch naming several tenants (a key holding several) is written tenant by tenant,
 * in the order they first appear, each tenant's rows all or none: a transaction never spans two tenants, and one
 * cannot hold two tenants' transactions open at once either (both would wait for the changes_lock row). Should a
 * later tenant's part fail, the earlier ones stay written; importing the batch again finds them unchanged.
 *
 * <p>Rows are upserts by the natural key, and a row equal to what is stored is not written at all: no write, no entry in the changes feed, so
 * importing the same file again changes nothing (counted as unchanged). Same tables and same change log as
 * MasterDataStore's single PUTs; its in-memory caches need nothing, since they only remember entities seen known.
 *
 * <p>Lock order as everywhere: the rows first ({@code SELECT ... FOR UPDATE}), the change-log lock last (ChangeLog).
 */
final class ImportStore {
    private final TenantDatabases db;
    private final JsonMapper json;

    ImportStore(TenantDatabases db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** How many rows were new, changed and already as imported. */
    record Counts(int created, int updated, int unchanged) {
    }

    Counts warehouses(List<String[]> all) throws SQLException {
        return perTenant(all, tw -> tw[0], (c, tenantAndWarehouse) -> {
            int created = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT IGNORE INTO warehouses (tenant, warehouse) VALUES (?, ?)")) {
                for (String[] tw : tenantAndWarehouse) {
                    ps.setString(1, tw[0]);
                    ps.setString(2, tw[1]);
                    created += ps.executeUpdate();
                }
            }
            return new Counts(created, 0, tenantAndWarehouse.size() - created);
        });
    }

    Counts skus(List<MasterDataStore.Sku> all) throws SQLException {
        return perTenant(all, MasterDataStore.Sku::tenant, (c, skus) -> {
            Map<String, MasterDataStore.Sku> stored = new HashMap<>();
            Map<String, List<String>> byTenant = new LinkedHashMap<>();
            skus.forEach(s -> byTenant.computeIfAbsent(s.tenant(), t -> new ArrayList<>()).add(s.sku()));
            for (Map.Entry<String, List<String>> e : byTenant.entrySet()) {
                String tenant = e.getKey();
                selectIn(c, "SELECT sku, name, unit, gtins, barcodes FROM skus WHERE tenant = ? AND sku",
                        List.of(tenant), e.getValue(), rs -> stored.put(tenant + "\n" + rs.getString(1),
                                new MasterDataStore.Sku(tenant, rs.getString(1), rs.getString(2),
                                        readList(rs.getString(4)), readList(rs.getString(5)), rs.getString(3))));
            }
            List<String[]> changed = new ArrayList<>();
            int created = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO skus (tenant, sku, name, unit, gtins, "
                    + "barcodes) VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE name = VALUES(name), "
                    + "unit = VALUES(unit), gtins = VALUES(gtins), barcodes = VALUES(barcodes)")) {
                for (MasterDataStore.Sku s : skus) {
                    MasterDataStore.Sku old = stored.get(s.tenant() + "\n" + s.sku());
                    if (s.equals(old)) {
                        continue;
                    }
                    created += old == null ? 1 : 0;
                    ps.setString(1, s.tenant());
                    ps.setString(2, s.sku());
                    ps.setString(3, s.name());
                    ps.setString(4, s.unit());
                    ps.setString(5, writeList(s.gtins()));
                    ps.setString(6, writeList(s.barcodes()));
                    ps.addBatch();
                    changed.add(new String[] {s.tenant(), "", s.sku()});
                }
                ps.executeBatch();
            }
            ChangeLog.recordAll(c, ChangeLog.SKU, changed);
            return new Counts(created, changed.size() - created, skus.size() - changed.size());
        });
    }

    Counts locations(List<MasterDataStore.Location> all) throws SQLException {
        return perTenant(all, MasterDataStore.Location::tenant, (c, locations) -> {
            Set<String> warehouses = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT IGNORE INTO warehouses (tenant, warehouse) VALUES (?, ?)")) {
                for (MasterDataStore.Location l : locations) {
                    if (warehouses.add(l.tenant() + "/" + l.warehouse())) {
                        ps.setString(1, l.tenant());
                        ps.setString(2, l.warehouse());
                        ps.executeUpdate();
                    }
                }
            }
            Map<String, String[]> stored = new HashMap<>();
            Map<List<String>, List<String>> byWarehouse = new LinkedHashMap<>();
            locations.forEach(l -> byWarehouse.computeIfAbsent(List.of(l.tenant(), l.warehouse()),
                    k -> new ArrayList<>()).add(l.code()));
            for (Map.Entry<List<String>, List<String>> e : byWarehouse.entrySet()) {
                String prefix = e.getKey().get(0) + "\n" + e.getKey().get(1) + "\n";
                selectIn(c, "SELECT code, type, zone FROM locations WHERE tenant = ? AND warehouse = ? AND code",
                        e.getKey(), e.getValue(), rs -> stored.put(prefix + rs.getString(1),
                                new String[] {rs.getString(2), rs.getString(3)}));
            }
            List<String[]> changed = new ArrayList<>();
            int created = 0;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO locations (tenant, warehouse, code, type, "
                    + "zone) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE type = VALUES(type), "
                    + "zone = VALUES(zone)")) {
                for (MasterDataStore.Location l : locations) {
                    String[] old = stored.get(key(l));
                    if (old != null && old[0].equals(l.type()) && java.util.Objects.equals(old[1], l.zone())) {
                        continue;
                    }
                    created += old == null ? 1 : 0;
                    ps.setString(1, l.tenant());
                    ps.setString(2, l.warehouse());
                    ps.setString(3, l.code());
                    ps.setString(4, l.type());
                    ps.setString(5, l.zone());
                    ps.addBatch();
                    changed.add(new String[] {l.tenant(), l.warehouse(), l.code()});
                }
                ps.executeBatch();
            }
            ChangeLog.recordAll(c, ChangeLog.LOCATION, changed);
            return new Counts(created, changed.size() - created, locations.size() - changed.size());
        });
    }

    private static String key(MasterDataStore.Location l) {
        return l.tenant() + "\n" + l.warehouse() + "\n" + l.code();
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * {@code sql IN (?, ...) FOR UPDATE} over {@code keys} in chunks: one query per 500 keys instead of one per row
     * (the row locks are what a single PUT takes too).
     */
    private static void selectIn(Connection c, String sql, List<String> fixed, List<String> keys, RowReader reader)
            throws SQLException {
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
            String in = " IN (" + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ") FOR UPDATE";
            try (PreparedStatement ps = c.prepareStatement(sql + in)) {
                int i = 1;
                for (String f : fixed) {
                    ps.setString(i++, f);
                }
                for (String k : chunk) {
                    ps.setString(i++, k);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs);
                    }
                }
            }
        }
    }

    private interface Work<T> {
        Counts run(Connection c, List<T> oneTenantsRows) throws SQLException;
    }

    /** Grouped by tenant (first seen first), each group in one transaction on that tenant's connection. */
    private <T> Counts perTenant(List<T> rows, Function<T, String> tenantOf, Work<T> work) throws SQLException {
        Map<String, List<T>> byTenant = new LinkedHashMap<>();
        rows.forEach(r -> byTenant.computeIfAbsent(tenantOf.apply(r), t -> new ArrayList<>()).add(r));
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (Map.Entry<String, List<T>> e : byTenant.entrySet()) {
            Counts counts;
            try (Connection c = db.connection(e.getKey())) {
                counts = Transactions.run(c, tx -> work.run(tx, e.getValue()));
            }
            created += counts.created();
            updated += counts.updated();
            unchanged += counts.unchanged();
        }
        return new Counts(created, updated, unchanged);
    }

    private String writeList(List<String> values) {
        try {
            return json.writeValueAsString(values);
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
