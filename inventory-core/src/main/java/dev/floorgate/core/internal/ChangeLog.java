package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Appends to the {@code changes} table that {@code GET /v1/changes} reads by id. One row per entity: REPLACE
 * removes the entity's older row and adds a new one at the end, so the feed stays as small as the data it
 * describes and a reader always meets an entity after its latest change.
 *
 * <p>Ids must become visible in order, or a reader could move its cursor past a row whose transaction commits
 * later. Writers therefore lock the {@code core_meta} 'changes-lock' row first and keep it until they commit. They
 * lock it through the view {@code changes_lock}, which the core's schema and every tenant's schema have over that
 * one row (db/migration V17_14_1, db/tenant V3), so a writer on a tenant's own connection takes the same lock.
 * Call {@link #record} inside the writer's transaction (autocommit off), after its other row locks.
 */
final class ChangeLog {
    static final String SKU = "sku";
    static final String LOCATION = "location";
    static final String ORDER = "order";

    private ChangeLog() {
    }

    static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT value FROM changes_lock FOR UPDATE")) {
            ps.executeQuery().close();
        }
    }

    /** Records that an entity changed; {@code warehouse} is "" for tenant-wide entities (SKUs). */
    static void record(Connection c, String kind, String tenant, String warehouse, String ref) throws SQLException {
        lock(c);
        try (PreparedStatement ps = c.prepareStatement(
                "REPLACE INTO changes (kind, tenant, warehouse, ref) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, kind);
            ps.setString(2, tenant);
            ps.setString(3, warehouse);
            ps.setString(4, ref);
            ps.executeUpdate();
        }
    }

    /** {@link #record} for many entities of one kind ({tenant, warehouse, ref} each), as one JDBC batch. */
    static void recordAll(Connection c, String kind, java.util.List<String[]> refs) throws SQLException {
        if (refs.isEmpty()) {
            return;
        }
        lock(c);
        try (PreparedStatement ps = c.prepareStatement(
                "REPLACE INTO changes (kind, tenant, warehouse, ref) VALUES (?, ?, ?, ?)")) {
            for (String[] r : refs) {
                ps.setString(1, kind);
                ps.setString(2, r[0]);
                ps.setString(3, r[1]);
                ps.setString(4, r[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
