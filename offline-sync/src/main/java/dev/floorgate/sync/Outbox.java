package dev.floorgate.sync;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.sync.internal.AppendTask;
import dev.floorgate.sync.internal.GroupCommitWriter;
import dev.floorgate.sync.internal.OutboxTables;
import dev.floorgate.sync.internal.ProcessLock;
import dev.floorgate.sync.internal.SqlTask;
import dev.floorgate.sync.internal.SqliteFiles;
import dev.floorgate.sync.internal.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.sqlite.SQLiteConfig;

/**
 * The durable outbox of acknowledged operations: one SQLite file ({@code <dataDir>/outbox.db}) in WAL mode with
 * {@code synchronous=FULL}, written by one thread with group commit. Thread-safe.
 *
 * <p><b>Contract.</b> The future of {@link #append} completes only after the transaction holding the operation's
 * row has committed; the gateway answers 202 only then. An acknowledged operation survives {@code kill -9} of the
 * gateway and the loss of power, and is never stored twice: a device that posts the same opId again gets the stored
 * row (EXISTING); the same opId with another body is refused (CONFLICT, {@code OP_ID_REUSED}). The one honest
 * assumption, as in tape's QueueFile: the disk does not lie about fsync.
 *
 * <p><b>On disk</b> (schema version 1 in {@code PRAGMA user_version}):
 * <pre>
 * operations                                    one row per acknowledged operation
 * ├─ seq         INTEGER PRIMARY KEY            ack order; assigned by the writer; never reused, gaps possible
 * ├─ op_id       TEXT NOT NULL UNIQUE           the idempotency key, forever
 * ├─ tenant      TEXT NOT NULL                  per-tenant order = seq order within the tenant
 * ├─ device_id   TEXT                           the device that posted it (for its events)
 * ├─ body        TEXT NOT NULL                  canonical JSON, OperationJson.write, byte for byte what is sent
 * ├─ state       TEXT NOT NULL                  PENDING → SYNCING → APPLIED | DUPLICATE | REJECTED (→ PENDING on retry)
 * ├─ result      TEXT                           the core's answer as JSON, once final
 * ├─ accepted_at INTEGER NOT NULL               epoch ms of the commit that acknowledged it
 * ├─ synced_at   INTEGER                        epoch ms the final answer was stored
 * └─ attempts    INTEGER NOT NULL DEFAULT 0     batches it was sent in
 * index operations_unsynced (tenant, seq) WHERE state IN ('PENDING','SYNCING')   the uploader's queue per tenant
 * index operations_synced   (synced_at)   WHERE state IN ('APPLIED','DUPLICATE','REJECTED')   retention
 * outbox_meta (key TEXT PRIMARY KEY, value INTEGER)    'seq_high_water': highest seq ever, kept when rows are pruned
 * </pre>
 * The same opId with the same body is recognised by comparing the canonical JSON, which is the same relation as
 * comparing {@link OperationJson#fingerprint} (the SHA-256 of exactly these bytes).
 *
 * <p><b>Commit point.</b> {@code COMMIT} in {@code GroupCommitWriter.runGroup}: the writer thread takes every append
 * queued (up to {@code groupCommitMaxBatch} operations), runs {@code BEGIN IMMEDIATE}, one INSERT per operation,
 * {@code COMMIT}, and only then hands the answers to its acknowledgement thread, which completes the futures in
 * commit order. State changes by the uploader and pruning go through the same writer and queue.
 *
 * <p><b>Crash argument.</b> With WAL and {@code synchronous=FULL}, SQLite appends the group's pages and a commit
 * frame to the WAL and fsyncs it before COMMIT returns. (1) A crash before that fsync completes: on reopen, SQLite
 * ignores WAL frames after the last valid commit frame, so the group is absent, and no caller of that group was
 * answered. (2) A crash after it: the commit frame is on disk, so every row of the group is there on reopen, with
 * or without a checkpoint. (3) A crash between COMMIT and the answer: the rows are there and the device never got
 * its 202; it posts again and gets EXISTING, not a second row (op_id is UNIQUE). A file lock
 * ({@code outbox.db.lock}) keeps a second gateway process off the same file, because seq is assigned in memory.
 */
