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
            s.executeUpdate("DROP DATABASE IF EXISTS " + name);
        }
    }
}
