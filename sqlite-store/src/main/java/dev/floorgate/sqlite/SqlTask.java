package dev.floorgate.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One unit of work for the {@link GroupCommitWriter}: runs inside a transaction shared with other tasks, in a
 * savepoint of its own, and is answered only after that transaction commits.
 *
 * <p>{@link #execute} may run twice: when the shared transaction itself breaks (COMMIT fails, or SQLite rolls the
 * whole transaction back, as it may on SQLITE_FULL), the writer runs each task of the group again in a transaction
 * of its own. So {@code execute} must start from scratch each time (reset what it counts) and keep side effects
 * outside the database for {@link #committed}.
 *
 * @param <T> what the caller's future completes with
 */
public abstract class SqlTask<T> {
    /** A unit of work as a lambda. */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final CompletableFuture<T> future = new CompletableFuture<>();
    private T result;

    /** A task that runs {@code work}; weight 1, no commit hook. */
    public static <T> SqlTask<T> of(Work<T> work) {
        Objects.requireNonNull(work, "work");
        return new SqlTask<T>() {
            @Override
            protected T execute(Connection c) throws SQLException {
                return work.run(c);
            }
        };
    }

    /**
     * The caller's answer; completes on the writer's acknowledgement thread after COMMIT, in commit order. It
     * fails with the IOException the writer's error mapping makes of an SQLException, or with the
     * RuntimeException {@link #execute} threw, as it is.
     */
    public final CompletableFuture<T> future() {
        return future;
    }

    /** How many rows this task counts for when a group is filled up to its maximum; 1 unless overridden. */
    protected int weight() {
        return 1;
    }

    /** Does the work on the writer's connection inside an open transaction; must not commit or roll back. */
    protected abstract T execute(Connection c) throws SQLException;

    /** Runs on the writer thread right after COMMIT, before the answer; for cheap in-memory bookkeeping. */
    protected void committed(T result) {
    }

    final void run(Connection c) throws SQLException {
        result = execute(c);
    }

    final void afterCommit() {
        committed(result);
    }

    final void complete() {
        future.complete(result);
    }

    final void fail(Throwable error) {
        future.completeExceptionally(error);
    }
}