public final class Outbox implements AutoCloseable {
    /** At most this many operations in one append (the gateway's request bound is lower). */
    public static final int MAX_APPEND = 1000;

    private final Path file;
    private final DiskGuard guard;
    private final Clock clock;
    private final ProcessLock lock;
    private final Connection writeConnection;
    private final Connection readConnection;
    private final OutboxTables writeTables;
    private final OutboxTables readTables;
    private final GroupCommitWriter writer;
    private final AtomicLong unsynced = new AtomicLong();
    private final AtomicLong acceptedTotal = new AtomicLong();
    private final AtomicBoolean acceptedSinceSignal = new AtomicBoolean();
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final AppendTask.SeqCounter nextSeq;

    private Outbox(Path file, DiskGuard guard, SyncOptions options) throws IOException {
        this.file = file;
        this.guard = guard;
        this.clock = options.clock();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        this.lock = ProcessLock.acquire(dir.resolve(file.getFileName() + ".lock"), "outbox " + file);
        Connection w = null;
        Connection r = null;
        try {
            w = SqliteFiles.open(file, SQLiteConfig.SynchronousMode.FULL);
            OutboxTables.createSchema(w);
            r = SqliteFiles.open(file, SQLiteConfig.SynchronousMode.FULL);
            this.writeConnection = w;
            this.readConnection = r;
            this.writeTables = new OutboxTables(w);
            this.readTables = new OutboxTables(r);
            this.nextSeq = new AppendTask.SeqCounter(writeTables.nextSeq()); // the writer thread's from here on
            this.unsynced.set(writeTables.countUnsynced());
            this.writer = new GroupCommitWriter("outbox writer", w, options.groupCommitMaxBatch(),
                    options.groupCommitMaxWait(), options.writeQueueCapacity(), options.writeQueueTimeout(),
                    e -> SqliteFiles.ioError("write the outbox", file, e, guard.freeBytes()),
                    this::signalAppended);
        } catch (SQLException e) {
            closeAfterFailedOpen(r, w, lock);
            throw SqliteFiles.ioError("open the outbox", file, e, guard.freeBytes());
        } catch (IOException | RuntimeException e) {
            closeAfterFailedOpen(r, w, lock);
            throw e;
        }
    }

    private static void closeAfterFailedOpen(Connection r, Connection w, ProcessLock lock) {
        SqliteFiles.closeQuietly(r);
        SqliteFiles.closeQuietly(w);
        lock.close();
    }

    /** Opens (or creates) the outbox at {@code file} with default options. */
    public static Outbox open(Path file, DiskGuard guard) throws IOException {
        return open(file, guard, SyncOptions.defaults());
    }

    /** Opens (or creates) the outbox at {@code file}; uses the group-commit, queue and clock options. */
    public static Outbox open(Path file, DiskGuard guard, SyncOptions options) throws IOException {
        return new Outbox(Objects.requireNonNull(file, "file"), Objects.requireNonNull(guard, "guard"),
                Objects.requireNonNull(options, "options"));
    }

    public Path file() {
        return file;
    }

