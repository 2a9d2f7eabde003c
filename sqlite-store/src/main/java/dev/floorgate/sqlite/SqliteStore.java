package dev.floorgate.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Objects;

/**
 * One SQLite file opened for writing by this process: its directory created, its {@link ProcessLock}
 * ({@code <file>.lock}) taken, its write connection opened with {@link SqliteFiles}' pragmas and its
 * {@link Schema} migrated to the latest version. The caller builds its {@link GroupCommitWriter} (or writes under
 * its own lock) on {@link #writeConnection()} and its {@link ReaderPool} on {@link #file()}.
 *
 * <p><b>On disk:</b> {@code file}, {@code file-wal}, {@code file-shm} (SQLite's WAL files; a clean close
 * checkpoints and removes them) and {@code file.lock} (empty; held with an OS lock while open). A new file and its
 * lock are made owner-only (0600, {@link SqliteFiles#createOwnerOnly}); the -wal and -shm files take the file's mode.
 */
public final class SqliteStore implements AutoCloseable {
    private final Path file;
    private final ProcessLock lock;
    private final Connection writeConnection;
    private final int versionFound;

    private SqliteStore(Path file, ProcessLock lock, Connection writeConnection, int versionFound) {
        this.file = file;
        this.lock = lock;
        this.writeConnection = writeConnection;
        this.versionFound = versionFound;
    }

    /**
     * Opens (or creates) {@code file}; {@code what} names it in errors ("outbox"). Fails with an IOException when
     * another process holds the file, the file system cannot run WAL, or the schema refuses the file (see
     * {@link Schema#migrate}); nothing stays open then.
     */
    public static SqliteStore open(Path file, String what, Schema schema, Durability durability)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(schema, "schema");
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        SqliteFiles.createOwnerOnly(ProcessLock.lockFileOf(abs));
        SqliteFiles.createOwnerOnly(abs);
        ProcessLock lock = ProcessLock.acquire(ProcessLock.lockFileOf(abs), what + " " + file);
        Connection c = null;
        try {
            c = SqliteFiles.open(file, durability);
            int found = schema.migrate(c, file);
            return new SqliteStore(file, lock, c, found);
        } catch (IOException | RuntimeException e) {
            SqliteFiles.closeQuietly(c);
            lock.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** The connection that writes the file; give it to one writer. Closed by {@link #close()}. */
    public Connection writeConnection() {
        return writeConnection;
    }

    /** The schema version the file had when opened (0 for a new file). */
    public int versionFound() {
        return versionFound;
    }

    /** Closes the write connection (stop its writer first) and releases the lock. */
    @Override
    public void close() {
        SqliteFiles.closeQuietly(writeConnection);
        lock.close();
    }
}
