package dev.floorgate.sync;

import dev.floorgate.protocol.Backoff;
import dev.floorgate.protocol.BatchRequest;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import dev.floorgate.sync.internal.BatchBody;
import dev.floorgate.sync.internal.UploadCounters;
import dev.floorgate.sync.internal.Waits;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's upload queue: sends the tenant's next batch in ack order and stores what the core answered. The
 * uploader runs at most one {@link #runOnce} per lane at a time, which is what keeps one batch in flight per tenant
 * and the core's apply order equal to the ack order. Nothing here drops an operation: every path either stores a
 * final answer or leaves the operation unsynced and sets when the next attempt may start ({@link #waitNanos}).
 * The uploader's dispatcher claims a lane ({@link #tryClaim}) before handing it to a worker, which releases it
 * ({@link #finished}) when its round is over.
 *
 * <p>Draining a backlog (issue 14): while a batch is in flight, the next one is read from the outbox, marked
 * SYNCING and serialised on the prepare executor, so the next request leaves as soon as the answer is stored. It is
 * still sent only after the previous answer is stored, so one batch is in flight per tenant and the apply order is
 * the ack order. A round sends up to {@value #MAX_BATCHES_PER_ROUND} batches, then gives the worker back so other
 * tenants get their turn; the prepared batch waits in the lane for its next round. Any answer other than a clean
 * RESULTS drops the prepared batch (its rows go back to PENDING and are read again from the first unsynced one). A
 * batch sent while more operations wait behind it carries {@code X-FG-Lane: bulk}.
 */
final class TenantLane {
    private static final Logger log = LoggerFactory.getLogger(TenantLane.class);

    private final String tenant;
    private final Outbox outbox;
    private final CoreClient client;
    private final SyncListener listener;
    private final UploadCounters counters;
    private final String gatewayId;
    private final Clock clock;
    private final Backoff backoff;
    private final long maxBatchBytes;
    private final Executor prepareExecutor;
    private int batchSize;
    /** The next batch, read and marked SYNCING during the last round; lane worker only (rounds are serial). */
    private Prepared prepared;
    private static final int MAX_BATCHES_PER_ROUND = 16;
    /** Set while a runOnce is scheduled or running. */
    private final AtomicBoolean busy = new AtomicBoolean();
    /** System.nanoTime() before which the lane must not send (backoff); written by the lane's worker only. */
    private volatile long notBeforeNanos;

    TenantLane(String tenant, Outbox outbox, CoreClient client, SyncListener listener, UploadCounters counters,
            SyncOptions options) {
        this(tenant, outbox, client, listener, counters, options, null);
    }

    /** @param prepareExecutor where the next batch is prepared while one is in flight; null: no preparing ahead */
    TenantLane(String tenant, Outbox outbox, CoreClient client, SyncListener listener, UploadCounters counters,
            SyncOptions options, Executor prepareExecutor) {
        this.prepareExecutor = prepareExecutor;
        this.tenant = tenant;
        this.outbox = outbox;
        this.client = client;
        this.listener = listener;
        this.counters = counters;
        this.gatewayId = options.gatewayId();
        this.clock = options.clock();
        this.backoff = Backoff.between(options.backoffMin(), options.backoffMax());
        this.batchSize = options.batchSize();
        this.maxBatchBytes = BatchRequest.MAX_BYTES - BatchBody.envelopeBytes(gatewayId);
        this.notBeforeNanos = System.nanoTime();
    }

    String tenant() {
        return tenant;
    }

    /** Whether a round is scheduled or running now. */
    boolean busy() {
        return busy.get();
    }

    /** How long (ns) from {@code nowNanos} until the lane may send again; zero or less: now. */
    long waitNanos(long nowNanos) {
        return notBeforeNanos - nowNanos;
    }

    /** Claims the lane for one round; false when a round is already scheduled or running. */
    boolean tryClaim() {
        return busy.compareAndSet(false, true);
    }

    /** Ends the round claimed by {@link #tryClaim}. */
    void finished() {
        busy.set(false);
    }

    /** A batch read, marked SYNCING and serialised, ready to send. */
    private static final class Prepared {
        final List<StoredOperation> ops;
        final byte[] body;
        final boolean more;

        Prepared(List<StoredOperation> ops, byte[] body, boolean more) {
            this.ops = ops;
            this.body = body;
            this.more = more;
        }

        long lastSeq() {
            return ops.get(ops.size() - 1).seq();
        }
    }

    /** Sends the next batch (and, draining a backlog, up to {@value #MAX_BATCHES_PER_ROUND}); never throws. */
    void runOnce() {
        List<StoredOperation> batch = List.of();
        CompletableFuture<Prepared> next = null;
        Prepared current = prepared;
        prepared = null;
        try {
            for (int round = 0; round < MAX_BATCHES_PER_ROUND; round++) {
                if (current == null) {
                    current = prepare(-1);
                }
                batch = current.ops;
                if (batch.isEmpty()) {
                    return;
                }
                long after = current.lastSeq();
                next = prepareExecutor != null && current.more
                        ? CompletableFuture.supplyAsync(() -> prepareUnchecked(after), prepareExecutor) : null;
                BatchOutcome outcome = client.postBatchBody(current.body, current.more);
                boolean clean;
                if (outcome.kind() == BatchOutcome.Kind.RESULTS) {
                    clean = store(batch, outcome);
                } else if (outcome.kind() == BatchOutcome.Kind.BAD_REQUEST) {
                    isolate(batch, outcome);
                    clean = false; // read again from the first unsynced operation
                } else {
                    release(batch);
                    failed(outcome, batch.size());
                    clean = false;
                }
                batch = List.of();
                if (!clean || next == null) {
                    return;
                }
                current = Waits.await(next, "prepare the next batch of tenant " + tenant);
                next = null;
            }
            prepared = current; // sent in the next round, after other tenants had their turn
        } catch (IOException | RuntimeException e) {
            release(batch);
            backOff(null, "sending " + batch.size() + " operations of tenant " + tenant + " failed: "
                    + e.getMessage(), e instanceof RuntimeException ? e : null);
        } finally {
            if (next != null) {
                next.thenAccept(p -> release(p.ops)); // dropped: back to PENDING, read again in order
            }
        }
    }

    /** Reads the batch after {@code afterSeq} (-1: the first), marks it SYNCING and builds its body. */
    private Prepared prepare(long afterSeq) throws IOException {
        Outbox.NextBatch read = outbox.nextBatchAfter(tenant, afterSeq, batchSize, maxBatchBytes);
        if (read.ops.isEmpty()) {
            return new Prepared(read.ops, new byte[0], false);
        }
        Waits.await(outbox.markSyncing(read.ops), "mark a batch of tenant " + tenant + " SYNCING");
        return new Prepared(read.ops, BatchBody.of(gatewayId, read.ops), read.more);
    }

    private Prepared prepareUnchecked(long afterSeq) {
        try {
            return prepare(afterSeq);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
    }

    /** Stores a RESULTS outcome; an operation without a result, or with RETRY, stays pending. */
    private boolean store(List<StoredOperation> batch, BatchOutcome outcome) throws IOException {
        Map<String, OperationResult> byOpId = new HashMap<>();
        for (OperationResult r : outcome.results()) {
            byOpId.put(r.opId(), r);
        }
        List<OperationResult> results = new ArrayList<>(batch.size());
        int retry = 0;
        for (StoredOperation op : batch) {
            OperationResult r = byOpId.get(op.opId());
            if (r == null) {
                r = OperationResult.retry(op.opId(), "the core's answer had no result for this operation");
            }
            if (r.status() == ResultStatus.RETRY) {
                retry++;
            }
            results.add(r);
        }
        List<StoredOperation> done = Waits.await(outbox.recordResults(batch, results),
                "store the core's answers for tenant " + tenant);
        counters.batchAnswered(clock.instant());
        counters.finished(done, clock.instant());
        for (StoredOperation op : done) {
            notifyListener(op);
        }
        if (retry > 0) {
            backOff(null, "core answered RETRY (or nothing) for " + retry + " of " + batch.size()
                    + " operations of tenant " + tenant, null);
            return false;
        }
        backoff.reset();
        notBeforeNanos = System.nanoTime();
        return true;
    }

    /**
     * The core could not read the batch (400): send its operations one by one, in order, so the poison operation
     * is found and REJECTED locally with the core's message while the others go through.
     */
    private void isolate(List<StoredOperation> batch, BatchOutcome whole) throws IOException {
        log.warn("core refused a batch of {} operations of tenant {} with {}; sending them one by one to find the "
                + "operation it cannot read", batch.size(), tenant, whole);
        for (StoredOperation op : batch) {
            BatchOutcome one = client.postBatchBody(BatchBody.of(gatewayId, List.of(op)));
            if (one.kind() == BatchOutcome.Kind.RESULTS) {
                if (!store(List.of(op), one)) {
                    release(batch);
                    return;
                }
            } else if (one.kind() == BatchOutcome.Kind.BAD_REQUEST) {
                String code = one.errorCode() != null ? one.errorCode() : ResultCodes.MALFORMED_JSON;
                String message = "the core cannot read this operation (HTTP 400 " + code + ")"
                        + (one.message() == null ? "" : ": " + one.message());
                log.error("tenant {}: operation {} (seq {}) REJECTED locally: {}", tenant, op.opId(), op.seq(),
                        message);
                List<StoredOperation> done = Waits.await(outbox.recordResults(List.of(op),
                        List.of(OperationResult.rejected(op.opId(), code, message))), "reject operation " + op.opId());
                counters.finished(done, clock.instant());
                done.forEach(this::notifyListener);
            } else {
                release(batch); // only the rows still unsynced go back to PENDING
                failed(one, 1);
                return;
            }
        }
        backoff.reset();
        notBeforeNanos = System.nanoTime();
    }

    private void failed(BatchOutcome outcome, int ops) {
        String what = "core answered " + outcome + " to a batch of " + ops + " operations of tenant " + tenant;
        switch (outcome.kind()) {
            case NOT_AUTHORIZED: {
                long delay = delay(outcome, what);
                log.error("{}. The gateway's key is refused: check fg.core.key-id / fg.core.secret, the tenants "
                        + "bound to the key at the core, and this machine's clock. Nothing is dropped; retry in {} "
                        + "ms.", what, delay);
                return;
            }
            case TOO_LARGE: {
                int smaller = Math.max(1, Math.min(batchSize, ops) / 2);
                batchSize = smaller;
                long delay = delay(outcome, what);
                log.error("{}. Sending at most {} operations per batch from now on. Nothing is dropped; retry in {} "
                        + "ms.", what, smaller, delay);
                return;
            }
            default:
                backOff(outcome, what, null);
        }
    }

    private void backOff(BatchOutcome outcome, String what, Exception bug) {
        long delay = delay(outcome, what);
        if (bug != null) {
            log.error("{}; retrying in {} ms", what, delay, bug);
        } else if (backoff.failures() == 1 || backoff.failures() % 10 == 0) {
            log.warn("{}; retry {} in {} ms", what, backoff.failures(), delay);
        } else {
            log.debug("{}; retry {} in {} ms", what, backoff.failures(), delay);
        }
    }

    /** Counts a failure, records it and sets when the lane may send again; returns the wait in ms. */
    private long delay(BatchOutcome outcome, String what) {
        long delay = backoff.next(outcome == null ? null : outcome.retryAfter().orElse(null));
        notBeforeNanos = System.nanoTime() + delay * 1_000_000L;
        counters.error(what, clock.instant());
        return delay;
    }

    private void release(List<StoredOperation> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            Waits.await(outbox.release(batch), "put a batch of tenant " + tenant + " back to PENDING");
        } catch (IOException e) {
            // SYNCING rows are sent again all the same; only the state shown to devices lags
            log.warn("tenant {}: {}", tenant, e.getMessage());
        }
    }

    private void notifyListener(StoredOperation op) {
        try {
            listener.onResult(op, op.result());
        } catch (RuntimeException e) {
            log.error("sync listener failed on the result of {}", op.opId(), e);
        }
    }
}
