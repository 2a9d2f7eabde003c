package dev.floorgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade the stores share: one gateway per data directory, every change through the one writer (reads cannot
 * write), a change sees its own rows on its own connection, and a clean close leaves no WAL behind.
 */
class GatewayDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aSecondOpenOfTheSameDataDirectoryIsRefusedWithTheLockMessage() throws Exception {
        try (GatewayDatabase first = GatewayDatabase.open(dir)) {
            assertThatThrownBy(() -> GatewayDatabase.open(dir)).isInstanceOf(IOException.class)
                    .hasMessageContaining("gateway.db " + dir.resolve("gateway.db"))
                    .hasMessageContaining("is in use by another process or is already open")
                    .hasMessageContaining(dir.resolve("gateway.db.lock").toString())
                    .hasMessageContaining("one gateway per data directory");
            assertThat(first.healthy()).as("the refused open left the first one alone").isTrue();
        }
        try (GatewayDatabase again = GatewayDatabase.open(dir)) {
            assertThat(again.healthy()).as("closing released the lock").isTrue();
        }
    }

    @Test
    void readsRunOnConnectionsThatCannotWrite() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            assertThatThrownBy(() -> db.read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO adopted_printers VALUES ('p', 'tcp://h:9100', '', 'n', 'a')");
                }
            })).isInstanceOf(SQLException.class).hasMessageContaining("readonly");
            assertThat(countPrinters(db)).isZero();
        }
    }

    @Test
    void aChangeThatThrowsLeavesNothingAndItsErrorReachesTheCallerAsItIs() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            IllegalArgumentException refused = new IllegalArgumentException("refused by the store");
            assertThatThrownBy(() -> db.inTransaction(c -> {
                insertPrinter(c.prepareStatement("INSERT INTO adopted_printers VALUES (?, 'u', '', 'n', 'a')"), "p1");
                throw refused;
            })).isSameAs(refused);
            assertThatThrownBy(() -> db.inTransaction(c -> {
                insertPrinter(c.prepareStatement("INSERT INTO adopted_printers VALUES (?, 'u', '', 'n', 'a')"), "p2");
                return insertPrinter(c.prepareStatement("INSERT INTO adopted_printers VALUES (?, 'u', '', 'n', 'a')"),
                        "p2");
            })).isInstanceOf(SQLException.class).hasMessageContaining("UNIQUE");
            int seen = db.inTransaction(c -> {
                insertPrinter(c.prepareStatement("INSERT INTO adopted_printers VALUES (?, 'u', '', 'n', 'a')"), "p3");
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                        "SELECT COUNT(*) FROM adopted_printers")) {
                    rs.next();
                    return rs.getInt(1); // its own uncommitted row, on its own connection
                }
            });
            assertThat(seen).isEqualTo(1);
            assertThat(countPrinters(db)).as("only the change that returned committed").isEqualTo(1);
        }
    }

    @Test
    void aChangeMayNotStartAnotherChangeOrARead() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            assertThatThrownBy(() -> db.inTransaction(c -> db.inTransaction(inner -> 1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("inTransaction called inside a gateway.db change");
            assertThatThrownBy(() -> db.inTransaction(c -> countPrinters(db)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("read called inside");
        }
    }

    @Test
    void aCleanCloseCheckpointsTheWalIntoTheFile() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            db.inTransaction(c -> insertPrinter(
                    c.prepareStatement("INSERT INTO adopted_printers VALUES (?, 'u', '', 'n', 'a')"), "p1"));
            assertThat(dir.resolve("gateway.db-wal")).exists();
        }
        assertThat(dir.resolve("gateway.db-wal")).doesNotExist();
        assertThat(Files.size(dir.resolve("gateway.db"))).isPositive();
        try (GatewayDatabase again = GatewayDatabase.open(dir)) {
            assertThat(countPrinters(again)).isEqualTo(1);
        }
    }

    private static int insertPrinter(PreparedStatement ps, String name) throws SQLException {
        try (ps) {
            ps.setString(1, name);
            return ps.executeUpdate();
        }
    }

    private static int countPrinters(GatewayDatabase db) throws SQLException {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM adopted_printers")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
