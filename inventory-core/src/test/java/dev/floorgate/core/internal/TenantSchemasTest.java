package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.core.TenantCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tenant isolation at the database (issue 17 item 4, docs/TENANTS.md), against the real MariaDB: a tenant's own MySQL
 * user is refused by the server on another tenant's schema and on the shared one; {@code tenant add} is idempotent
 * and names a missing privilege; a tenant added while the core runs works at once.
 */
class TenantSchemasTest {

    /** {exit status, stdout, stderr} of the command. */
    static String[] tenantCommand(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TenantCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8)};
    }

    /** A connection as the tenant's own MySQL user (its stored credentials), no schema selected. */
    static Connection asTenant(TestDatabase db, String tenant) throws SQLException {
        Map<String, Object> row = db.query("SELECT user_name, password FROM tenant_credentials WHERE tenant = ?",
                tenant).get(0);
        return DriverManager.getConnection(TestDatabase.SERVER, (String) row.get("user_name"),
                (String) row.get("password"));
    }

    /** The SQL error the server answers, asserted to be an access refusal (not a syntax error or missing table). */
    static void assertRefused(Connection c, String sql) {
        assertThatThrownBy(() -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }).as(sql).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(TenantProvisioner.accessDenied(e)).as(e.getErrorCode() + " " + e.getMessage()).isTrue();
            assertThat(e.getMessage()).containsIgnoringCase("denied");
        });
    }

    @Test
    void aTenantsCredentialsAreRefusedOnAnotherTenantsSchemaAndOnTheSharedOne() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase("fg_tschema_");
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            CoreHarness.require(core.acme.put("/v1/warehouses/acme/SH01", ""), 200);
            CoreHarness.require(core.multi.put("/v1/warehouses/beta/SH01", ""), 200);
            String acmeTracking = "ISOL-A-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            String betaTracking = "ISOL-B-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            CoreHarness.require(ParcelsTest.announce(core.acme, "acme", "SH01", "C-1", acmeTracking), 201);
            CoreHarness.require(ParcelsTest.announce(core.multi, "beta", "SH01", "C-9", betaTracking), 201);
            String acme = db.tenantSchema("acme");
            String beta = db.tenantSchema("beta");
            assertThat(acme).isEqualTo(db.name() + "_t_acme");
            assertThat(beta).isEqualTo(db.name() + "_t_beta");
            // the rows are where they belong, and nowhere else
            assertThat(db.count("SELECT COUNT(*) FROM `" + beta + "`.parcels WHERE tracking_raw = ?", betaTracking))
                    .isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM `" + acme + "`.parcels WHERE tracking_raw = ?", betaTracking))
                    .isZero();
            assertThat(db.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND "
                    + "table_name = 'parcels'", db.name())).isZero();

            try (Connection c = asTenant(db, "acme")) {
                // its own rows: yes (so the refusals below are the grants at work, not a broken login)
                try (Statement s = c.createStatement();
                        java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + acme
                                + "`.parcels WHERE tracking_raw = '" + acmeTracking + "'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
                assertRefused(c, "SELECT * FROM `" + beta + "`.parcels");
                assertRefused(c, "SELECT COUNT(*) FROM `" + beta + "`.shipments");
                assertRefused(c, "INSERT INTO `" + beta + "`.parcel_intakes (tenant, op_id, parcel_id, fingerprint, "
                        + "answer) VALUES ('beta', 'x', 'P1', 'f', 'a')");
                assertRefused(c, "UPDATE `" + beta + "`.parcels SET customer = 'stolen'");
                assertRefused(c, "DELETE FROM `" + beta + "`.event_outbox");
                assertRefused(c, "SELECT * FROM `" + beta + "`.photos");
                assertRefused(c, "SELECT * FROM `" + beta + "`.photo_reviews");
                assertRefused(c, "USE `" + beta + "`");
                // the shared schema: credentials of every tenant, the outbox, stock, orders
                assertRefused(c, "SELECT * FROM `" + db.name() + "`.tenant_credentials");
                assertRefused(c, "SELECT * FROM `" + db.name() + "`.event_outbox");
                assertRefused(c, "INSERT INTO `" + db.name() + "`.event_outbox (event_id, routing_key, type, payload)"
                        + " VALUES ('e', 'k', 't', '{}')");
                // and no DDL or grants in its own schema
                assertRefused(c, "DROP TABLE `" + acme + "`.parcels");
                assertRefused(c, "CREATE TABLE `" + acme + "`.mine (id INT)");
                assertRefused(c, "GRANT SELECT ON `" + acme + "`.* TO CURRENT_USER");
            }
            assertThat(db.count("SELECT COUNT(*) FROM `" + beta + "`.parcels WHERE customer = 'stolen'")).isZero();
        }
    }

    /**
     * Stock, ledger, master data and orders (db/tenant/V3): on the tenant's own connection its schema shows its rows
     * of the shared tables and no other tenant's, whatever the query asks; a write naming another tenant is refused by
     * MySQL (the view's CHECK OPTION); the shared tables themselves are refused (no grant).
     */
    @Test
    void aTenantsConnectionSeesOnlyItsOwnStockLedgerMasterDataAndOrders() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase("fg_tviews_");
                CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of())) {
            CoreHarness.require(core.acme.put("/v1/warehouses/acme/SH01", ""), 200);
            CoreHarness.require(core.multi.put("/v1/warehouses/beta/SH01", ""), 200);
            CoreHarness.require(core.multi.put("/v1/warehouses/beta/SH02", ""), 200);
            for (String tenant : List.of("acme", "beta")) {
                asRoot("INSERT INTO `" + db.name() + "`.stock (tenant, warehouse, sku, bucket, on_hand, usable, "
                        + "reserved, seq) VALUES ('" + tenant + "', 'SH01', 'SKU-1', 0, 5, 5, 0, 1)");
                asRoot("INSERT INTO `" + db.name() + "`.orders (tenant, warehouse, order_no, status) VALUES ('"
                        + tenant + "', 'SH01', 'O-1', 'NEW')");
                asRoot("INSERT INTO `" + db.name() + "`.ledger (op_id, kind, tenant, fingerprint, status, op_json) "
                        + "VALUES ('op-" + tenant + "', 'O', '" + tenant + "', 'f', "
                        + "'APPLIED', '{}')");
            }
            String acme = db.tenantSchema("acme");
            try (Connection c = asTenant(db, "acme"); Statement s = c.createStatement()) {
                s.execute("USE `" + acme + "`");
                for (String table : List.of("warehouses", "stock", "orders", "ledger")) {
                    try (java.sql.ResultSet rs = s.executeQuery("SELECT tenant, COUNT(*) FROM " + table
                            + " GROUP BY tenant")) {
                        assertThat(rs.next()).as(table + " has acme's rows").isTrue();
                        assertThat(rs.getString(1)).as(table).isEqualTo("acme");
                        assertThat(rs.next()).as(table + ": no other tenant's rows").isFalse();
                    }
                }
                try (java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM stock WHERE tenant = 'beta'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("beta's stock asked for by name").isZero();
                }
                // writes naming another tenant: refused by the server, not filtered
                for (String sql : List.of(
                        "INSERT INTO stock (tenant, warehouse, sku, bucket, on_hand, usable, reserved, seq) VALUES "
                                + "('beta', 'SH01', 'SKU-2', 0, 1, 1, 0, 1)",
                        "INSERT INTO ledger (op_id, kind, tenant, fingerprint, status, op_json) VALUES "
                                + "('stolen', 'O', 'beta', 'f', 'APPLIED', '{}')",
                        "UPDATE stock SET tenant = 'beta' WHERE sku = 'SKU-1'",
                        "INSERT INTO skus (tenant, sku, name, unit, gtins, barcodes) VALUES "
                                + "('beta', 'X', 'x', 'EA', '[]', '[]')")) {
                    assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getErrorCode()).as(e.getMessage()).isEqualTo(1369));
                }
                assertThat(s.executeUpdate("UPDATE stock SET on_hand = 0 WHERE tenant = 'beta'")).isZero();
                assertThat(s.executeUpdate("DELETE FROM orders WHERE tenant = 'beta'")).isZero();
                // its own rows are writable through its schema
                assertThat(s.executeUpdate("UPDATE stock SET on_hand = 6 WHERE sku = 'SKU-1'")).isEqualTo(1);
                for (String table : List.of("stock", "ledger", "orders", "order_lines", "skus", "locations",
                        "warehouses", "reservations", "changes", "corrections", "replenishment_settings")) {
                    assertRefused(c, "SELECT * FROM `" + db.name() + "`." + table);
                }
                assertRefused(c, "SELECT * FROM `" + db.name() + "`.core_meta");
                assertRefused(c, "UPDATE `" + db.name() + "`.stock SET on_hand = 0");
            }
            assertThat(db.count("SELECT COUNT(*) FROM stock WHERE tenant = 'beta' AND on_hand = 5")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM stock WHERE tenant = 'acme' AND on_hand = 6")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM warehouses WHERE tenant = 'beta'")).isEqualTo(2);
        }
    }

    @Test
    void tenantAddTwiceIsFineAndKeepsItsPassword() throws Exception {
        try (TestDatabase db = new TestDatabase("fg_tschema_")) {
            String[] first = tenantCommand("add", "delta.eu", "--url", db.url());
            assertThat(first[0]).as(first[2]).isEqualTo("0");
            String schema = db.tenantSchema("delta.eu");
            // '.' is not kept: replaced, and the name gets the hash of the exact code so delta.eu and delta_eu differ
            assertThat(schema).startsWith(db.name() + "_t_delta_eu_h").hasSize(db.name().length() + 21);
            assertThat(first[1]).contains("tenant delta.eu: schema " + schema);
            String password = (String) db.query("SELECT password FROM tenant_credentials WHERE tenant = 'delta.eu'")
                    .get(0).get("password");
            assertThat(first[1] + first[2]).doesNotContain(password);

            String[] second = tenantCommand("add", "delta.eu", "--url", db.url());
            assertThat(second[0]).as(second[2]).isEqualTo("0");
            assertThat(db.query("SELECT password FROM tenant_credentials WHERE tenant = 'delta.eu'").get(0))
                    .containsEntry("password", password);
            assertThat(db.count("SELECT COUNT(*) FROM tenant_credentials")).isEqualTo(1);
            try (Connection c = asTenant(db, "delta.eu"); Statement s = c.createStatement()) {
                s.execute("INSERT INTO `" + schema + "`.parcel_intakes (tenant, op_id, parcel_id, fingerprint, answer) "
                        + "VALUES ('delta.eu', 'op', 'P1', 'f', 'a')");
            }
            // every tenant migration (db/tenant V1, V2, V3), each once
            assertThat(db.count("SELECT COUNT(*) FROM `" + schema + "`.flyway_schema_history WHERE success = 1 AND "
                    + "version IS NOT NULL")).isEqualTo(3);

            String[] bad = tenantCommand("add", "no/slash", "--url", db.url());
            assertThat(bad[0]).isEqualTo("2");
            assertThat(bad[2].strip()).doesNotContain("\n").contains("tenant code must be");
        }
    }

    @Test
    void aMissingPrivilegeIsOneLineNamingIt() throws Exception {
        try (TestDatabase db = new TestDatabase("fg_tschema_")) {
            String limited = db.name() + "_lim";
            asRoot("CREATE DATABASE `" + db.name() + "`");
            try {
                asRoot("CREATE USER '" + limited + "'@'%'");
                asRoot("GRANT ALL ON `" + db.name() + "`.* TO '" + limited + "'@'%'");
                String[] noCreate = limitedAdd(db, limited);
                assertThat(noCreate[0]).isEqualTo("2");
                assertThat(noCreate[2].strip()).doesNotContain("\n").contains("missing privilege CREATE:")
                        .contains(limited);
                // may create the tenant schemas, not users
                asRoot("GRANT ALL ON `" + db.name().replace("_", "\\_") + "\\_t\\_%`.* TO '" + limited + "'@'%'");
                String[] noUser = limitedAdd(db, limited);
                assertThat(noUser[0]).isEqualTo("2");
                assertThat(noUser[2].strip()).doesNotContain("\n").contains("missing privilege CREATE USER:");
                assertThat(db.count("SELECT COUNT(*) FROM mysql.user WHERE user = ?", db.name() + "_t_omega"))
                        .isZero();
            } finally {
                asRoot("DROP USER IF EXISTS '" + limited + "'@'%'");
            }
        }
    }

    /** tenant add omega as the limited user (no password: it exists for this test only, with these grants only). */
    private static String[] limitedAdd(TestDatabase db, String user) {
        return tenantCommand("add", "omega", "--url", db.url(), "--user", user);
    }

    private static void asRoot(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.SERVER, "root", "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aTenantAddedWhileTheCoreRunsWorksEndToEndWithoutARestart() throws Exception {
        try (RedisProcess redis = RedisProcess.standalone(); TestDatabase db = new TestDatabase("fg_tschema_")) {
            assertThat(tenantCommand("add", "acme", "--url", db.url())[0]).isEqualTo("0");
            try (CoreHarness core = CoreHarness.start(redis.uri(), db, Map.of("fg.mysql.add-tenants-at-start",
                    "false"))) {
                CoreHarness.require(core.acme.put("/v1/warehouses/acme/SH01", ""), 200);
                // master data is written on the tenant's own connection too (issue 17 item 4): gamma's warehouse
                // waits for its database like its parcels do, and nothing of gamma's is written meanwhile
                CoreClient.Reply early = core.multi.put("/v1/warehouses/gamma/SH01", "");
                assertThat(early.status()).as(early.body()).isEqualTo(503);
                assertThat(core.json(early.body())).containsEntry("error", "TENANT_NOT_ADDED");
                assertThat(early.body()).doesNotContain("Exception").doesNotContain("SQL");
                assertThat(db.count("SELECT COUNT(*) FROM warehouses WHERE tenant = 'gamma'")).isZero();
                String tracking = "LATE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

                String[] added = tenantCommand("add", "gamma", "--url", db.url());
                assertThat(added[0]).as(added[2]).isEqualTo("0");

                CoreHarness.require(core.multi.put("/v1/warehouses/gamma/SH01", ""), 200);
                CoreHarness.require(ParcelsTest.announce(core.multi, "gamma", "SH01", "C-7", tracking), 201);
                CoreClient.Reply in = ParcelsTest.intake(core.multi, "gamma", "SH01", tracking, "SHELF-9",
                        UUID.randomUUID().toString());
                CoreHarness.require(in, 200);
                String parcel = (String) ParcelsTest.parcelOf(core.json(in.body())).get("parcelId");
                CoreClient.Reply ship = core.multi.post("/v1/shipments", ShipmentsTest.shipment("gamma", "C-7",
                        List.of(parcel), UUID.randomUUID().toString()));
                CoreHarness.require(ship, 201);
                String gamma = db.tenantSchema("gamma");
                assertThat(db.query("SELECT state FROM `" + gamma + "`.parcels WHERE parcel_id = ?", parcel).get(0))
                        .containsEntry("state", "CLOSED");
                assertThat(db.count("SELECT COUNT(*) FROM `" + gamma + "`.shipments")).isEqualTo(1);
                // acme was added before the start and works too; its rows are not gamma's
                CoreHarness.require(ParcelsTest.announce(core.acme, "acme", "SH01", "C-1", tracking), 201);
                assertThat(db.count("SELECT COUNT(*) FROM `" + db.tenantSchema("acme") + "`.parcels")).isEqualTo(1);
                assertThat(db.count("SELECT COUNT(*) FROM `" + gamma + "`.parcels")).isEqualTo(1);
            }
        }
    }
}
