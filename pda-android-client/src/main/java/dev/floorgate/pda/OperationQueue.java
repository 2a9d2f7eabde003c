package dev.floorgate.pda;

import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.lan.OperationRejection;
import dev.floorgate.lan.OperationStatus;
import dev.floorgate.lan.SubmitResult;
import dev.floorgate.pda.internal.ResultTracker;
import dev.floorgate.pda.internal.SendLoop;
import dev.floorgate.protocol.Backoff;
import dev.floorgate.protocol.MalformedJsonException;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationJson;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.OperationValidator;
import dev.floorgate.protocol.ResultStatus;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The PDA's outbox: operations are stored durably on the device ({@link QueueStorage}) before
 * {@link #enqueue} returns, then sent to the gateway in order, in batches, each with its own opId, until the
 * gateway has answered for every one of them. Only then are they removed. A send that fails (Wi-Fi gone, 503,
 * 507 disk full) leaves them queued, and the next send carries the same opIds: the gateway deduplicates, so a
 * resend after a lost 202 is harmless. Rejections (422) are final: they leave the queue and go to
 * {@link QueueListener#onRejected}. The core's results come later through the event stream
 * ({@link #resultListener()}) or polling ({@link #pollResults()}) and go to {@link QueueListener#onResult}.
 *
 * <p>Sending runs on the caller's thread with {@link #flush()}, or on the queue's own thread after
 * {@link #start()}, which flushes whenever something is enqueued and retries with exponential backoff.
 * One send at a time; enqueueing is never blocked by a send in progress. Thread-safe.
 *
 * <p>A gateway that refuses a whole batch (400, 403, 413, or a 422 that does not name every operation) gets the
 * batch again one operation at a time, so the refusal lands on the operation it concerns and the others go on.
 */
public final class OperationQueue implements Closeable {
    private static final Logger LOG = Logger.getLogger(OperationQueue.class.getName());

    /** Batching, retry and memory bounds; immutable, start from {@link #defaults()}. */
    public static final class Options {
        final int batchSize;
        final int maxBatchBytes;
        final long retryInitialMillis;
        final long retryMaxMillis;
        final int maxTrackedResults;
        final long resultPollMillis;
        final String deviceId;

        private Options(int batchSize, int maxBatchBytes, long retryInitialMillis, long retryMaxMillis,
                int maxTrackedResults, long resultPollMillis, String deviceId) {
            if (batchSize < 1 || batchSize > 1000 || maxBatchBytes < 1 || retryInitialMillis < 1
                    || retryMaxMillis < retryInitialMillis || maxTrackedResults < 1 || resultPollMillis < 0) {
                throw new IllegalArgumentException("operation queue options out of range: batchSize " + batchSize
                        + " (1..1000), maxBatchBytes " + maxBatchBytes + ", retry " + retryInitialMillis + ".."
                        + retryMaxMillis + " ms, maxTrackedResults " + maxTrackedResults + ", resultPoll "
                        + resultPollMillis + " ms");
            }
            this.batchSize = batchSize;
            this.maxBatchBytes = maxBatchBytes;
            this.retryInitialMillis = retryInitialMillis;
            this.retryMaxMillis = retryMaxMillis;
            this.maxTrackedResults = maxTrackedResults;
            this.resultPollMillis = resultPollMillis;
            this.deviceId = deviceId;
        }

        /**
         * 100 operations or 512 KiB per request; retries from 500 ms doubling to 30 s; results of up to 10,000
         * accepted operations awaited; no polling (results come from the event stream); no device id.
         */
        public static Options defaults() {
            return new Options(100, 512 * 1024, 500, 30_000, 10_000, 0, null);
        }

        public Options batch(int operations, int bytes) {
            return new Options(operations, bytes, retryInitialMillis, retryMaxMillis, maxTrackedResults,
                    resultPollMillis, deviceId);
        }

        public Options retryMillis(long initial, long max) {
            return new Options(batchSize, maxBatchBytes, initial, max, maxTrackedResults, resultPollMillis,
                    deviceId);
        }

        public Options maxTrackedResults(int operations) {
            return new Options(batchSize, maxBatchBytes, retryInitialMillis, retryMaxMillis, operations,
                    resultPollMillis, deviceId);
        }

        /** With {@link #start()}, also polls {@code GET /api/v1/operations/{opId}} this often (0: never). */
        public Options resultPollMillis(long millis) {
            return new Options(batchSize, maxBatchBytes, retryInitialMillis, retryMaxMillis, maxTrackedResults,
                    millis, deviceId);
        }

        /**
         * This device's id: results of its operations are reported even when this queue did not send them (an
         * app restart between the 202 and the result).
         */
        public Options deviceId(String id) {
            return new Options(batchSize, maxBatchBytes, retryInitialMillis, retryMaxMillis, maxTrackedResults,
                    resultPollMillis, id);
        }
    }

    private final QueueStorage storage;
    private final Options options;
    private final List<QueueListener> listeners = new CopyOnWriteArrayList<>();
    private final ResultTracker tracker;
    private final Object storageLock = new Object();
    private final Object sendLock = new Object();
    private volatile GatewayClient client;
    private volatile boolean closed;
    private volatile SendLoop sender;

    public OperationQueue(QueueStorage storage, GatewayClient client) {
        this(storage, client, Options.defaults());
    }

    public OperationQueue(QueueStorage storage, GatewayClient client, QueueListener listener) {
        this(storage, client, Options.defaults());
        addListener(listener);
    }

    public OperationQueue(QueueStorage storage, GatewayClient client, Options options) {
        this.storage = storage;
        this.client = client;
        this.options = options;
        this.tracker = new ResultTracker(options.maxTrackedResults, 4 * options.maxTrackedResults, options.deviceId);
    }

    public void addListener(QueueListener listener) {
        listeners.add(listener);
    }

    public void removeListener(QueueListener listener) {
        listeners.remove(listener);
    }

    /** Sends with another client from now on (after the device enrolled again and got a new token). */
    public void useClient(GatewayClient newClient) {
        this.client = newClient;
        wakeUp();
    }

    /**
     * Stores {@code op} durably; it is sent with the next flush. Call it off the Android main thread (it syncs
     * the file).
     *
     * @throws dev.floorgate.protocol.InvalidOperationException when {@code op} is invalid (it would never be
     *     accepted, so it is refused here, where the picker still sees it)
     * @throws IOException when the storage cannot take it (file full, disk error); the operation is then most
     *     likely not queued, and enqueueing it again is harmless either way: same opId, deduplicated
     */
    public void enqueue(Operation op) throws IOException {
        OperationValidator.requireValid(op);
        byte[] entry = OperationJson.writeBytes(op);
        synchronized (storageLock) {
            checkOpen();
            storage.append(entry);
        }
        SendLoop s = sender;
        if (s != null) {
            s.workArrived();
        }
    }

    /** Operations stored and not yet answered by the gateway. */
    public int size() throws IOException {
        synchronized (storageLock) {
            checkOpen();
            return storage.size();
        }
    }

    /** Accepted operations whose core result has not been reported yet. */
    public int awaitingResults() {
        return tracker.awaitingCount();
    }

    /**
     * Sends everything queued, in order, until the queue is empty, and returns how many operations the gateway
     * answered for (accepted or rejected). A failure that retrying can cure throws and leaves the rest queued.
     */
    public int flush() throws IOException {
        synchronized (sendLock) {
            int answered = 0;
            int singles = 0; // after a refusal of a whole batch: operations still to send one at a time
            while (!closed) {
                List<byte[]> entries;
                synchronized (storageLock) {
                    checkOpen();
                    entries = storage.peek(singles > 0 ? 1 : options.batchSize);
                }
                if (entries.isEmpty()) {
                    return answered;
                }
                List<Operation> batch = decode(entries);
                if (batch.isEmpty()) { // the head entry is unreadable: it can never be sent
                    answered++;
                    continue;
                }
                int sent = send(batch);
                if (sent == 0) {
                    singles = batch.size();
                } else {
                    answered += sent;
                    singles = Math.max(0, singles - sent);
                }
            }
            return answered;
        }
    }

    /** Sends one batch; returns how many operations left the queue, 0 when the batch must go one by one. */
    private int send(List<Operation> batch) throws IOException {
        List<String> ids = new ArrayList<>(batch.size());
        for (Operation op : batch) {
            ids.add(op.opId());
        }
        tracker.sending(ids);
        SubmitResult result;
        try {
            result = client.submit(batch);
        } catch (GatewayException e) {
            if (!refusesTheOperations(e.status())) {
                throw e; // unreachable, overloaded, disk full, token revoked: the operations stay, same opIds
            }
            if (batch.size() > 1) {
                return 0;
            }
            String message = e.gatewayMessage() != null ? e.gatewayMessage() : e.getMessage();
            finish(batch, new HashSet<String>(), new SubmitResult(e.code(), message, new ArrayList<String>(),
                    singleRejection(batch.get(0).opId(), e.code(), message)));
            return 1;
        }
        Set<String> accepted = new HashSet<>(result.accepted());
        if (result.status() != 422) {
            accepted.addAll(ids); // 202: every operation of the request is durable at the gateway
        }
        for (String id : ids) {
            if (!accepted.contains(id) && result.rejectionOf(id) == null) {
                if (batch.size() > 1) {
                    return 0; // a 422 that does not account for every operation: ask again one at a time
                }
                result = new SubmitResult(result.error() != null ? result.error() : "HTTP_422", result.message(),
                        result.accepted(), singleRejection(id,
                        "INVALID", result.message() != null ? result.message()
                                : "the gateway refused the operation (422) without naming it"));
            }
        }
        finish(batch, accepted, result);
        return batch.size();
    }

    /** Removes an answered batch from storage, then tells the listeners, in queue order. */
    private void finish(List<Operation> batch, Set<String> accepted, SubmitResult result) throws IOException {
        synchronized (storageLock) {
            checkOpen();
            storage.remove(batch.size());
        }
        for (Operation op : batch) {
            String id = op.opId();
            if (accepted.contains(id)) {
                for (QueueListener l : listeners) {
                    safely(l, () -> l.onAccepted(id));
                }
                OperationResult early = tracker.accepted(id);
                if (early != null) {
                    report(early);
                }
            } else {
                OperationRejection r = result.rejectionOf(id);
                tracker.rejected(id);
                for (QueueListener l : listeners) {
                    safely(l, () -> l.onRejected(id, r.code(), r.message()));
                }
            }
        }
    }

    /** Statuses with which the gateway refuses the operations themselves, not the moment. */
    private static boolean refusesTheOperations(int status) {
        return status == 400 || status == 403 || status == 409 || status == 413 || status == 422;
    }

    private static List<OperationRejection> singleRejection(String opId, String code, String message) {
        List<OperationRejection> one = new ArrayList<>(1);
        one.add(new OperationRejection(opId, code, message, new ArrayList<>()));
        return one;
    }

    /**
     * The stored operations at the head, up to the batch byte bound (at least one). An unreadable head entry
     * (damaged by something other than this queue) is removed and reported as rejected; an empty list is
     * returned then.
     */
    private List<Operation> decode(List<byte[]> entries) throws IOException {
        List<Operation> ops = new ArrayList<>(entries.size());
        long bytes = 0;
        for (byte[] entry : entries) {
            if (!ops.isEmpty() && bytes + entry.length > options.maxBatchBytes) {
                break;
            }
            Operation op;
            try {
                op = OperationJson.readOperation(new String(entry, StandardCharsets.UTF_8));
            } catch (MalformedJsonException e) {
                if (ops.isEmpty()) {
                    dropUnreadableHead(e);
                }
                break;
            }
            ops.add(op);
            bytes += entry.length;
        }
        return ops;
    }

    private void dropUnreadableHead(MalformedJsonException e) throws IOException {
        synchronized (storageLock) {
            storage.remove(1);
        }
        LOG.log(Level.SEVERE, "dropped an unreadable queue entry (not an operation's JSON)", e);
        for (QueueListener l : listeners) {
            safely(l, () -> l.onRejected(null, "UNREADABLE_ENTRY", e.getMessage()));
        }
    }

    // ------------------------------------------------------------------------------------------ results

    /** A listener to pass to {@link GatewayClient#events}: it feeds the core's results into this queue. */
    public EventListener resultListener() {
        return this::offerEvent;
    }

    /** Reports the result an {@code op.result}/{@code op.rejected} event carries, when it is one of ours. */
    public void offerEvent(GatewayEvent event) {
        OperationResult r = event.operationResult();
        if (r != null && r.status().isFinal() && tracker.offer(r, event.deviceId())) {
            report(r);
        }
    }

    /**
     * Asks the gateway for the state of up to 100 accepted operations still waiting for a result and reports
     * the final ones; returns how many were reported.
     */
    public int pollResults() throws IOException {
        int reported = 0;
        for (String opId : tracker.pollable(100)) {
            OperationStatus status;
            try {
                status = client.status(opId);
            } catch (GatewayException e) {
                if (e.status() == 404) {
                    continue; // not (yet) visible at this gateway; asked again next time
                }
                throw e;
            }
            if (status.isFinal() && status.result() != null && tracker.offer(status.result(), null)) {
                report(status.result());
                reported++;
            }
        }
        return reported;
    }

    private void report(OperationResult r) {
        boolean rejected = r.status() == ResultStatus.REJECTED || (r.status() == ResultStatus.DUPLICATE
                && r.code() != null && !ResultStatus.APPLIED.name().equals(r.code())
                && !ResultStatus.DUPLICATE.name().equals(r.code()));
        for (QueueListener l : listeners) {
            safely(l, () -> l.onResult(r));
            if (rejected) {
                safely(l, () -> l.onRejected(r.opId(), r.code(), r.message()));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ sender thread

    /** Starts the queue's own sending thread (a daemon): it flushes on every enqueue and retries with backoff. */
    public synchronized void start() {
        checkOpen();
        if (sender != null) {
            throw new IllegalStateException("operation queue already started");
        }
        long idle = options.resultPollMillis > 0 ? options.resultPollMillis : 60_000;
        sender = new SendLoop("fg-op-queue", idle, new Backoff(options.retryInitialMillis, options.retryMaxMillis),
                new SendLoop.Work() {
                    private long nextPoll = System.nanoTime();

                    @Override
                    public void run() throws IOException {
                        flush();
                        if (options.resultPollMillis > 0 && System.nanoTime() - nextPoll >= 0) {
                            pollResults();
                            nextPoll = System.nanoTime() + options.resultPollMillis * 1_000_000L;
                        }
                    }

                    @Override
                    public long failed(IOException cause, Backoff backoff) {
                        // a revoked token needs a person (enroll again): no point in asking often
                        long delay = cause instanceof GatewayException && ((GatewayException) cause).status() == 401
                                ? options.retryMaxMillis : backoff.next();
                        int pending = pendingOrMinusOne();
                        for (QueueListener l : listeners) {
                            safely(l, () -> l.onSendFailure(cause, pending, delay));
                        }
                        return delay;
                    }
                });
        sender.start();
    }

    /** Ends a retry wait of the sending thread now (e.g. when Android reports the Wi-Fi is back). */
    public void wakeUp() {
        SendLoop s = sender;
        if (s != null) {
            s.wakeUp();
        }
    }

    private int pendingOrMinusOne() {
        try {
            return size();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Stops the sending thread (waiting up to 5 s for a send in progress) and closes the storage. */
    @Override
    public void close() throws IOException {
        SendLoop s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            s = sender;
        }
        if (s != null) {
            s.stop(5_000);
        }
        synchronized (storageLock) {
            storage.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("operation queue is closed");
        }
    }

    private void safely(QueueListener l, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "queue listener " + l + " threw; the queue goes on", e);
        }
    }
}
