package dev.floorgate.core.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code WAIT} on a Redis Cluster: one fence write and one WAIT on <em>every</em> master, each on a connection of its
 * own to that master.
 *
 * <p><b>Why every master.</b> One operation writes in two slots (its claim {@code fg:c:{opId}} and its record's
 * bucket) and a batch in many, so the writes of a batch sit on any of the masters. WAIT answers for the connection it
 * is sent on: it waits until the replicas of <em>that</em> node acknowledged that node's replication offset as of the
 * connection's last write. So each master gets {@code INCR} of a key in a slot it owns (in the client's view of the
 * cluster) and then {@code WAIT} on the same dedicated connection: since Redis runs commands one at a time, the fence
 * comes after every write that master ran before it, from any connection, and a WAIT that counts n replicas proves
 * those writes are on n replicas. The round's answer is the smallest count over the masters.
 *
 * <p><b>When the view is wrong.</b> A master that was demoted refuses the fence (MOVED or READONLY), a dead one fails
 * it, and either fails the whole round, so the batch is answered RETRY. A change of the client's topology view, or
 * of any connection, changes {@link RedisConnector#epoch()}, which {@link ReplicaConfirmer} compares with the
 * batch's start; and the set of masters is compared before and after the round. What this does not see: a write
 * redirected (MOVED/ASK) to a master the client does not know yet, during a live resharding onto a new master,
 * until the client's topology refresh names it (adaptive refresh on the redirect, or the 10 s periodic one).
 *
 * <p>Dedicated connections: WAIT blocks its connection for up to {@code fg.redis.wait-timeout}, which must not stall
 * the commands the cluster connection pipelines to that node.
 */
final class ClusterWaits implements AutoCloseable {
    private final StatefulRedisClusterConnection<String, String> cluster;
    private final RedisClient client;
    private final Duration timeout;
    private final Map<String, CompletableFuture<StatefulRedisConnection<String, String>>> byNode =
            new ConcurrentHashMap<>();

    ClusterWaits(ClientResources resources, StatefulRedisClusterConnection<String, String> cluster,
            Duration timeout) {
        this.cluster = cluster;
        this.timeout = timeout;
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.builder().fixedTimeout(timeout)
                .build()).disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        for (RedisClusterNode master : masters()) {
            connection(master); // now, so the first batches do not see a connection appear (a new epoch)
        }
    }

    /** The masters with slots in the client's current view of the cluster. */
    private List<RedisClusterNode> masters() {
        List<RedisClusterNode> masters = new ArrayList<>();
        for (RedisClusterNode node : cluster.getPartitions()) {
            if ((node.is(RedisClusterNode.NodeFlag.UPSTREAM) || node.is(RedisClusterNode.NodeFlag.MASTER))
                    && !node.hasNoSlots()) {
                masters.add(node);
            }
        }
        return masters;
    }

    private static TreeSet<String> ids(List<RedisClusterNode> nodes) {
        TreeSet<String> ids = new TreeSet<>();
        nodes.forEach(n -> ids.add(n.getNodeId()));
        return ids;
    }

    /**
     * The dedicated connection to a master, connected asynchronously: a round may be sent from a Lettuce I/O thread
     * (the previous round's completion), which must not block on a connect. A failed connect is forgotten, so the
     * next round tries again (a master down at start, say).
     */
    private CompletableFuture<StatefulRedisConnection<String, String>> connection(RedisClusterNode node) {
        String id = node.getNodeId();
        CompletableFuture<StatefulRedisConnection<String, String>> c = byNode.computeIfAbsent(id, key -> {
            RedisURI uri = RedisURI.builder(node.getUri()).withTimeout(timeout).build();
            try {
                return client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
        c.whenComplete((ok, error) -> {
            if (error != null) {
                byNode.remove(id, c);
            }
        });
        return c;
    }

    /** A key whose slot {@code node} owns: tries {@code fg:wait-fence:{0}}, {@code {1}}, ... */
    static String fenceKey(RedisClusterNode node) {
        for (int i = 0; i < 1_000_000; i++) {
            String key = RedisConnector.WAIT_FENCE_KEY + ":{" + i + "}";
            if (node.hasSlot(SlotHash.getSlot(key))) {
                return key;
            }
        }
        throw new IllegalStateException("no fence key found for cluster node " + node.getNodeId() + " with "
                + node.getSlots().size() + " slots");
    }

    /** INCR then WAIT on every master; answers the fewest replicas any master reported, or fails. */
    CompletableFuture<Long> fenceAndWait(int replicas, Duration waitTimeout) {
        List<RedisClusterNode> masters = masters();
        if (masters.isEmpty()) {
            return CompletableFuture.failedFuture(new io.lettuce.core.RedisException("the cluster view names no "
                    + "master with slots"));
        }
        TreeSet<String> before = ids(masters);
        List<CompletableFuture<Long>> rounds = new ArrayList<>();
        for (RedisClusterNode master : masters) {
            String key = fenceKey(master);
            rounds.add(connection(master).thenCompose(c -> {
                // pipelined on the one connection: the WAIT covers the fence, the fence every earlier write
                CompletableFuture<Long> fence = c.async().incr(key).toCompletableFuture();
                CompletableFuture<Long> acked = c.async().waitForReplication(replicas, waitTimeout.toMillis())
                        .toCompletableFuture();
                return fence.thenCombine(acked, (f, n) -> n);
            }));
        }
        return CompletableFuture.allOf(rounds.toArray(new CompletableFuture<?>[0])).thenApply(all -> {
            long fewest = Long.MAX_VALUE;
            for (CompletableFuture<Long> r : rounds) {
                fewest = Math.min(fewest, r.join());
            }
            if (!before.equals(ids(masters()))) {
                throw new io.lettuce.core.RedisException("the cluster's masters changed during a WAIT round ("
                        + before.size() + " before, " + masters().size() + " after)");
            }
            return fewest;
        });
    }

    @Override
    public void close() {
        for (CompletableFuture<StatefulRedisConnection<String, String>> c : byNode.values()) {
            c.thenAccept(StatefulRedisConnection::close);
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
