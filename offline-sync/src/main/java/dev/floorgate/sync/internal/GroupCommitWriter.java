package dev.floorgate.sync.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of one SQLite file: a thread that drains a bounded queue of {@link SqlTask}s, runs a group of
 * them in one transaction, commits, and only then answers every task of the group. Under load many callers share
 * one COMMIT (one fsync with {@code synchronous=FULL}); alone, a caller pays one COMMIT and no added wait unless
 * {@code maxWait} asks for one.
 *
 * <p>Answers are given on a second thread (the acknowledgement thread), in commit order, so a slow caller callback
 * or the unparking of many waiting callers never holds up the next transaction. That thread's queue is bounded;
 * when full, the writer waits for it (back pressure).
 *
 * <p>When a group fails (any SQLException, including at COMMIT), the writer rolls it back and runs each task again
 * in its own transaction: only the task that really fails is answered with the error, mapped to an IOException
 * (SQLITE_FULL becomes {@code DiskFullException}).
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int ACK_QUEUE_CAPACITY = 4096;

    private final String name;
    private final Connection connection;
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final long offerTimeoutNanos;
    private final int capacity;
    private final BlockingQueue<SqlTask<?>> queue;
    private final BlockingQueue<Runnable> acks = new LinkedBlockingQueue<>(ACK_QUEUE_CAPACITY);
    private final Function<SQLException, IOException> errors;
    private final Runnable afterEachGroup;
    private final Thread writerThread;
    private final Thread ackThread;
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean ackStopped;
    /** A task taken from the queue that did not fit its group; it opens the next one (writer thread only). */
    private SqlTask<?> carry;

    /**
     * @param name            names the threads and the errors ("outbox writer")
     * @param connection      the only connection that writes this file; used by the writer thread alone
     * @param maxBatch        at most this much task weight per transaction
     * @param maxWait         how long to wait for more tasks after the first of a group (zero: take what is queued)
     * @param capacity        bound of the task queue
     * @param offerTimeout    how long {@link #submit} waits for room in a full queue
     * @param errors          maps a failed task's SQLException to the IOException its caller gets
     * @param afterEachGroup  runs on the acknowledgement thread after each committed group is answered
     */
    public GroupCommitWriter(String name, Connection connection, int maxBatch, Duration maxWait, int capacity,
            Duration offerTimeout, Function<SQLException, IOException> errors, Runnable afterEachGroup)
            throws SQLException {
        this.name = name;
        this.connection = connection;
        this.begin = connection.prepareStatement("BEGIN IMMEDIATE");
        this.commit = connection.prepareStatement("COMMIT");
        this.rollback = connection.prepareStatement("ROLLBACK");
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.offerTimeoutNanos = offerTimeout.toNanos();
        this.capacity = capacity;
        // Two-lock queue: appending threads contend only with each other, not with the writer taking tasks.
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.errors = errors;
        this.afterEachGroup = afterEachGroup;
        this.writerThread = new Thread(this::writeLoop, "floorgate-" + name.replace(' ', '-'));
        this.ackThread = new Thread(this::ackLoop, "floorgate-" + name.replace(' ', '-') + "-ack");
        writerThread.setDaemon(true);
        ackThread.setDaemon(true);
        writerThread.start();
        ackThread.start();
    }

    /**
     * Queues a task; its future completes after its transaction commits. Throws when the writer is closed or the
     * queue stays full for the offer timeout.
     */
    public void submit(SqlTask<?> task) throws IOException {
        if (closed) {
            throw new IOException(name + " is closed");
        }
        boolean queued;
        try {
            queued = queue.offer(task, offerTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for room in the " + name + " queue", e);
        }
        if (!queued) {
            throw new IOException(name + " queue is full: " + capacity + " tasks waiting for more than "
                    + TimeUnit.NANOSECONDS.toMillis(offerTimeoutNanos) + " ms; the disk is too slow for the load");
        }
        if (closed && queue.remove(task)) { // raced with close(): nobody will run it
            throw new IOException(name + " is closed");
        }
    }

    /** Transactions committed so far. */
    public long commits() {
        return commits.get();
    }

    /** Tasks waiting for the writer. */
    public int queued() {
        return queue.size();
    }

    private void writeLoop() {
        List<SqlTask<?>> group = new ArrayList<>();
        while (true) {
            SqlTask<?> first = carry;
            carry = null;
            if (first == null) {
                try {
                    first = queue.poll(50, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    first = null;
                }
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            group.add(first);
            fill(group, first.weight());
            runGroup(group);
            group.clear();
        }
    }

    /** Adds queued tasks to the group up to maxBatch weight, waiting up to maxWait for them if configured. */
    private void fill(List<SqlTask<?>> group, int weight) {
        long deadline = System.nanoTime() + maxWaitNanos;
        while (weight < maxBatch) {
            SqlTask<?> next = queue.peek(); // single consumer: a peeked task is still there for poll()
            if (next == null && maxWaitNanos > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    next = queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                if (next == null) {
                    return;
                }
                if (weight + next.weight() > maxBatch) {
                    carry = next; // taken already: it opens the next group
                    return;
                }
                group.add(next);
                weight += next.weight();
                continue;
            }
            if (next == null || weight + next.weight() > maxBatch) {
                return;
            }
            group.add(queue.poll());
            weight += next.weight();
        }
    }

    private void runGroup(List<SqlTask<?>> group) {
        try {
            begin.execute();
            for (SqlTask<?> task : group) {
                task.run(connection);
            }
            commit.execute(); // Commit point: every row of the group is durable from here on.
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            if (group.size() == 1) {
                answerFailure(group.get(0), e);
            } else {
                log.debug("{}: a group of {} tasks failed ({}); running each alone", name, group.size(), e.toString());
                for (SqlTask<?> task : group) {
                    runAlone(task);
                }
            }
            return;
        }
        committed(new ArrayList<>(group));
    }

    private void runAlone(SqlTask<?> task) {
        try {
            begin.execute();
            task.run(connection);
            commit.execute(); // Commit point for a task run on its own.
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            answerFailure(task, e);
            return;
        }
        List<SqlTask<?>> one = new ArrayList<>(1);
        one.add(task);
        committed(one);
    }

    private void committed(List<SqlTask<?>> group) {
        commits.incrementAndGet();
        for (SqlTask<?> task : group) {
            task.afterCommit();
        }
        enqueueAck(() -> {
            for (SqlTask<?> task : group) {
                task.complete();
            }
            afterEachGroup.run();
        });
    }

    private void answerFailure(SqlTask<?> task, Exception e) {
        Throwable error = e instanceof SQLException ? errors.apply((SQLException) e)
                : new IOException(name + " task failed: " + e, e);
        log.warn("{}: a write failed: {}", name, error.getMessage());
        enqueueAck(() -> task.fail(error));
    }

    private void enqueueAck(Runnable r) {
        while (true) {
            try {
                acks.put(r);
                return;
            } catch (InterruptedException e) {
                // the writer is never interrupted on purpose; answers must not be lost
            }
        }
    }

    private void ackLoop() {
        while (true) {
            Runnable r;
            try {
                r = acks.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                r = null;
            }
            if (r == null) {
                if (ackStopped) {
                    return;
                }
                continue;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                log.error("{}: answering a caller failed", name, e);
            }
        }
    }

    private void rollbackQuietly() {
        try {
            rollback.execute();
        } catch (SQLException ignored) {
            // SQLite may have rolled back already (e.g. after SQLITE_FULL); nothing is open now
        }
    }

    /** Runs what is queued, answers every caller, then stops both threads. */
    @Override
    public void close() {
        closed = true;
        join(writerThread);
        List<SqlTask<?>> left = new ArrayList<>();
        queue.drainTo(left); // tasks that slipped in after the writer's last look
        for (SqlTask<?> task : left) {
            enqueueAck(() -> task.fail(new IOException(name + " is closed")));
        }
        ackStopped = true;
        join(ackThread);
        SqliteFiles.closeQuietly(begin);
        SqliteFiles.closeQuietly(commit);
        SqliteFiles.closeQuietly(rollback);
    }

    private void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.error("{}: thread {} did not stop within 30 s", name, t.getName());
        }
    }
}
