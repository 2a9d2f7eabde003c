package dev.floorgate.sync;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.sqlite.Durability;
import dev.floorgate.sqlite.GroupCommitWriter;
import dev.floorgate.sqlite.ReaderPool;
import dev.floorgate.sqlite.Schema;
import dev.floorgate.sqlite.SqlTask;
import dev.floorgate.sqlite.SqliteStore;
import dev.floorgate.sync.internal.AppendTask;
import dev.floorgate.sync.internal.OutboxTables;
import dev.floorgate.sync.internal.StoreErrors;
import dev.floorgate.sync.internal.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * <p><b>On disk</b> (schema version 1 in {@code PRAGMA user_version}, migrations in {@link #schema()}; files, lock and
 * pragmas as {@link SqliteStore} describes):
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
 * <p><b>Commit point.</b> {@code COMMIT} in the kit's {@link GroupCommitWriter}: the writer thread takes every
 * append queued (up to {@code groupCommitMaxBatch} operations), runs {@code BEGIN IMMEDIATE}, each append in its
 * savepoint with one INSERT per operation, {@code COMMIT}, and only then hands the answers to its acknowledgement
 * thread, which completes the futures in commit order. State changes by the uploader and pruning go through the
 * same writer and queue. Lookups run on a small {@link ReaderPool} (WAL: readers never block the writer).
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
    private static final int READERS = 2;
    private static final Schema SCHEMA = Schema.builder("outbox")
            .step(1, "operations, their two partial indexes, outbox_meta", OutboxTables::createVersion1)
            .build();

    private final Path file;
    private final DiskGuard guard;
    private final Clock clock;
    private final SqliteStore store;
    private final OutboxTables writeTables;
    private final ReaderPool<OutboxTables> readers;
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
        SqliteStore opened;
        try {
            opened = SqliteStore.open(file, "outbox", SCHEMA, Durability.FULL);
        } catch (IOException e) {
            throw StoreErrors.diskFullOr(e, "open the outbox", file, guard.freeBytes());
        }
        this.store = opened;
        OutboxTables w = new OutboxTables(store.writeConnection());
        ReaderPool<OutboxTables> r = null;
        try {
            this.nextSeq = new AppendTask.SeqCounter(w.nextSeq()); // the writer thread's from here on
            this.unsynced.set(w.countUnsynced());
            r = ReaderPool.open(file, READERS, OutboxTables::new);
            this.writer = GroupCommitWriter.builder("outbox writer", store.writeConnection())
                    .maxBatch(options.groupCommitMaxBatch()).maxWait(options.groupCommitMaxWait())
                    .capacity(options.writeQueueCapacity()).offerTimeout(options.writeQueueTimeout())
                    .errors(e -> StoreErrors.ioError("write the outbox", file, e, guard.freeBytes()))
                    .afterEachGroup(this::signalAppended).start();
        } catch (SQLException e) {
            closeAfterFailedOpen(r, w);
            throw StoreErrors.ioError("open the outbox", file, e, guard.freeBytes());
        } catch (IOException | RuntimeException e) {
            closeAfterFailedOpen(r, w);
            throw e;
        }
        this.writeTables = w;
        this.readers = r;
    }

    private void closeAfterFailedOpen(ReaderPool<OutboxTables> r, OutboxTables w) {
        if (r != null) {
            r.close();
        }
        w.close();
        store.close();
    }

    /**
     * The outbox's numbered migrations; {@code schema().migrate(connection, file)} gives any SQLite connection the
     * outbox's tables (the benchmark's raw-insert baseline uses it).
     */
    public static Schema schema() {
        return SCHEMA;
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
        return Optional.ofNullable(read("read operation " + opId, t -> t.findByOpId(opId)));
    }

    /** Tenants with unsynced (PENDING or SYNCING) operations, by name (the uploader's side). */
    List<String> unsyncedTenants() {
        return read("list tenants with unsynced operations", t -> {
            List<String> tenants = new ArrayList<>();
            for (String n = t.nextUnsyncedTenant(""); n != null; n = t.nextUnsyncedTenant(n)) {
                tenants.add(n);
            }
            return tenants;
        });
    }

    /**
     * The next batch of a tenant: its first unsynced operations in ack order, at most {@code maxOps} and at most
     * {@code maxBytes} of canonical JSON (always at least one operation when any is unsynced). The uploader's side.
     */
    List<StoredOperation> nextBatch(String tenant, int maxOps, long maxBytes) {
        List<StoredOperation> rows = read("read the next batch of tenant " + tenant, t -> t.unsynced(tenant, maxOps));
        long bytes = 0;
        for (int i = 0; i < rows.size(); i++) {
            bytes += rows.get(i).json().getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > maxBytes && i > 0) {
                return new ArrayList<>(rows.subList(0, i));
            }
        }
        return rows;
    }

    /**
     * Up to {@code maxOps} unsynced operations of a tenant after {@code afterSeq} (-1: from the first) within
     * {@code maxBytes}, plus whether more unsynced operations wait behind them (one row more is read to know).
     */
    NextBatch nextBatchAfter(String tenant, long afterSeq, int maxOps, long maxBytes) {
        List<StoredOperation> rows = read("read the next batch of tenant " + tenant + " after seq " + afterSeq,
                t -> t.unsyncedAfter(tenant, afterSeq, maxOps + 1));
        long bytes = 0;
        int n = Math.min(rows.size(), maxOps);
        for (int i = 0; i < n; i++) {
            bytes += rows.get(i).jsonBytes().length + 1;
            if (bytes > maxBytes && i > 0) {
                n = i;
                break;
            }
        }
        return new NextBatch(new ArrayList<>(rows.subList(0, n)), rows.size() > n);
    }

    /** A batch read by {@link #nextBatchAfter}; {@code more}: unsynced operations wait behind it. */
    static final class NextBatch {
        final List<StoredOperation> ops;
        final boolean more;

        NextBatch(List<StoredOperation> ops, boolean more) {
            this.ops = ops;
            this.more = more;
        }
    }

    /** Marks a batch (from {@link #nextBatch}) SYNCING before it is sent. */
    CompletableFuture<Integer> markSyncing(List<StoredOperation> batch) {
        return setState(batch, OpState.SYNCING);
    }

    /** Puts a batch whose sending failed back to PENDING. */
    CompletableFuture<Integer> release(List<StoredOperation> batch) {
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
     * became final now, in order, after COMMIT. The uploader's side.
     */
    CompletableFuture<List<StoredOperation>> recordResults(List<StoredOperation> ops,
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
        long oldest = read("read outbox statistics", t -> {
            long min = -1;
            for (String n = t.nextUnsyncedTenant(""); n != null; n = t.nextUnsyncedTenant(n)) {
                long at = t.oldestUnsyncedAcceptedAt(n);
                if (at >= 0 && (min < 0 || at < min)) {
                    min = at;
                }
            }
            return min;
        });
        return new OutboxStats(unsynced.get(), oldest < 0 ? null : Instant.ofEpochMilli(oldest),
                acceptedTotal.get(), writer.commits(), writer.queued(), guard.freeBytes());
    }

    /** Runs {@code listener} (on the writer's acknowledgement thread, briefly) after new operations commit. */
    void addAppendListener(Runnable listener) {
        appendListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeAppendListener(Runnable listener) {
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

    private <T> T read(String what, ReaderPool.Read<OutboxTables, T> read) {
        try {
            return readers.read(what, read);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers every queued write, then closes the file and releases its lock. */
    @Override
    public void close() {
        writer.close();
        writeTables.close();
        readers.close();
        store.close();
    }
}
