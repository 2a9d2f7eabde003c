package dev.floorgate.gateway.internal.print;

import dev.floorgate.gateway.internal.GatewayDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the spool's writes. Callers (API requests, station scans, one worker per printer) hand their
 * unit of work to one thread, which runs every unit waiting at that moment in one transaction on
 * {@link GatewayDatabase}, each inside its own savepoint (a unit that throws is rolled back alone and its caller gets
 * the exception), commits once, and only then answers the callers. So a caller returns exactly when its change is
 * durable, as with a transaction of its own: {@link PrintJobStore}'s commit points hold unchanged, while twenty busy
 * printers and their stations pay one fsync per batch instead of one per change, and hold the database's lock (which
 * the rest of the gateway shares) that much less often. Units run in the order they were handed in.
 */
final class SpoolCommitter implements AutoCloseable {
    /** Units per transaction at most. */
    static final int MAX_BATCH = 64;
    /** Units waiting at most; more is a sign the disk has stalled, and callers are refused. */
    static final int MAX_WAITING = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(SpoolCommitter.class);

    private final GatewayDatabase db;
    private final Duration timeout;
    private final BlockingQueue<Unit<?>> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final Thread thread;
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong units = new AtomicLong();
    private volatile boolean closed;

    private static final class Unit<T> {
        final GatewayDatabase.Work<T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;
        Throwable failure;

        Unit(GatewayDatabase.Work<T> work) {
            this.work = work;
        }

        void run(Connection c) throws SQLException {
            Savepoint sp = c.setSavepoint();
            try {
                result = work.run(c);
                c.releaseSavepoint(sp);
            } catch (SQLException | RuntimeException e) {
                c.rollback(sp);
                c.releaseSavepoint(sp);
                failure = e;
            }
        }

        void finish() {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(result);
            }
        }
    }

    /** @param timeout how long a caller waits for its commit before it is told the spool is not answering */
    SpoolCommitter(GatewayDatabase db, Duration timeout) {
        this.db = db;
        this.timeout = timeout;
        this.thread = new Thread(this::loop, "fg-print-spool-commit");
        this.thread.setDaemon(true);
    }

    /** Starts the committing thread; units handed in before wait for it. */
    void start() {
        thread.start();
    }

    /**
     * Runs {@code work} in a transaction shared with other waiting units and returns its result once that
     * transaction has committed. Exceptions thrown by the work (an GatewayProblem, say) come back as they are.
     *
     * @throws SQLException when the transaction fails, or no commit happened within the timeout. After a timeout
     *                      the change may still commit later: a job posted again with its jobId is found, and a
     *                      PRINTING mark whose worker gave up (and so sent nothing) is a job a person sees stuck in
     *                      PRINTING, MAYBE_PRINTED after the next start: never a label sent twice.
     */
    <T> T commit(GatewayDatabase.Work<T> work) throws SQLException {
        Unit<T> unit = new Unit<>(work);
        if (closed) {
            throw new SQLException("the print spool is closed (the gateway is stopping)");
        }
        if (!waiting.offer(unit)) {
            throw new SQLException("the print spool has " + MAX_WAITING + " changes waiting for the disk; try again");
        }
        try {
            return unit.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                throw (SQLException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new SQLException("print spool commit failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new SQLException("the print spool did not commit within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the print spool to commit", e);
        }
    }

    private void loop() {
        List<Unit<?>> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !waiting.isEmpty()) {
            try {
                Unit<?> first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, MAX_BATCH - 1);
                try {
                    db.inTransaction(c -> {
                        for (Unit<?> u : batch) {
                            u.run(c);
                        }
                        return null;
                    }); // Commit the batch: every unit's change is durable now.
                    transactions.incrementAndGet();
                    units.addAndGet(batch.size());
                    batch.forEach(Unit::finish);
                } catch (SQLException | RuntimeException e) {
                    LOG.error("print spool commit of {} changes failed: {}", batch.size(), e.toString());
                    batch.forEach(u -> u.done.completeExceptionally(e));
                }
                batch.clear();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Transactions committed so far. */
    long transactions() {
        return transactions.get();
    }

    /** Units of work run in committed transactions so far, refused ones included. */
    long units() {
        return units.get();
    }

    /** Commits what is waiting, then stops; later callers are refused. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
