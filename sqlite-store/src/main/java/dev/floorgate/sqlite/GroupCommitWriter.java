package dev.floorgate.sqlite;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * one COMMIT (one fsync with {@link Durability#FULL}); alone, a caller pays one COMMIT and no added wait unless
 * {@code maxWait} asks for one. Tasks run in the order they were submitted. Thread-safe.
 *
 * <p><b>Commit point.</b> The {@code COMMIT} in {@code runGroup} (or {@code runAlone}): a task's changes are durable
 * from there on, and its future completes only after it. A caller that got its answer can rely on its change; a
 * crash before COMMIT leaves none of the group's changes (WAL frames after the last commit frame are ignored on
 * reopen), and none of its callers was answered.
 *
 * <p><b>Failures stay with their task.</b> Each task runs in a savepoint of its own: a task that throws is rolled
 * back to its savepoint and answered with its error while its neighbours commit. If the transaction itself breaks
 * (COMMIT fails, or SQLite rolled the whole transaction back, as it may on SQLITE_FULL), the writer rolls the group
 * back and runs each task again in its own transaction, so again only the task that really fails gets the error.
 * An SQLException reaches the caller mapped by {@code errors} (e.g. SQLITE_FULL to a disk-full IOException); a
 * RuntimeException thrown by a task reaches it as it is.
 *
 * <p>Answers are given on a second thread (the acknowledgement thread), in commit order, so a slow caller callback
 * or the unparking of many waiting callers never holds up the next transaction. That thread's queue is bounded;
 * when full, the writer waits for it (back pressure).
 *
 * <p>The connection is the writer's alone from {@link Builder#start()} to {@link #close()}; it must be in
 * auto-commit mode (the writer issues {@code BEGIN IMMEDIATE} itself). Closing does not close the connection.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int ACK_QUEUE_CAPACITY = 4096;

    private final String name;
    private final Connection connection;
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
    private final AtomicLong tasksCommitted = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean ackStopped;
    /** Prepared BEGIN, COMMIT, SAVEPOINT... by their SQL (writer thread only). */
    private final Map<String, PreparedStatement> controls = new HashMap<>();
    /** A task taken from the queue that did not fit its group; it opens the next one (writer thread only). */
    private SqlTask<?> carry;

    /** Thrown inside runGroup when the shared transaction is gone and the group must be run task by task. */
    private static final class BrokenTransaction extends Exception {
        private static final long serialVersionUID = 1L;

        BrokenTransaction(Exception cause) {
            super(cause);
        }
    }

    private GroupCommitWriter(Builder b) throws SQLException {
        this.name = b.name;
        this.connection = b.connection;
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException(name + ": the connection must be in auto-commit mode; the writer runs "
                    + "BEGIN IMMEDIATE and COMMIT itself");
        }
        this.maxBatch = b.maxBatch;
        this.maxWaitNanos = b.maxWait.toNanos();
        this.offerTimeoutNanos = b.offerTimeout.toNanos();
        this.capacity = b.capacity;
        // Two-lock queue: submitting threads contend only with each other, not with the writer taking tasks.
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.errors = b.errors != null ? b.errors
                : e -> new IOException(b.name + " could not write: " + e.getMessage(), e);
        this.afterEachGroup = b.afterEachGroup;
        String thread = "floorgate-" + name.replace(' ', '-');
        this.writerThread = new Thread(this::writeLoop, thread);
        this.ackThread = new Thread(this::ackLoop, thread + "-ack");
        writerThread.setDaemon(true);
        ackThread.setDaemon(true);
        writerThread.start();
        ackThread.start();
    }

    /**
     * @param name       names the threads and the errors ("outbox writer")
     * @param connection the only connection that writes the file; used by the writer thread alone
     */
    public static Builder builder(String name, Connection connection) {
        return new Builder(name, connection);
    }

    /**
     * Queues a task; its future completes after its transaction commits. Throws when the writer is closed or the
     * queue stays full for the offer timeout (a zero timeout refuses at once).
     */
    public void submit(SqlTask<?> task) throws IOException {
        Objects.requireNonNull(task, "task");
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

    /** Tasks whose changes committed so far (tasks answered with an error not counted). */
    public long tasksCommitted() {
        return tasksCommitted.get();
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
        List<Throwable> failures = new ArrayList<>(group.size());
        try {
            runInTransaction(group, failures);
        } catch (BrokenTransaction e) {
            rollbackQuietly();
            Throwable cause = e.getCause();
            if (group.size() == 1) {
                answer(group, failures(1, cause));
            } else {
                log.debug("{}: the transaction of a group of {} tasks failed ({}); running each alone", name,
                        group.size(), cause.toString());
                for (SqlTask<?> task : group) {
                    runAlone(task);
                }
            }
            return;
        }
        answer(group, failures);
    }

    private void runAlone(SqlTask<?> task) {
        List<SqlTask<?>> one = new ArrayList<>(1);
        one.add(task);
        List<Throwable> failures = new ArrayList<>(1);
        try {
            runInTransaction(one, failures);
        } catch (BrokenTransaction e) {
            rollbackQuietly();
            answer(one, failures(1, e.getCause()));
            return;
        }
        answer(one, failures);
    }

    /**
     * BEGIN, each task in its savepoint, COMMIT. Fills {@code failures} (null = the task's change is in) and
     * counts the commit; throws BrokenTransaction when the transaction as a whole is lost.
     */
    private void runInTransaction(List<SqlTask<?>> tasks, List<Throwable> failures) throws BrokenTransaction {
        try {
            control("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            throw new BrokenTransaction(e);
        }
        for (SqlTask<?> task : tasks) {
            try {
                control("SAVEPOINT fg_task");
                task.run(connection);
                control("RELEASE fg_task");
                failures.add(null);
            } catch (SQLException | RuntimeException e) {
                try {
                    control("ROLLBACK TO fg_task");
                    control("RELEASE fg_task");
                } catch (SQLException gone) {
                    throw new BrokenTransaction(e); // SQLite rolled the whole transaction back
                }
                failures.add(e);
            }
        }
        try {
            control("COMMIT"); // Commit point: every change of the group is durable from here on.
        } catch (SQLException e) {
            throw new BrokenTransaction(e);
        }
        commits.incrementAndGet();
    }

    private static List<Throwable> failures(int n, Throwable cause) {
        List<Throwable> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(cause);
        }
        return out;
    }

    /** Hands the group's answers, in order, to the acknowledgement thread. */
    private void answer(List<SqlTask<?>> tasks, List<Throwable> failures) {
        List<SqlTask<?>> done = new ArrayList<>(tasks);
        List<Throwable> errors = new ArrayList<>(failures.size());
        int ok = 0;
        for (int i = 0; i < done.size(); i++) {
            Throwable f = failures.get(i);
            if (f == null) {
                done.get(i).afterCommit();
                ok++;
                errors.add(null);
            } else {
                errors.add(mapped(f));
            }
        }
        tasksCommitted.addAndGet(ok);
        boolean anyCommitted = ok > 0;
        enqueueAck(() -> {
            for (int i = 0; i < done.size(); i++) {
                if (errors.get(i) == null) {
                    done.get(i).complete();
                } else {
                    done.get(i).fail(errors.get(i));
                }
            }
            if (anyCommitted) {
                afterEachGroup.run();
            }
        });
    }

    private Throwable mapped(Throwable e) {
        Throwable error = e instanceof SQLException ? errors.apply((SQLException) e) : e;
        log.warn("{}: a write failed: {}", name, error.getMessage());
        return error;
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

    /**
     * Runs a transaction-control statement, prepared once and kept (writer thread only). sqlite-jdbc closes a
     * prepared statement whose execution failed, so a failed one is dropped and prepared again next time: a COMMIT
     * that failed once must not fail every later group.
     */
    private void control(String sql) throws SQLException {
        PreparedStatement ps = controls.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            controls.put(sql, ps);
        }
        try {
            ps.execute();
        } catch (SQLException e) {
            controls.remove(sql);
            SqliteFiles.closeQuietly(ps);
            throw e;
        }
    }

    private void rollbackQuietly() {
        try {
            control("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite may have rolled back already (e.g. after SQLITE_FULL); nothing is open now
        }
    }

    /** Runs what is queued, answers every caller, then stops both threads. The connection stays open. */
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
        for (PreparedStatement ps : controls.values()) { // the writer thread has ended
            SqliteFiles.closeQuietly(ps);
        }
        controls.clear();
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

    /** The writer's settings; {@link #start()} starts its threads. */
    public static final class Builder {
        private final String name;
        private final Connection connection;
        private int maxBatch = 500;
        private Duration maxWait = Duration.ZERO;
        private int capacity = 10_000;
        private Duration offerTimeout = Duration.ofSeconds(5);
        private Function<SQLException, IOException> errors;
        private Runnable afterEachGroup = () -> { };

        private Builder(String name, Connection connection) {
            this.name = Objects.requireNonNull(name, "name");
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        /** At most this much task weight per transaction (default 500). */
        public Builder maxBatch(int maxBatch) {
            if (maxBatch < 1) {
                throw new IllegalArgumentException(name + ": maxBatch must be at least 1, was " + maxBatch);
            }
            this.maxBatch = maxBatch;
            return this;
        }

        /** How long to wait for more tasks after the first of a group; zero (default) takes what is queued. */
        public Builder maxWait(Duration maxWait) {
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException(name + ": maxWait must not be negative, was " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        /** Bound of the task queue (default 10,000). */
        public Builder capacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException(name + ": capacity must be at least 1, was " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /** How long {@link #submit} waits for room in a full queue (default 5 s; zero refuses at once). */
        public Builder offerTimeout(Duration offerTimeout) {
            if (offerTimeout.isNegative()) {
                throw new IllegalArgumentException(name + ": offerTimeout must not be negative, was "
                        + offerTimeout);
            }
            this.offerTimeout = offerTimeout;
            return this;
        }

        /** Maps a failed task's SQLException to the IOException its caller gets (default: names the writer). */
        public Builder errors(Function<SQLException, IOException> errors) {
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        /** Runs on the acknowledgement thread after each group that committed a change is answered. */
        public Builder afterEachGroup(Runnable afterEachGroup) {
            this.afterEachGroup = Objects.requireNonNull(afterEachGroup, "afterEachGroup");
            return this;
        }

        /** Prepares the transaction statements on the connection and starts the writer's two threads. */
        public GroupCommitWriter start() throws SQLException {
            return new GroupCommitWriter(this);
        }
    }
}