    /**
     * Appends operations posted by {@code deviceId}; the future completes after COMMIT with one result per
     * operation in order, or fails with {@link DiskFullException} (disk guard, SQLITE_FULL) or another IOException.
     * Operations need an opId and a tenant (validate them first); otherwise this throws IllegalArgumentException.
     */
    public CompletableFuture<List<AppendResult>> append(List<Operation> ops, String deviceId) {
        Objects.requireNonNull(ops, "ops");
        if (ops.size() > MAX_APPEND) {
            throw new IllegalArgumentException("append of " + ops.size() + " operations exceeds " + MAX_APPEND);
        }
        List<String> jsons = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Operation op = Objects.requireNonNull(ops.get(i), "ops[" + i + "]");
            if (op.opId() == null || op.opId().isEmpty() || op.tenant() == null || op.tenant().isEmpty()) {
                throw new IllegalArgumentException("ops[" + i + "] needs an opId and a tenant to be stored, was "
                        + "opId=" + op.opId() + ", tenant=" + op.tenant());
            }
            jsons.add(OperationJson.write(op)); // on the caller's thread: the writer only inserts
        }
        if (jsons.isEmpty()) {
            return CompletableFuture.completedFuture(Collections.emptyList());
        }
        AppendTask task = new AppendTask(new ArrayList<>(ops), jsons, deviceId, writeTables, nextSeq, clock,
                this::accepted);
        try {
            guard.check();
            writer.submit(task);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return task.future();
    }

    /** Appends one operation; see {@link #append(List, String)}. */
    public CompletableFuture<AppendResult> append(Operation op, String deviceId) {
        return append(Collections.singletonList(op), deviceId).thenApply(r -> r.get(0));
    }

    /** The stored row for {@code opId}, if any. */
    public Optional<StoredOperation> find(String opId) {
        synchronized (readConnection) {
            try {
                return Optional.ofNullable(readTables.findByOpId(opId));
            } catch (SQLException e) {
                throw unchecked("read operation " + opId, e);
            }
        }
    }

    /** Tenants with unsynced (PENDING or SYNCING) operations, by name. */
    public List<String> unsyncedTenants() {
        List<String> tenants = new ArrayList<>();
        synchronized (readConnection) {
            try {
                for (String t = readTables.nextUnsyncedTenant(""); t != null; t = readTables.nextUnsyncedTenant(t)) {
                    tenants.add(t);
                }
            } catch (SQLException e) {
                throw unchecked("list tenants with unsynced operations", e);
            }
        }
        return tenants;
    }

