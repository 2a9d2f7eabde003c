package dev.floorgate.sync.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

/**
 * One unit of work for the {@link GroupCommitWriter}: runs inside a shared transaction and is answered only after
 * that transaction commits. {@link #execute} may run twice: when a group fails, the writer rolls it back and runs
 * each task again in a transaction of its own, so one bad task cannot fail its neighbours.
 *
 * @param <T> what the caller's future completes with
 */
public abstract class SqlTask<T> {
    private final CompletableFuture<T> future = new CompletableFuture<>();
    private T result;

    /** The caller's answer; completes on the writer's acknowledgement thread after COMMIT, in commit order. */
    public final CompletableFuture<T> future() {
        return future;
    }

    /** How many rows this task counts for when a group is filled up to its maximum; 1 unless overridden. */
    protected int weight() {
        return 1;
    }

    /** Does the work on the writer's connection inside an open transaction; must not commit. */
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
