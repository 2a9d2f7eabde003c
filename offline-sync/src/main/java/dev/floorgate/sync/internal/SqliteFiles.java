package dev.floorgate.sync.internal;

import dev.floorgate.sync.DiskFullException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Opens the engine's SQLite files with the pragmas they rely on, and turns SQLite errors into IOExceptions. */
public final class SqliteFiles {
    /** How long a connection waits for another connection's lock before SQLITE_BUSY. */
    public static final int BUSY_TIMEOUT_MILLIS = 5_000;
    /** After a checkpoint the WAL file is truncated to this size, so a burst does not keep its disk space. */
    public static final int WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
    private static final int SQLITE_FULL = 13;

    private SqliteFiles() {
    }

    /**
     * A connection to {@code file} in WAL mode with the given synchronous level; checks that SQLite really runs
     * in WAL mode (a file system without shared memory support silently keeps the rollback journal).
     */
    public static Connection open(Path file, SQLiteConfig.SynchronousMode synchronous) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setJournalSizeLimit(WAL_SIZE_LIMIT_BYTES);
        Connection c;
        try {
            c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        } catch (SQLException e) {
            throw new IOException("cannot open SQLite database " + file + ": " + e.getMessage(), e);
        }
        try {
            String mode = pragma(c, "journal_mode");
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new IOException("SQLite database " + file + " runs in journal_mode=" + mode
                        + ", not WAL; the file system may not support it");
            }
            return c;
        } catch (SQLException | IOException e) {
            closeQuietly(c);
            throw e instanceof IOException ? (IOException) e
                    : new IOException("cannot configure SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    /** The value of {@code PRAGMA name} as text. */
    public static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Whether SQLite refused a write because the disk is full. */
    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException) {
                SQLiteErrorCode code = ((SQLiteException) t).getResultCode();
                if (code == SQLiteErrorCode.SQLITE_FULL || (code.code & 0xff) == SQLITE_FULL) {
                    return true;
                }
            }
            if (t instanceof SQLException && (((SQLException) t).getErrorCode() & 0xff) == SQLITE_FULL) {
                return true;
            }
        }
        return false;
    }

    /**
     * An IOException for a failed SQL step on {@code file}: a {@link DiskFullException} for SQLITE_FULL
     * (with the free bytes measured now), else a plain IOException; the cause is kept.
     */
    public static IOException ioError(String what, Path file, SQLException e, long freeBytesNow) {
        if (isDiskFull(e)) {
            return new DiskFullException("disk full: SQLite could not " + what + " in " + file + " ("
                    + freeBytesNow + " bytes usable now): " + e.getMessage(), freeBytesNow, e);
        }
        return new IOException("SQLite could not " + what + " in " + file + ": " + e.getMessage(), e);
    }

    public static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on a failure path; the first error is the one reported
        }
    }
}
