package dev.floorgate.core.internal;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants that have keys in Redis (layout 2, {@link KeyLayout}): what the write-back, the lag, the trim and
 * reconciliation loop over, as (tenant, bucket) pairs. Kept in the Redis set {@code fg:tenants}, so every core
 * instance sees the same tenants.
 *
 * <p>The rule that makes it complete: an instance {@link #register registers} a tenant before its first write
 * under the tenant's tag (SADD, then each bucket's consumer group created from id 0); only then does it cache the
 * tenant and go on. So a stream never holds an event its group or the set does not cover. On a Redis Cluster the set
 * lives on another slot than the data, and a failover there could lose a SADD the data's shard kept. Two things
 * cover that: with {@code fg.redis.wait-replicas} an operation is answered APPLIED only once every master's
 * replicas hold what was written since the batch began (ReplicaConfirmer; the SADD is part of it), and each instance
 * reads the set united with the tenants it registered itself and adds back any of those the set lacks.
 *
 * <p>The set only grows; a tenant without data costs one XREADGROUP per bucket and round of the write-back.
 */
final class TenantRegistry {
    private final RedisConnector redis;
    private final KeyLayout keys;
    private final long refreshNanos;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private volatile List<String> cached = List.of();
    private volatile long cachedAt;
    /** True until the first read and after a registration here: the next {@link #tenants()} reads Redis. */
    private volatile boolean stale = true;

    /** @param refreshMillis how long {@link #tenants()} may answer from memory (the write-back asks every round) */
    TenantRegistry(RedisConnector redis, KeyLayout keys, long refreshMillis) {
        this.redis = redis;
        this.keys = keys;
        this.refreshNanos = refreshMillis * 1_000_000;
    }

    /** Makes sure {@code tenant} is registered before its first key is written; a map lookup once it is. */
    void register(String tenant) {
        if (tenant == null) {
            return; // a layout-1 bucket (Bucket.layout1): no tenant in its names, nothing to register
        }
        if (registered.contains(tenant)) {
            return;
        }
        KeyLayout.checkTenant(tenant);
        redis.await(redis.async().sadd(KeyLayout.TENANTS, tenant));
        createGroups(redis, keys.bucketsOf(List.of(tenant)));
        registered.add(tenant);
        stale = true;
    }

    /** The registered tenants, sorted; at most {@code refreshMillis} old (what this instance registered: at once). */
    List<String> tenants() {
        long now = System.nanoTime();
        if (!stale && now - cachedAt < refreshNanos) {
            return cached;
        }
        return fresh();
    }

    /** The registered tenants as Redis holds them now, united with this instance's own registrations. */
    List<String> fresh() {
        Set<String> all = new TreeSet<>(redis.await(redis.async().smembers(KeyLayout.TENANTS)));
        List<String> lost = new ArrayList<>();
        for (String own : registered) {
            if (all.add(own)) {
                lost.add(own);
            }
        }
        if (!lost.isEmpty()) { // a failover or a flush lost them: put them back for the other instances
            redis.await(redis.async().sadd(KeyLayout.TENANTS, lost.toArray(new String[0])));
        }
        List<String> list = List.copyOf(all);
        cached = list;
        cachedAt = System.nanoTime();
        stale = false;
        return list;
    }

    /** Every bucket of every registered tenant. */
    List<Bucket> buckets() {
        return keys.bucketsOf(tenants());
    }

    /** Creates the consumer group of each bucket's stream from its first entry (idempotent). */
    static void createGroups(RedisConnector redis, List<Bucket> buckets) {
        List<CompletableFuture<String>> creates = new ArrayList<>();
        for (Bucket b : buckets) {
            creates.add(redis.async().xgroupCreate(XReadArgs.StreamOffset.from(b.stream(), "0"), KeyLayout.GROUP,
                    XGroupCreateArgs.Builder.mkstream()).toCompletableFuture());
        }
        for (CompletableFuture<String> create : creates) {
            try {
                redis.await(create);
            } catch (RedisBusyException e) {
                // BUSYGROUP: the group exists already.
            } catch (RuntimeException e) {
                if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                    throw e;
                }
            }
        }
    }
}
