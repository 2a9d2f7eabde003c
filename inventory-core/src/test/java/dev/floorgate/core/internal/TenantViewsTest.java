package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tenant's views of the shared tables follow a core migration that changes those tables' columns (TenantViews,
 * docs/TENANTS.md), against the real MariaDB: before the next tenant migration the view misses an added column and
 * is invalid over a dropped one (so the test sees what it repairs); after {@code tenant add} (what every core start
 * runs) the view has the table's columns again, still shows only the tenant's rows and still refuses another
 * tenant's; a view in step is left alone.
 */
class TenantViewsTest {

    @Test
    void aViewIsMadeAgainWhenACoreMigrationChangedItsTablesColumnsAndStillRefusesOtherTenants() throws Exception {
        try (TestDatabase db = new TestDatabase("fg_tviews_")) {
            assertThat(TenantSchemasTest.tenantCommand("add", "acme", "--url", db.url())[0]).isEqualTo("0");
            String acme = db.tenantSchema("acme");
            db.update("INSERT INTO skus (tenant, sku, name, unit, gtins, barcodes) VALUES "
                    + "('acme', 'A-1', 'apples', 'EA', '[]', '[]'), ('beta', 'B-1', 'bolts', 'EA', '[]', '[]')");
            db.update("INSERT INTO locations (tenant, warehouse, code, type, zone) VALUES "
                    + "('acme', 'SH01', 'A-01', 'BIN', 'Z1'), ('beta', 'SH01', 'B-01', 'BIN', 'Z9')");

            // a later core migration adds a column to skus and drops one from locations
            db.update("ALTER TABLE skus ADD COLUMN shelf_life_days INT NULL");
            db.update("ALTER TABLE locations DROP COLUMN zone");
            try (Connection c = TenantSchemasTest.asTenant(db, "acme")) {
                c.setCatalog(acme);
                assertThatThrownBy(() -> rows(c, "SELECT sku, shelf_life_days FROM skus"))
                        .as("the view made before the migration has no new column")
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1054));
                assertThatThrownBy(() -> rows(c, "SELECT code FROM locations"))
                        .as("the view over a dropped column is invalid")
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1356));
            }

            // the next tenant migration (tenant add, as at every core start) remakes exactly those two
            assertThat(TenantSchemasTest.tenantCommand("add", "acme", "--url", db.url())[0]).isEqualTo("0");
            try (Connection c = TenantSchemasTest.asTenant(db, "acme")) {
                c.setCatalog(acme);
                assertThat(rows(c, "SELECT sku, shelf_life_days FROM skus")).containsExactly("A-1|null");
                assertThat(rows(c, "SELECT code FROM locations")).containsExactly("A-01");
                try (Statement s = c.createStatement()) {
                    assertThat(s.executeUpdate("UPDATE skus SET shelf_life_days = 30 WHERE sku = 'A-1'")).isOne();
                    assertThat(s.executeUpdate("UPDATE skus SET shelf_life_days = 30 WHERE tenant = 'beta'")).isZero();
                }
                assertThatThrownBy(() -> {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("INSERT INTO skus (tenant, sku, name, unit, gtins, barcodes, shelf_life_days) "
                                + "VALUES ('beta', 'B-2', 'nuts', 'EA', '[]', '[]', 7)");
                    }
                }).as("another tenant's row through the remade view")
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1369));
            }
            assertThat(db.count("SELECT shelf_life_days FROM skus WHERE tenant = 'acme'")).isEqualTo(30);
            assertThat(db.count("SELECT COUNT(*) FROM skus WHERE tenant = 'beta'")).isOne();
            assertThat(db.query("SELECT TABLE_NAME, SECURITY_TYPE, CHECK_OPTION FROM information_schema.VIEWS "
                    + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN ('skus', 'locations') ORDER BY TABLE_NAME", acme))
                    .extracting(r -> r.get("TABLE_NAME") + " " + r.get("SECURITY_TYPE") + " " + r.get("CHECK_OPTION"))
                    .containsExactly("locations DEFINER CASCADED", "skus DEFINER CASCADED");

            // in step now: nothing is made again
            try (Connection root = DriverManager.getConnection(TestDatabase.SERVER, "root", "")) {
                assertThat(TenantViews.refresh(root, db.name(), acme, "acme")).isEmpty();
            }
        }
    }

    /** The rows as "a|b" strings. */
    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
