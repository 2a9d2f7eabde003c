package dev.floorgate.core.internal;

import io.lettuce.core.Consumer;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-back streams (one per tenant and bucket, TenantRegistry) into MySQL with the consumer group
 * {@code wb}.
 *
 * <p>Per round: read up to {@code batch-size} events of every (tenant, bucket), write them in one MySQL transaction
 * per tenant on the tenant's own connection ({@link WriteBackWriter}), and only after the commit acknowledge them
 * (XACK). A tenant whose commit fails is retried on its own back-off while the others go on. A crash anywhere
 * before the XACK leaves the events pending for this consumer name; on start the worker first re-reads its own pending
 * events (id 0) and writes them again, which changes nothing that was already committed. Events pending at
 * another consumer for longer than {@code claim-idle} (a core instance that died) are claimed and handled the
 * same way. A failed round is retried with back-off; the events stay pending and the lag they add makes the
 * core shed load once it passes {@code max-lag}.
 *
 * <p>Acknowledged events are trimmed every {@code trim-interval}: everything below the oldest pending or unread
 * event, never more, decided inside the script so that other instances reading meanwhile cannot make it trim an
 * event they hold. The trim script bumps the bucket's watermark (see ColdLoader).
 *
 * <p>Several core instances (issue 14): each has its own consumer name (InstanceId), so the group hands every event
 * to exactly one of them; the events of an instance that died stay pending at its name until another one claims
 * them ({@code XAUTOCLAIM} after {@code claim-idle}) and writes them again, which the unique {@code op_id} and the
 * per-record {@code seq} guard make harmless if the dead one had committed them. Names idle for
 * {@code consumer-expiry} with nothing pending are removed from the group (forget-consumers.lua).
 */
