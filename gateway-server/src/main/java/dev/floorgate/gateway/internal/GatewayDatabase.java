package dev.floorgate.gateway.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The gateway's own SQLite file, {@code <fg.data-dir>/gateway.db}: devices, tokens, enrollment codes, the print
 * spool. (The operation outbox and the master-data cache have their own files, owned by offline-sync, so that
 * their group commit never waits for these low-rate writes.) WAL mode with synchronous=FULL: a committed
 * transaction survives kill -9 and power loss. One connection, used under this object's lock: these tables see
 * a few writes per second, and SQLite serialises writers anyway. Every table is defined in {@link GatewaySchema},
 * applied when the file is opened.
 */
public final class GatewayDatabase implements AutoCloseable {
    /** A unit of work on the connection, run under the lock. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Path file;
    private final Connection connection;

    private GatewayDatabase(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (or creates) {@code <dataDir>/gateway.db} and applies {@link GatewaySchema}.
     *
     * @throws IOException when the directory cannot be created
     * @throws IllegalStateException when SQLite cannot open the file or apply the schema
     */
    public static GatewayDatabase open(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve("gateway.db");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("PRAGMA foreign_keys=ON");
            }
            GatewayDatabase db = new GatewayDatabase(file, connection);
            db.inTransaction(c -> {
                GatewaySchema.apply(c);
                return null;
            });
            return db;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot open the gateway database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the open failed already; that failure is the one reported
            }
        }
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public synchronized <T> T inTransaction(Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Runs a read (or a single auto-committed statement) under the lock. */
    public synchronized <T> T read(Work<T> work) throws SQLException {
        return work.run(connection);
    }

    /** Whether the file answers a trivial query (for /health). */
    public synchronized boolean healthy() {
        try (Statement s = connection.createStatement()) {
            return s.executeQuery("SELECT 1").next();
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() throws SQLException {
        connection.close();
    }
}