    /**
     * The next batch of a tenant: its first unsynced operations in ack order, at most {@code maxOps} and at most
     * {@code maxBytes} of canonical JSON (always at least one operation when any is unsynced).
     */
    public List<StoredOperation> nextBatch(String tenant, int maxOps, long maxBytes) {
        List<StoredOperation> rows;
        synchronized (readConnection) {
            try {
                rows = readTables.unsynced(tenant, maxOps);
            } catch (SQLException e) {
                throw unchecked("read the next batch of tenant " + tenant, e);
            }
        }
        long bytes = 0;
        for (int i = 0; i < rows.size(); i++) {
            bytes += rows.get(i).json().getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > maxBytes && i > 0) {
                return new ArrayList<>(rows.subList(0, i));
            }
        }
        return rows;
    }

    /** Marks a batch (from {@link #nextBatch}) SYNCING before it is sent. */
    public CompletableFuture<Integer> markSyncing(List<StoredOperation> batch) {
        return setState(batch, OpState.SYNCING);
    }

    /** Puts a batch whose sending failed back to PENDING. */
    public CompletableFuture<Integer> release(List<StoredOperation> batch) {
        return setState(batch, OpState.PENDING);
    }

    private CompletableFuture<Integer> setState(List<StoredOperation> batch, OpState state) {
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        String tenant = batch.get(0).tenant();
        long from = batch.get(0).seq();
        long to = batch.get(batch.size() - 1).seq();
        return submit(new SqlTask<Integer>() {
            @Override
            protected Integer execute(Connection c) throws SQLException {
                return writeTables.setUnsyncedState(tenant, from, to, state);
            }
        });
    }

    /**
     * Stores the core's answers: {@code results.get(i)} answers {@code ops.get(i)}. A final answer (APPLIED,
     * DUPLICATE, REJECTED) is stored once; RETRY puts the operation back to PENDING. Completes with the rows that
     * became final now, in order, after COMMIT.
     */
    public CompletableFuture<List<StoredOperation>> recordResults(List<StoredOperation> ops,
            List<OperationResult> results) {
        if (ops.size() != results.size()) {
            throw new IllegalArgumentException(ops.size() + " operations but " + results.size() + " results");
        }
        return submit(new SqlTask<List<StoredOperation>>() {
            @Override
            protected int weight() {
                return ops.size();
            }

            @Override
            protected List<StoredOperation> execute(Connection c) throws SQLException {
                Instant now = clock.instant();
                List<StoredOperation> done = new ArrayList<>();
                for (int i = 0; i < ops.size(); i++) {
                    StoredOperation op = ops.get(i);
                    OperationResult r = results.get(i);
                    if (r.status() == ResultStatus.RETRY) {
                        writeTables.setUnsyncedState(op.tenant(), op.seq(), op.seq(), OpState.PENDING);
                    } else if (writeTables.finish(op.seq(), OpState.of(r.status()), r, now.toEpochMilli()) == 1) {
                        done.add(op.withResult(OpState.of(r.status()), r, now));
                    }
                }
                return done;
            }

            @Override
            protected void committed(List<StoredOperation> done) {
                unsynced.addAndGet(-done.size());
            }
        });
    }

    /**
     * Deletes synced operations (APPLIED, DUPLICATE, REJECTED) answered more than {@code olderThan} ago, in chunks
     * so appends go on meanwhile; unsynced operations are never pruned. Returns how many rows were deleted.
     */
    public int prune(Duration olderThan) throws IOException {
        long cutoff = clock.millis() - olderThan.toMillis();
        int total = 0;
        while (true) {
            int deleted = Waits.await(submit(new SqlTask<Integer>() {
                @Override
                protected Integer execute(Connection c) throws SQLException {
                    return writeTables.pruneSynced(cutoff, 5_000);
                }
            }), "prune synced operations");
            total += deleted;
            if (deleted < 5_000) {
                return total;
            }
        }
    }

    /** Counters for health and metrics; cheap (no table scan). */
    public OutboxStats stats() {
        long oldest = -1;
        synchronized (readConnection) {
            try {
                for (String t = readTables.nextUnsyncedTenant(""); t != null; t = readTables.nextUnsyncedTenant(t)) {
                    long at = readTables.oldestUnsyncedAcceptedAt(t);
                    if (at >= 0 && (oldest < 0 || at < oldest)) {
                        oldest = at;
                    }
                }
            } catch (SQLException e) {
                throw unchecked("read outbox statistics", e);
            }
        }
        return new OutboxStats(unsynced.get(), oldest < 0 ? null : Instant.ofEpochMilli(oldest),
                acceptedTotal.get(), writer.commits(), writer.queued(), guard.freeBytes());
    }

    /** Runs {@code listener} (on the writer's acknowledgement thread, briefly) after new operations commit. */
    public void addAppendListener(Runnable listener) {
        appendListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeAppendListener(Runnable listener) {
        appendListeners.remove(listener);
    }

    /** New rows committed (writer thread, right after COMMIT). */
    private void accepted(int n) {
        unsynced.addAndGet(n);
        acceptedTotal.addAndGet(n);
        acceptedSinceSignal.set(true);
    }

    private void signalAppended() {
        if (acceptedSinceSignal.getAndSet(false)) {
            for (Runnable l : appendListeners) {
                l.run();
            }
        }
    }

    private <T> CompletableFuture<T> submit(SqlTask<T> task) {
        try {
            writer.submit(task);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return task.future();
    }

    private UncheckedIOException unchecked(String what, SQLException e) {
        return new UncheckedIOException(SqliteFiles.ioError(what, file, e, guard.freeBytes()));
    }

    /** Answers every queued write, then closes the file and releases its lock. */
    @Override
    public void close() {
        writer.close();
        writeTables.close();
        synchronized (readConnection) {
            readTables.close();
        }
        SqliteFiles.closeQuietly(readConnection);
        SqliteFiles.closeQuietly(writeConnection);
        lock.close();
    }
}
