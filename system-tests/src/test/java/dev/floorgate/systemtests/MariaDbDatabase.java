package dev.floorgate.systemtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throwaway database on the machine's MariaDB (127.0.0.1:3306, root) or another server, dropped when the test is
 * done.
 */
public final class MariaDbDatabase implements AutoCloseable {
    private static final String SHARED = "jdbc:mariadb://127.0.0.1:3306/";
    private final String server;
    private final String name;

    public MariaDbDatabase() throws SQLException {
        this(SHARED);
    }

    /** A throwaway database on the machine's MariaDB named {@code prefix<random hex>}. */
    public static MariaDbDatabase withPrefix(String prefix) throws SQLException {
        return new MariaDbDatabase(SHARED, prefix);
    }

    /** A throwaway database on another server, e.g. a {@link PrivateMariaDb}. */
    public MariaDbDatabase(String server) throws SQLException {
        this(server, "floorgate_st_");
    }

    /** A throwaway database whose name starts with {@code prefix} (a test's own namespace on the shared server). */
    public MariaDbDatabase(String server, String prefix) throws SQLException {
        this.server = server;
        name = prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(server, "root", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    public String jdbcUrl() {
        return server + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "root", "");
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(server, "root", "");
                Statement s = c.createStatement()) {
            dropTenants(s);
            s.execute("DROP DATABASE IF EXISTS " + name);
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
            s.execute(d);
        }
    }
}
