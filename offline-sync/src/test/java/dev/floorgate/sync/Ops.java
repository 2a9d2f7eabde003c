package dev.floorgate.sync;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;

/** Test operations and a look into SQLite files from the outside. */
final class Ops {
    private Ops() {
    }

    static Operation receive(String tenant, String sku, long qty) {
        return Operation.builder().opId(OperationIds.newId()).tenant(tenant).warehouse("SH01")
                .type(OperationType.RECEIVE).sku(sku).qty(qty).location("A-01-01").deviceId("pda-1")
                .operator("u-1").occurredAt("2026-11-22T08:15:30.120Z").build();
    }

    static Operation receive(String tenant) {
        return receive(tenant, "SKU-1", 1);
    }

    /** A connection of its own (not the outbox's) to query a file as another process would. */
    static Connection look(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    static String integrityCheck(Path file) throws SQLException {
        try (Connection c = look(file); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long count(Path file, String sql) throws SQLException {
        try (Connection c = look(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