final class WriteBackWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteBackWorker.class);
    private final RedisConnector redis;
    private final Supplier<List<Bucket>> buckets;
    private final WriteBackWriter writer;
    private final LuaScript trimScript;
    private final CoreMetrics metrics;
    private final String consumer;
    private final int batchSize;
    private final Duration pollInterval;
    private final Duration trimInterval;
    private final Duration claimIdle;
    private final Runnable afterCommit;
    private final Duration consumerExpiry;
    private final LuaScript forgetScript = LuaScript.load("forget-consumers");
    private final Thread thread;
    private ReplicaConfirmer replicas = ReplicaConfirmer.OFF;
    private volatile boolean running;
    private boolean recovering = true;
    /** Tenants whose MySQL part of a round failed: their events wait until the retry time (per-tenant back-off). */
    private final Map<String, long[]> failingTenants = new HashMap<>(); // tenant -> {retry at millis, back-off}
    private long nextTrim;
    private long nextClaim;

    /**
     * @param afterCommit runs between the MySQL commit and the XACK (tests use it to crash the worker there)
     */
    WriteBackWorker(RedisConnector redis, Supplier<List<Bucket>> buckets, WriteBackWriter writer,
            LuaScript trimScript, CoreMetrics metrics, String consumer, int batchSize, Duration pollInterval,
            Duration trimInterval, Duration claimIdle, Runnable afterCommit) {
        this(redis, buckets, writer, trimScript, metrics, consumer, batchSize, pollInterval, trimInterval, claimIdle,
                Duration.ofHours(1), afterCommit);
    }

    /**
     * @param buckets the buckets to copy, asked every round (TenantRegistry::buckets; a fixed list for the upgrade)
     * @param consumerExpiry idle time after which another consumer of the group with nothing pending is removed
     */
    WriteBackWorker(RedisConnector redis, Supplier<List<Bucket>> buckets, WriteBackWriter writer,
            LuaScript trimScript, CoreMetrics metrics, String consumer, int batchSize, Duration pollInterval,
            Duration trimInterval, Duration claimIdle, Duration consumerExpiry, Runnable afterCommit) {
        this.consumerExpiry = consumerExpiry;
        this.redis = redis;
        this.buckets = buckets;
        this.writer = writer;
        this.trimScript = trimScript;
        this.metrics = metrics;
        this.consumer = consumer;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.trimInterval = trimInterval;
        this.claimIdle = claimIdle;
        this.afterCommit = afterCommit;
        this.thread = new Thread(this::loop, "fg-writeback-" + consumer);
        this.thread.setDaemon(true);
    }

    /**
     * Copies into MySQL only events the replicas hold (issue 14 item 5): after a failover the ledger then has
     * nothing the promoted replica lacks, so the resend of a lost operation is its first ledger row.
     */
    WriteBackWorker confirmedBy(ReplicaConfirmer confirmer) {
        this.replicas = confirmer;
        return this;
    }

    /** Creates the consumer groups (idempotent) and starts the worker thread. */
    WriteBackWorker start() {
        TenantRegistry.createGroups(redis, buckets.get());
        redis.preload(forgetScript);
        running = true;
        thread.start();
        return this;
    }

    String consumer() {
        return consumer;
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void loop() {
        long backoff = 50;
        while (running) {
            try {
                int handled = runOnce();
                backoff = 50;
                housekeeping();
                if (handled == 0) {
                    Thread.sleep(pollInterval.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                // The events of the failed round were delivered and are pending now: read them again by id 0.
                recovering = true;
                if (e.getMessage() != null && e.getMessage().contains("NOGROUP")) {
                    // Redis lost the groups (flush, restart without persistence): whatever it lost is lost; go on.
                    LOG.warn("write-back consumer group is missing (Redis lost its data?); creating it again");
                    try {
                        TenantRegistry.createGroups(redis, buckets.get());
                        recovering = true;
                        continue;
                    } catch (RuntimeException again) {
                        LOG.warn("creating the consumer groups failed: {}", again.toString());
                    }
                }
                LOG.warn("write-back round failed, retrying in {} ms (events stay pending): {}", backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5000);
            }
        }
    }

    /**
     * One round: read, write (one transaction per tenant, each on the tenant's own connection), acknowledge what
     * committed. Returns the number of events handled. A tenant whose part fails is set aside with its own back-off
     * (its events stay pending at this consumer and are read again by id 0 when its retry is due), so the other
     * tenants' events keep moving at full speed; a failure that is not one tenant's (Redis, a layout-1 stream of
     * several tenants) fails the whole round as before.
     */
    int runOnce() throws SQLException {
        long now = System.currentTimeMillis();
        List<Bucket> unread = new ArrayList<>();
        List<Bucket> pending = new ArrayList<>();
        Set<String> retried = new HashSet<>();
        for (Bucket b : buckets.get()) {
            long[] retry = b.tenant() == null ? null : failingTenants.get(b.tenant());
            if (retry == null) {
                (recovering ? pending : unread).add(b);
            } else if (retry[0] <= now) {
                pending.add(b);
                retried.add(b.tenant());
            } // else: that tenant's MySQL failed a moment ago; its events wait for its retry time
        }
        long redisEpoch = replicas.epoch();
        Map<Bucket, List<StreamMessage<String, String>>> reads = new LinkedHashMap<>();
        if (!pending.isEmpty()) {
            reads.putAll(WriteBackReads.read(redis, consumer, batchSize, pending, "0"));
        }
        if (!unread.isEmpty()) {
            reads.putAll(WriteBackReads.read(redis, consumer, batchSize, unread, ">"));
        }
        List<WriteBackEvent> events = new ArrayList<>();
        boolean pendingLeft = false;
        Set<String> retriedWithEvents = new HashSet<>();
        for (Map.Entry<Bucket, List<StreamMessage<String, String>>> read : reads.entrySet()) {
            Bucket b = read.getKey();
            List<StreamMessage<String, String>> messages = read.getValue();
            boolean wasPending = pending.contains(b);
            for (StreamMessage<String, String> m : messages) {
                if (m.getBody() == null || m.getBody().isEmpty()) {
                    continue; // a pending id whose entry was deleted; nothing to write, acked below
                }
                events.add(new WriteBackEvent(m.getId(), b, m.getBody()));
                if (wasPending && retried.contains(b.tenant())) {
                    retriedWithEvents.add(b.tenant());
                } else if (wasPending) {
                    pendingLeft = true;
                }
            }
            if (wasPending && !messages.isEmpty()) {
                ackDeleted(b, messages);
            }
        }
        for (String tenant : retried) {
            if (!retriedWithEvents.contains(tenant)) {
                failingTenants.remove(tenant); // nothing of it pending any more: its new events are read again
            }
        }
        if (recovering && !pendingLeft) {
            recovering = false;
        }
        if (events.isEmpty()) {
            return 0;
        }
        replicas.requireReplicated(redisEpoch); // else the round fails and the events stay pending
        WriteBackWriter.Outcome outcome;
        List<WriteBackEvent> committed = events;
        WriteBackWriter.PartlyWritten partly = null;
        try {
            outcome = writer.write(events);
        } catch (WriteBackWriter.PartlyWritten e) {
            partly = e;
            committed = e.committed();
            outcome = e.committedOutcome();
        }
        if (!committed.isEmpty()) {
            afterCommit.run();
            acknowledge(committed);
        }
        metrics.writeBack(outcome.inserted(), outcome.replayed());
        if (outcome.replayed() > 0) {
            LOG.info("write-back replayed {} events already in the ledger (after a crash or takeover)",
                    outcome.replayed());
        }
        if (partly != null) {
            setAside(partly, events, now);
        }
        for (WriteBackEvent e : committed) {
            long[] retry = failingTenants.get(e.bucket().tenant());
            if (retry != null) {
                retry[0] = 0; // it committed again: read its pending ones at once until none is left
                retry[1] = 0;
            }
        }
        return committed.size();
    }

    /** The failed tenants of a round wait with their own back-off; a failure not of one tenant fails the round. */
    private void setAside(WriteBackWriter.PartlyWritten partly, List<WriteBackEvent> events, long now)
            throws SQLException {
        Set<String> failed = partly.failures().keySet();
        for (WriteBackEvent e : events) {
            if (e.bucket().tenant() == null && failed.contains(e.record()[0])) {
                throw partly; // a shared (layout-1) stream: the round fails and is read again from id 0
            }
        }
        for (Map.Entry<String, Exception> f : partly.failures().entrySet()) {
            long[] retry = failingTenants.computeIfAbsent(f.getKey(), t -> new long[2]);
            long backoff = retry[1] == 0 ? 50 : Math.min(retry[1] * 2, 5000);
            if (retry[1] == 0 || backoff == 5000 && retry[1] < 5000) {
                LOG.warn("write-back of tenant {} failed; its events stay pending and are retried with back-off, "
                        + "the other tenants' go on: {}", f.getKey(), f.getValue().toString());
            }
            retry[0] = now + backoff;
            retry[1] = backoff;
        }
    }

    /**
     * Copies every event of the buckets into MySQL on the calling thread, for the layout upgrade
     * (RedisLayoutUpgrade); the worker's thread must not run. Takes over what is pending at any consumer longer than
     * {@code claim-idle} (the upgrade passes 0: the old version's instances are stopped), then reads this consumer's
     * pending events and the undelivered ones until none is left. Returns the number of events written.
     */
    long drain() throws SQLException {
        TenantRegistry.createGroups(redis, buckets.get());
        for (Bucket b : buckets.get()) {
            claimIdle(b);
        }
        recovering = true;
        long total = 0;
        while (true) {
            boolean wasRecovering = recovering;
            int n = runOnce();
            total += n;
            if (n == 0 && !wasRecovering) {
                return total;
            }
        }
    }

    private void ackDeleted(Bucket bucket, List<StreamMessage<String, String>> messages) {
        List<String> ids = new ArrayList<>();
        for (StreamMessage<String, String> m : messages) {
            if (m.getBody() == null || m.getBody().isEmpty()) {
                ids.add(m.getId());
            }
        }
        if (!ids.isEmpty()) {
            redis.await(redis.async().xack(bucket.stream(), KeyLayout.GROUP, ids.toArray(new String[0])));
        }
    }

    private void acknowledge(List<WriteBackEvent> events) {
        Map<Bucket, List<String>> byBucket = new LinkedHashMap<>();
        for (WriteBackEvent e : events) {
            byBucket.computeIfAbsent(e.bucket(), b -> new ArrayList<>()).add(e.id());
        }
        List<CompletableFuture<Long>> acks = new ArrayList<>();
        for (Map.Entry<Bucket, List<String>> e : byBucket.entrySet()) {
            acks.add(redis.async().xack(e.getKey().stream(), KeyLayout.GROUP, e.getValue().toArray(new String[0]))
                    .toCompletableFuture());
        }
        for (CompletableFuture<Long> ack : acks) {
            redis.await(ack);
        }
    }

    private void housekeeping() {
        long now = System.currentTimeMillis();
        if (now >= nextTrim) {
            nextTrim = now + trimInterval.toMillis();
            for (Bucket b : buckets.get()) {
                trim(b);
            }
        }
        if (now >= nextClaim) {
            nextClaim = now + Math.max(1000, claimIdle.toMillis() / 2);
            for (Bucket b : buckets.get()) {
                int taken = claimIdle(b);
                if (taken > 0) {
                    LOG.warn("took over {} write-back events of bucket {} idle for more than {} ms at another "
                            + "consumer (an instance that stopped?)", taken, b, claimIdle.toMillis());
                    recovering = true;
                }
                forgetStoppedConsumers(b);
            }
        }
    }

    /**
     * Claims every event of bucket {@code b} pending at any consumer for longer than {@code claim-idle}, page by
     * page until the cursor comes back to 0-0; the next rounds read them as this consumer's pending events.
     */
    private int claimIdle(Bucket b) {
        int taken = 0;
        String cursor = "0";
        for (int page = 0; page < 10_000; page++) {
            ClaimedMessages<String, String> claimed = redis.await(redis.async().xautoclaim(b.stream(),
                    XAutoClaimArgs.Builder.<String>justid(Consumer.from(KeyLayout.GROUP, consumer),
                            claimIdle.toMillis(), cursor).count(batchSize)));
            if (claimed == null) {
                break;
            }
            taken += claimed.getMessages().size();
            cursor = claimed.getId();
            if (cursor == null || "0-0".equals(cursor)) {
                break;
            }
        }
        return taken;
    }

    private void forgetStoppedConsumers(Bucket b) {
        List<Object> removed = redis.await(redis.<List<Object>>eval(forgetScript, ScriptOutputType.MULTI,
                new String[] {b.stream()}, KeyLayout.GROUP, Long.toString(consumerExpiry.toMillis()),
                consumer));
        if (removed != null && !removed.isEmpty()) {
            LOG.info("removed {} write-back consumers of bucket {} idle for more than {} with nothing pending: {}",
                    removed.size(), b, consumerExpiry, removed);
        }
    }

    /** Trims bucket {@code b} below its oldest event that is pending or not yet delivered. */
    void trim(Bucket b) {
        redis.await(redis.<Long>eval(trimScript, ScriptOutputType.INTEGER,
                new String[] {b.stream(), b.watermark()}, KeyLayout.GROUP));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
