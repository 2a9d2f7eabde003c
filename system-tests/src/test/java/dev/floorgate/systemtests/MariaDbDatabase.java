package dev.floorgate.systemtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }
}
