package dev.floorgate.gateway.internal;

import dev.floorgate.sqlite.Durability;
import dev.floorgate.sqlite.GroupCommitWriter;
import dev.floorgate.sqlite.ReaderPool;
import dev.floorgate.sqlite.SqlTask;
import dev.floorgate.sqlite.SqliteFiles;
import dev.floorgate.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gateway's own SQLite file, {@code <fg.data-dir>/gateway.db}: devices, tokens, enrollment codes, sessions,
 * the admin audit, rejections, adopted printers and the print spool; the stores of those tables share this one
 * object. (The operation outbox and the master-data cache have their own files, owned by offline-sync, so that
 * their group commit never waits for these low-rate writes.)
 *
 * <p>Opened through the sqlite-store kit ({@link SqliteStore}): WAL with synchronous=FULL (a committed transaction
 * survives kill -9 and power loss), {@code gateway.db.lock} held while open (a second gateway on the same data
 * directory is refused), and {@link GatewaySchema}'s numbered migrations run before any store uses the file.
 *
 * <p><b>One writer.</b> Every change goes through {@link #inTransaction}, which hands it to the kit's
 * {@link GroupCommitWriter}: one thread, one connection, {@code BEGIN IMMEDIATE}, each change in a savepoint of
 * its own, many concurrent changes in one COMMIT. The commit point of a change is that COMMIT, and
 * {@code inTransaction} returns only after it, so to its caller it is exactly a transaction of its own. Reads run
 * on a small {@link ReaderPool} whose connections are {@code query_only}: they see the last commit, never block
 * the writer, and cannot write.
 *
 * <p>A change that waits longer than {@link #COMMIT_TIMEOUT} for its commit is answered with an SQLException but
 * may still commit later (it stays queued): the spool's callers allow for that (a job posted again with its jobId
 * is found; a PRINTING mark whose worker gave up sent nothing, and shows MAYBE_PRINTED after the next start).
 */
public final class GatewayDatabase implements AutoCloseable {
    /** A unit of work on a connection: a change inside the writer's transaction, or a read. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** How long a change waits for its commit; far beyond a healthy disk's worst fsync. */
    public static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
    /** Changes per transaction at most. */
    static final int MAX_BATCH = 64;
    /** Changes waiting at most; more is a sign the disk has stalled, and callers are refused at once. */
    static final int MAX_WAITING = 10_000;
    /** Read connections: request threads look up devices and sessions side by side. */
    static final int READERS = 4;

    /** Set while a change runs on the writer thread: a nested inTransaction or read there would deadlock or
     * miss the change's own rows. */
    private static final ThreadLocal<Boolean> IN_CHANGE = new ThreadLocal<>();

    private final SqliteStore store;
    private final GroupCommitWriter writer;
    private final ReaderPool<Connection> readers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GatewayDatabase(SqliteStore store, GroupCommitWriter writer, ReaderPool<Connection> readers) {
        this.store = store;
        this.writer = writer;
        this.readers = readers;
    }

    /**
     * Opens (or creates) {@code <dataDir>/gateway.db} and brings it to {@link GatewaySchema}'s latest version.
     *
     * @throws IOException when the directory cannot be made or made owner-only ({@link DataDirectory}), another process holds the file, the file was written
     *                     by a newer gateway or is an unversioned file without the tables of version 1
     */
    public static GatewayDatabase open(Path dataDir) throws IOException {
        Path dir = DataDirectory.secure(dataDir); // 0700, and nothing in it the group or others may read
        Path file = dir.resolve("gateway.db");
        SqliteStore store = SqliteStore.open(file, "gateway.db", GatewaySchema.SCHEMA, Durability.FULL);
        ReaderPool<Connection> readers = null;
        try {
            readers = ReaderPool.open(file, READERS, GatewayDatabase::readOnly);
            GroupCommitWriter writer = GroupCommitWriter.builder("gateway.db writer", store.writeConnection())
                    .maxBatch(MAX_BATCH).capacity(MAX_WAITING).offerTimeout(Duration.ZERO)
                    .errors(e -> new IOException("gateway.db " + file + " could not write: " + e.getMessage(), e))
                    .start();
            return new GatewayDatabase(store, writer, readers);
        } catch (IOException | RuntimeException e) {
            SqliteFiles.closeQuietly(readers);
            store.close();
            throw e;
        } catch (SQLException e) {
            SqliteFiles.closeQuietly(readers);
            store.close();
            throw new IOException("cannot start the writer of gateway.db " + file + ": " + e.getMessage(), e);
        }
    }

    private static Connection readOnly(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = 1");
        }
        return c;
    }

    public Path file() {
        return store.file();
    }

    /** The schema version the file had when opened: 0 for a new file or one made before versioning. */
    public int versionFound() {
        return store.versionFound();
    }

    /**
     * Runs {@code work} as one change: in the writer's transaction, rolled back alone when it throws, and returns
     * once that transaction committed. A RuntimeException of the work (a GatewayProblem, say) comes back as it is,
     * an SQLException of the work as it is.
     *
     * @throws SQLException when the change or its COMMIT failed, the writer is closed or has {@link #MAX_WAITING}
     *                      changes waiting, or no commit came within {@link #COMMIT_TIMEOUT} (see the class comment)
     */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        requireNotInChange("inTransaction");
        SqlTask<T> task = SqlTask.of(c -> {
            IN_CHANGE.set(Boolean.TRUE);
            try {
                return work.run(c);
            } finally {
                IN_CHANGE.remove();
            }
        });
        try {
            writer.submit(task);
        } catch (IOException e) {
            throw new SQLException(e.getMessage(), e);
        }
        return await(task.future());
    }

    private <T> T await(CompletableFuture<T> future) throws SQLException {
        try {
            return future.get(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause.getCause() instanceof SQLException) {
                throw (SQLException) cause.getCause(); // the writer's IOException around the work's own error
            }
            throw new SQLException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new SQLException("gateway.db " + file() + " did not commit a change within "
                    + COMMIT_TIMEOUT.toMillis() + " ms (" + writer.queued() + " changes waiting)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for gateway.db to commit", e);
        }
    }

    /** Runs a read on a read connection: it sees every change whose {@link #inTransaction} has returned. */
    public <T> T read(Work<T> work) throws SQLException {
        requireNotInChange("read");
        try {
            return readers.read("read gateway.db", work::run);
        } catch (IOException e) {
            if (e.getCause() instanceof SQLException) {
                throw (SQLException) e.getCause();
            }
            throw new SQLException(e.getMessage(), e);
        }
    }

    private static void requireNotInChange(String call) {
        if (IN_CHANGE.get() != null) {
            throw new IllegalStateException(call + " called inside a gateway.db change: use the connection the "
                    + "change was given");
        }
    }

    /** Transactions committed since open, and the changes they carried: {transactions, changes}. */
    public long[] commitStats() {
        return new long[] {writer.commits(), writer.tasksCommitted()};
    }

    /** Whether the file answers a trivial query (for /health). */
    public boolean healthy() {
        try {
            return read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeQuery("SELECT 1").next();
                }
            });
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Commits the changes waiting, refuses later ones, closes the readers and then the write connection (the last
     * connection to close checkpoints the WAL into the file) and releases the lock. Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.close();
        readers.close();
        store.close();
    }
}
