package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a tenant's views of the shared inventory tables (db/tenant V3) in step with those tables. A view's column
 * list is fixed when the view is made ({@code SELECT *} is expanded then), so after a core migration that adds,
 * drops or renames a column of a shared table, the tenant's view would miss the new column, or fail as invalid
 * (1356) on a dropped one, until it is made again. Run after every tenant migration (that is, at every core start and
 * every {@code tenant add}): a view whose columns differ from its table's, in name or order, is made again in V3's
 * form; a view already in step is left alone, so a start does no DDL and takes no metadata lock on a live schema.
 * Two instances starting at once may both remake a view: the statement is the same, so either result is right.
 *
 * <p>V3's own comment, written before this class, says such a core migration needs a tenant migration that remakes
 * the view; that is no longer needed. V3 is left as it is, since Flyway refuses an applied migration whose text
 * changed (its checksum).
 */
final class TenantViews {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TenantViews.class);

    private TenantViews() {
    }

    /**
     * Remakes the views of {@code tenantSchema} whose columns no longer match the table of the same name in
     * {@code coreSchema}; returns their names. {@code c} is the core's own user, who made them (their definer).
     */
    static List<String> refresh(Connection c, String coreSchema, String tenantSchema, String tenant)
            throws SQLException {
        TenantNames.checkCode(tenant); // goes into the view's text, as V3's placeholder does
        Map<String, String> views = columns(c, tenantSchema, "VIEW");
        Map<String, String> tables = columns(c, coreSchema, "BASE TABLE");
        List<String> remade = new ArrayList<>();
        for (Map.Entry<String, String> view : views.entrySet()) {
            String table = tables.get(view.getKey());
            if (table == null || Objects.equals(table, view.getValue())) {
                continue; // not a view of a shared table of that name (changes_lock), or in step
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE OR REPLACE SQL SECURITY DEFINER VIEW `" + tenantSchema + "`.`" + view.getKey()
                        + "` AS SELECT * FROM `" + coreSchema + "`.`" + view.getKey() + "` WHERE tenant = '" + tenant
                        + "' WITH CASCADED CHECK OPTION");
            }
            remade.add(view.getKey());
        }
        if (!remade.isEmpty()) {
            LOG.info("tenant {}: views {} made again in schema {}: their shared tables' columns changed", tenant,
                    remade, tenantSchema);
        }
        return remade;
    }

    /**
     * Each view or table of the schema with its column names in order, comma-separated. A view made invalid by a
     * dropped column still lists its columns here, so it differs from its table and is made again.
     */
    private static Map<String, String> columns(Connection c, String schema, String type) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.TABLE_NAME, c.COLUMN_NAME FROM "
                + "information_schema.TABLES t LEFT JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = "
                + "t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME WHERE t.TABLE_SCHEMA = ? AND t.TABLE_TYPE = ? "
                + "ORDER BY t.TABLE_NAME, c.ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, type);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(2);
                    out.merge(rs.getString(1), column == null ? "" : column, (a, b) -> a + "," + b);
                }
            }
        }
        return out;
    }
}
