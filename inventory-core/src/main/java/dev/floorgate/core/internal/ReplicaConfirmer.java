package dev.floorgate.core.internal;

import dev.floorgate.protocol.OperationResult;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.ResultStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No acknowledged loss across a Redis failover (issue 14 item 5): nothing is answered, and nothing is copied into
 * the MySQL ledger, before {@code fg.redis.wait-replicas} replicas hold it ({@code WAIT}).
 *
 * <p><b>Why RETRY when replicas are short.</b> Replication is asynchronous: an operation can be on the primary (its
 * claim, result hash, figures and write-back event) and on no replica when the primary dies. If WAIT reports fewer
 * replicas than required, every answer of the batch that Redis gave becomes RETRY ("applied on the primary but not
 * yet on a replica; send it again"). The resend (same opId, same body, as the gateway does) is safe either way:
 * <ul>
 *   <li>no failover: the primary still has the result hash and answers the stored first result (a duplicate, never
 *   a second apply), and this time WAIT may confirm it;</li>
 *   <li>failover: the promoted replica lacks the claim, the result and the effect, so it applies the operation for
 *   the first time, and its answer is the only one any client saw as final. No trace of the lost attempt is left
 *   anywhere that matters: not in MySQL, because the write-back copies an event only after a WAIT confirmed it
 *   ({@link #requireReplicated}), so the ledger holds nothing the replica lacks and the new event's ledger row is
 *   the first for that opId. (Without that gate the ledger would keep the lost attempt's row, the unique opId would
 *   skip the new one, and ledger and Redis would disagree.) A claim that reached the replica without its script
 *   is OperationEngine's case (d): the script asks the ledger and the stream, finds nothing, applies.</li>
 * </ul>
 * The trade-off: with fewer live replicas than required, the core applies nothing durably. Writes are answered RETRY
 * (after up to {@code fg.redis.wait-timeout}) and the write-back stops, until a replica is back; the gateways keep
 * the operations in their outboxes meanwhile. Availability is given up for "an APPLIED answer is never lost".
 *
 * <p><b>Same node.</b> A WAIT proves something only about the node it reached. Every batch notes
 * {@link RedisConnector#epoch()} before its first command; if any connection dropped or reconnected before the WAIT
 * answered, the batch is not confirmed (its writes may have gone to the old primary, the WAIT to the new one).
 *
 * <p><b>Group commit.</b> Concurrent batches share WAIT rounds: a caller joins the round that has not been sent yet
 * (one round is in flight at a time), so a round vouches for every write made before its fence, and the number of
 * WAITs per second does not grow with the number of batches.
 */
final class ReplicaConfirmer {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaConfirmer.class);
    static final ReplicaConfirmer OFF = new ReplicaConfirmer(null, 0, Duration.ZERO);
    private final RedisConnector redis;
    private final int replicas;
    private final Duration waitTimeout;
    private final Object lock = new Object();
    private final AtomicLong lastWarning = new AtomicLong();
    private final AtomicLong shortRounds = new AtomicLong();
    private boolean inFlight;
    private CompletableFuture<Long> next;

    ReplicaConfirmer(RedisConnector redis, int replicas, Duration waitTimeout) {
        this.redis = redis;
        this.replicas = replicas;
        this.waitTimeout = waitTimeout;
    }

    boolean enabled() {
        return replicas > 0;
    }

    /** Call before a batch's first Redis command; hand the value to {@link #settle} or {@link #requireReplicated}. */
    long epoch() {
        return enabled() ? redis.epoch() : 0;
    }

    /**
     * Turns every answer that Redis gave into RETRY unless the replicas hold the batch's writes. INVALID answers
     * (the body alone decides them) and RETRY answers stay.
     */
    void settle(OperationResult[] results, long epochAtStart) {
        if (!enabled()) {
            return;
        }
        String problem = confirm(epochAtStart);
        if (problem == null) {
            return;
        }
        for (int i = 0; i < results.length; i++) {
            OperationResult r = results[i];
            if (r != null && r.status() != ResultStatus.RETRY && !ResultCodes.INVALID.equals(r.code())) {
                results[i] = OperationResult.retry(r.opId(), "applied on the Redis primary but " + problem
                        + "; send it again (the resend is answered from the first result, never applied twice)");
            }
        }
    }

    /** For the write-back: throws unless the replicas hold every event read since {@code epochAtStart}. */
    void requireReplicated(long epochAtStart) {
        if (!enabled()) {
            return;
        }
        String problem = confirm(epochAtStart);
        if (problem != null) {
            throw new io.lettuce.core.RedisException("write-back events not copied into MySQL: " + problem);
        }
    }

    /**
     * For an admin correction: throws {@link dev.floorgate.core.CoreUnavailableException} (503, Retry-After) unless
     * the replicas hold what was written since {@code epochAtStart}. A correction sets absolute figures, so sending
     * it again is safe; until it is confirmed its write-back event is not copied into MySQL either.
     */
    void requireConfirmed(long epochAtStart, String what) {
        if (!enabled()) {
            return;
        }
        String problem = confirm(epochAtStart);
        if (problem != null) {
            throw new dev.floorgate.core.CoreUnavailableException(what + " was set on the Redis primary but " + problem
                    + "; send it again (it sets the same figures)", java.time.Duration.ofSeconds(1));
        }
    }

    /** Null when confirmed, else what went wrong (for a RETRY message: no internals). */
    private String confirm(long epochAtStart) {
        String problem;
        try {
            long acked = awaitRound(join());
            if (acked < replicas) {
                problem = "only " + acked + " of " + replicas + " required replicas confirmed it within "
                        + waitTimeout.toMillis() + " ms";
            } else if (redis.epoch() != epochAtStart) {
                problem = "the connection to Redis changed before a replica confirmed it";
            } else {
                return null;
            }
        } catch (RuntimeException e) {
            problem = "Redis failed while waiting for " + replicas + " replicas to confirm it";
            warn(problem + ": " + e);
            shortRounds.incrementAndGet();
            return problem;
        }
        warn(problem);
        shortRounds.incrementAndGet();
        return problem;
    }

    /** A round may queue behind one in flight: two WAITs and two command timeouts bound it. */
    private long awaitRound(CompletableFuture<Long> round) {
        long bound = 2 * (waitTimeout.toMillis() + redis.timeout().toMillis()) + 500;
        try {
            return round.get(bound, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.lettuce.core.RedisException("interrupted while waiting for replicas", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new io.lettuce.core.RedisCommandTimeoutException("no WAIT answer within " + bound + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw RedisConnector.unwrap(e.getCause());
        }
    }

    private void warn(String what) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last >= 10_000 && lastWarning.compareAndSet(last, now)) {
            LOG.warn("not confirmed by replicas ({}); answering RETRY and holding the write-back (at most one such "
                    + "line per 10 s, {} so far)", what, shortRounds.get() + 1);
        }
    }

    /** The WAIT round this caller waits for: the one not sent yet, so it is sent after the caller's writes. */
    private CompletableFuture<Long> join() {
        CompletableFuture<Long> mine;
        boolean sendNow;
        synchronized (lock) {
            if (!inFlight) {
                inFlight = true;
                mine = new CompletableFuture<>();
                sendNow = true;
            } else {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                mine = next;
                sendNow = false;
            }
        }
        if (sendNow) {
            send(mine);
        }
        return mine;
    }

    private void send(CompletableFuture<Long> round) {
        CompletableFuture<Long> sent;
        try {
            sent = redis.fenceAndWait(replicas, waitTimeout);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((acked, error) -> {
            CompletableFuture<Long> following;
            synchronized (lock) {
                following = next;
                next = null;
                if (following == null) {
                    inFlight = false;
                }
            }
            if (error != null) {
                round.completeExceptionally(error);
            } else {
                round.complete(acked);
            }
            if (following != null) {
                send(following);
            }
        });
    }
}
