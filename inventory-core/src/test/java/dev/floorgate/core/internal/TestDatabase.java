package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A MariaDB database of its own on the shared server (floorgate_test_&lt;random&gt;), dropped on close. */
final class TestDatabase implements AutoCloseable {
    static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
    private final String name;

    TestDatabase() {
        this("floorgate_test_");
    }

    /** A database named {@code prefix} + 12 random hex digits (a test's own namespace on the shared server). */
    TestDatabase(String prefix) {
        this.name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    String name() {
        return name;
    }

    String url() {
        return SERVER + name + "?createDatabaseIfNotExist=true";
    }

    /** The schema the core made for the tenant (tenant_credentials, docs/TENANTS.md). */
    String tenantSchema(String tenant) throws SQLException {
        List<Map<String, Object>> rows = query("SELECT schema_name FROM tenant_credentials WHERE tenant = ?", tenant);
        if (rows.isEmpty()) {
            throw new IllegalStateException("tenant " + tenant + " has no schema in " + name);
        }
        return (String) rows.get(0).get("schema_name");
    }

    /** The tenant's own MySQL user (tenant_credentials). */
    String tenantUser(String tenant) throws SQLException {
        List<Map<String, Object>> rows = query("SELECT user_name FROM tenant_credentials WHERE tenant = ?", tenant);
        if (rows.isEmpty()) {
            throw new IllegalStateException("tenant " + tenant + " has no user in " + name);
        }
        return (String) rows.get(0).get("user_name");
    }

    /**
     * Takes the tenant user's rights on its schema away and ends its open sessions: MariaDB keeps a session's rights
     * on the database it selected, so the core's pooled sessions must log in again, under the revoke (as a restarted
     * core, or a pool after its idle timeout, would). A code path still on the core's own connection carries on.
     */
    void revokeTenant(String tenant) throws SQLException {
        String user = tenantUser(tenant);
        update("REVOKE ALL PRIVILEGES ON `" + tenantSchema(tenant) + "`.* FROM '" + user + "'@'%'");
        for (Map<String, Object> session : query("SELECT id FROM information_schema.processlist WHERE user = ?",
                user)) {
            try {
                update("KILL CONNECTION " + ((Number) session.get("id")).longValue());
            } catch (SQLException e) {
                // the session ended by itself meanwhile: what this wants anyway
            }
        }
    }

    /** Gives the tenant user back the rights `tenant add` gives. */
    void grantTenant(String tenant) throws SQLException {
        update("GRANT " + TenantProvisioner.TENANT_PRIVILEGES + " ON `" + tenantSchema(tenant) + "`.* TO '"
                + tenantUser(tenant) + "'@'%'");
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + name, "root", "");
    }

    long count(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = query(sql, params);
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    int update(String sql, Object... params) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            dropTenants(s);
            s.executeUpdate("DROP DATABASE IF EXISTS " + name);
        }
    }

    /**
     * The tenants' schemas and users the core made for this database (docs/TENANTS.md): the users named in its
     * tenant_credentials, and every schema named after this database and "_t_".
     */
    private void dropTenants(Statement s) throws SQLException {
        List<String> drops = new ArrayList<>();
        boolean credentials;
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '"
                + name + "' AND table_name = 'tenant_credentials'")) {
            rs.next();
            credentials = rs.getInt(1) > 0;
        }
        if (credentials) {
            try (ResultSet rs = s.executeQuery("SELECT user_name FROM " + name + ".tenant_credentials")) {
                while (rs.next()) {
                    drops.add("DROP USER IF EXISTS '" + rs.getString(1) + "'@'%'");
                }
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT schema_name FROM information_schema.schemata WHERE schema_name "
                + "LIKE '" + name + "\\_t\\_%'")) {
            while (rs.next()) {
                drops.add("DROP DATABASE IF EXISTS `" + rs.getString(1) + "`");
            }
        }
        for (String d : drops) {
            s.executeUpdate(d);
        }
    }
}
