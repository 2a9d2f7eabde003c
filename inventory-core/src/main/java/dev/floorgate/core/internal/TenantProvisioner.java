package dev.floorgate.core.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * {@code tenant add}: creates a tenant's schema and MySQL user, grants that user SELECT, INSERT, UPDATE, DELETE on its
 * schema and nothing else, stores the generated password in the shared schema's {@code tenant_credentials} and runs
 * the tenant migrations ({@code db/tenant}) into the schema with the core's own user. Idempotent: a second run keeps
 * the stored password, re-applies the grant and migrates what is new. Used by the {@code tenant add} command and by
 * the core at start for the tenants of its keys (docs/TENANTS.md). Works on short-lived connections of the core's
 * user; a missing privilege is one line naming it.
 */
public final class TenantProvisioner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TenantProvisioner.class);
    /** What the tenant user may do in its schema: rows only, no DDL, no GRANT. */
    static final String TENANT_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcTarget core;

    /** The tenant's names, as stored: schema, user and the JDBC URL of the schema. */
    public record Tenant(String tenant, String schema, String user, String url) {
    }

    public TenantProvisioner(String coreUrl, String coreUser, String corePassword) {
        this.core = new JdbcTarget(coreUrl, coreUser, corePassword);
    }

    JdbcTarget core() {
        return core;
    }

    /** Adds the tenant (or brings an added one up to date); IllegalStateException with one line when refused. */
    public Tenant add(String tenant) {
        TenantNames.checkCode(tenant);
        String schema = TenantNames.schema(core.database(), tenant);
        String user = TenantNames.user(core.database(), tenant);
        String who = "the core's MySQL user '" + core.user() + "'";
        try (Connection c = DriverManager.getConnection(core.serverUrl(), core.user(), core.password());
                Statement s = c.createStatement()) {
            step(tenant, "CREATE", who + " may not create the schema " + schema, () -> s.executeUpdate(
                    "CREATE DATABASE IF NOT EXISTS `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"));
            String password = storedPassword(c, "`" + core.database() + "`.tenant_credentials", tenant, schema, user);
            String account = "'" + user + "'@'%'";
            step(tenant, "CREATE USER", who + " may not create the tenant's user " + user, () -> {
                try (PreparedStatement ps = c.prepareStatement("CREATE USER IF NOT EXISTS " + account
                        + " IDENTIFIED BY ?")) {
                    ps.setString(1, password);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement("ALTER USER " + account + " IDENTIFIED BY ?")) {
                    ps.setString(1, password);
                    ps.executeUpdate();
                }
            });
            step(tenant, "GRANT OPTION", who + " may not grant " + TENANT_PRIVILEGES + " on " + schema
                    + " (it needs those privileges WITH GRANT OPTION)", () -> s.executeUpdate("GRANT "
                    + TENANT_PRIVILEGES + " ON `" + schema + "`.* TO " + account));
        } catch (SQLException e) {
            throw new IllegalStateException("tenant add " + tenant + " (MySQL at " + core.serverUrl() + " as '"
                    + core.user() + "') failed: " + e.getMessage(), e);
        }
        Tenant t = new Tenant(tenant, schema, user, core.urlOf(schema));
        migrate(t);
        return t;
    }

    /**
     * Migrates the core's own (shared) schema as the core does at start, so {@code tenant add} works before the core
     * ever ran: the credentials table lives there.
     */
    public void migrateCore() {
        try {
            Flyway.configure().dataSource(core.url(), core.user(), core.password()).locations("classpath:db/migration")
                    .load().migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("migrating the core's schema " + core.database() + " failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs the tenant migrations into the tenant's schema with the core's user (the tenant's user has no DDL), then
     * remakes the views whose shared tables' columns changed since (TenantViews).
     */
    void migrate(Tenant t) {
        try {
            // the placeholders name the shared schema and the tenant for the views of V3 (its stock, ledger, master
            // data and orders: the rows of this tenant only)
            Flyway.configure().dataSource(t.url(), core.user(), core.password()).locations("classpath:db/tenant")
                    .placeholders(Map.of("core_schema", core.database(), "tenant", TenantNames.checkCode(t.tenant())))
                    .load().migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("tenant " + t.tenant() + ": migrating its schema " + t.schema()
                    + " failed: " + e.getMessage(), e);
        }
        // the views of V3 follow a core migration that changed their tables' columns
        try (Connection c = DriverManager.getConnection(core.serverUrl(), core.user(), core.password())) {
            TenantViews.refresh(c, core.database(), t.schema(), t.tenant());
        } catch (SQLException e) {
            throw new IllegalStateException("tenant " + t.tenant() + ": making its views in " + t.schema()
                    + " follow the shared tables failed: " + e.getMessage(), e);
        }
    }

    /** The tenant's stored password, or a new one stored now (a concurrent add by another instance wins once). */
    private static String storedPassword(Connection c, String table, String tenant, String schema, String user)
            throws SQLException {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO " + table + " (tenant, schema_name, "
                + "user_name, password) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, tenant);
            ps.setString(2, schema);
            ps.setString(3, user);
            ps.setString(4, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT schema_name, user_name, password FROM " + table
                + " WHERE tenant = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String password = rs.getString(3);
                if (rs.getString(1).equals(schema) && rs.getString(2).equals(user)) {
                    return password;
                }
                // The core's database was restored or renamed under another name: its tenants' schemas and users
                // follow its name, so this database's own are made (the caller goes on to create them) and the row
                // is pointed at them. The old schema is left alone and named, so its data can be carried over.
                LOG.warn("tenant {}: tenant_credentials named schema {} and user {}, made for a core database of "
                        + "another name; this database's are {} and {}: its consolidation data starts empty unless "
                        + "the old schema is restored into the new one (docs/TENANTS.md, Backup)", tenant,
                        rs.getString(1), rs.getString(2), schema, user);
                try (PreparedStatement up = c.prepareStatement("UPDATE " + table + " SET schema_name = ?, "
                        + "user_name = ? WHERE tenant = ?")) {
                    up.setString(1, schema);
                    up.setString(2, user);
                    up.setString(3, tenant);
                    up.executeUpdate();
                }
                return password;
            }
        }
    }

    private interface Sql {
        void run() throws SQLException;
    }

    /** A statement whose refusal for want of {@code privilege} becomes one line naming it. */
    private static void step(String tenant, String privilege, String refused, Sql sql) throws SQLException {
        try {
            sql.run();
        } catch (SQLException e) {
            if (accessDenied(e)) {
                throw new IllegalStateException("tenant add " + tenant + ": missing privilege " + privilege + ": "
                        + refused + " (MySQL said: " + e.getMessage() + ")", e);
            }
            throw e;
        }
    }

    /** ER_DBACCESS_DENIED (1044), ER_ACCESS_DENIED (1045), ER_TABLEACCESS_DENIED (1142), ER_SPECIFIC_ACCESS (1227). */
    static boolean accessDenied(SQLException e) {
        int code = e.getErrorCode();
        return code == 1044 || code == 1045 || code == 1142 || code == 1227;
    }
}
