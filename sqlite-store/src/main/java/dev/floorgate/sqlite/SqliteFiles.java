package dev.floorgate.sqlite;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens the gateway's SQLite files with the pragmas they rely on, and recognises the errors callers treat apart.
 *
 * <p>Every connection gets: {@code journal_mode=WAL} (checked: a file system without shared-memory support
 * silently keeps the rollback journal, and then readers would block the writer), {@code synchronous} from
 * {@link Durability}, {@code busy_timeout=}{@value #BUSY_TIMEOUT_MILLIS} ms, {@code journal_size_limit=} 64 MiB
 * (a burst does not keep its WAL's disk space after a checkpoint) and {@code foreign_keys=ON} (as gateway.db has
 * always run; files without foreign keys are unaffected).
 */
public final class SqliteFiles {
    /** How long a connection waits for another connection's lock before SQLITE_BUSY. */
    public static final int BUSY_TIMEOUT_MILLIS = 5_000;
    /** After a checkpoint the WAL file is truncated to this size. */
    public static final int WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
    private static final int SQLITE_FULL = 13;

    private SqliteFiles() {
    }

    /**
     * Creates {@code file} empty and readable by its owner only (0600) when it does not exist, on a POSIX file
     * system; an existing file, or a file system without POSIX permissions, is left as it is. SQLite gives a
     * database's {@code -wal} and {@code -shm} files the mode of the database file, so making the database file
     * this way before SQLite opens it keeps all three owner-only whatever the process umask (issue 22: the outbox,
     * the cache and gateway.db were 0644). An empty file is what SQLite makes for a new database anyway.
     */
    public static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file) || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // made by someone else meanwhile: the gateway's start-up check of the data directory judges its mode
        }
    }

    /** A connection to {@code file} (created if missing) in WAL mode with the pragmas above. */
    public static Connection open(Path file, Durability durability) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durability == Durability.FULL ? SQLiteConfig.SynchronousMode.FULL
                : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setJournalSizeLimit(WAL_SIZE_LIMIT_BYTES);
        config.enforceForeignKeys(true);
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

    /** The value of {@code PRAGMA name} as text, or null. */
    public static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Whether SQLite refused a write because the disk (or {@code max_page_count}) is full. */
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

    /** Closes {@code c} on a failure path, where the first error is the one to report. */
    public static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // the first error is the one reported
        }
    }
}
