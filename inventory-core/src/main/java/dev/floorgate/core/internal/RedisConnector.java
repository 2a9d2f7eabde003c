package dev.floorgate.core.internal;

import dev.floorgate.core.RedisConfiguration;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ConnectionDeactivatedEvent;

/**
 * The one Redis connection of the core: a single node, a primary found through Sentinel, or a Redis Cluster, behind
 * Lettuce's common command interface so the rest of the core does not care which. Lettuce connections are
 * thread-safe and pipeline concurrent commands; every command is bounded by {@code fg.redis.timeout}.
 *
 * <p><b>Sentinel</b> ({@code redis-sentinel://s1:26379,s2:26379,s3:26379#mymaster}): a plain {@link RedisClient}
 * with the Sentinel URI, not Lettuce's MasterReplica. The client asks the sentinels for the primary's address on
 * every (re)connect, so after a failover the reconnect lands on the promoted replica, and Sentinel closes the
 * normal client connections of a primary it demotes. The core only ever talks to the primary (a read from a replica
 * could miss the core's own last write), so MasterReplica's replica routing and topology tracking buy nothing.
 *
 * <p>With {@code fg.redis.wait-replicas > 0} a second connection carries the {@code WAIT}s of {@link
 * ReplicaConfirmer}: WAIT blocks the connection it is sent on, and blocking the shared one would stall every batch.
 * {@link #epoch()} counts connection (de)activations, so a confirmer can tell that the node a WAIT reached is the
 * node that ran the writes. On a cluster the WAITs go to every master ({@link ClusterWaits}), and a topology change
 * counts in the epoch too.
 */
final class RedisConnector implements AutoCloseable {
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisClusterClient clusterClient;
    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisClusterConnection<String, String> clusterConnection;
    private final RedisClusterAsyncCommands<String, String> async;
    private final Duration timeout;
    private final String description;
    private final RedisClient waitClient;
    private final StatefulRedisConnection<String, String> waitConnection;
    private final ClusterWaits clusterWaits;
    private final AtomicLong epoch = new AtomicLong();

    RedisConnector(RedisConfiguration config) {
        this.timeout = config.getTimeout();
        List<RedisURI> uris = parse(config.getUri(), timeout);
        // Reconnect attempts back off to at most 1 s (Lettuce's default grows to 30 s): after a failover the
        // promoted replica is found within a second of the sentinels naming it.
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(io.lettuce.core.resource.Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1),
                        2, TimeUnit.MILLISECONDS))
                .build();
        resources.eventBus().get().subscribe(event -> {
            if (event instanceof ConnectionActivatedEvent || event instanceof ConnectionDeactivatedEvent
                    || event instanceof ClusterTopologyChangedEvent) {
                epoch.incrementAndGet();
            }
        });
        boolean sentinel = RedisSentinelUri.isSentinel(config.getUri());
        boolean cluster = !sentinel && (config.isCluster() || uris.size() > 1);
        TimeoutOptions timeouts = TimeoutOptions.builder().fixedTimeout(timeout).build();
        if (cluster) {
            client = null;
            connection = null;
            clusterClient = RedisClusterClient.create(resources, uris);
            clusterClient.setOptions(ClusterClientOptions.builder().timeoutOptions(timeouts)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofSeconds(10))
                            // the first reconnect failures to a dead master trigger a refresh before the cluster
                            // has promoted a replica (cluster-node-timeout); Lettuce's default 30 s rate limit
                            // then kept a core on the dead node's slots for 30 s or more (ClusterFailoverTest)
                            .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1)).build())
                    .build());
            clusterConnection = clusterClient.connect();
            async = clusterConnection.async();
            description = "cluster " + config.getUri();
            waitClient = null;
            waitConnection = null;
            clusterWaits = config.getWaitReplicas() > 0 ? new ClusterWaits(resources, clusterConnection,
                    timeout.plus(config.getWaitTimeout())) : null;
        } else {
            clusterWaits = null;
            clusterClient = null;
            clusterConnection = null;
            client = RedisClient.create(resources, uris.get(0));
            client.setOptions(ClientOptions.builder().timeoutOptions(timeouts)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
            connection = client.connect();
            async = connection.async();
            description = sentinel ? "primary '" + uris.get(0).getSentinelMasterId() + "' of "
                    + uris.get(0).getSentinels().size() + " sentinels" : "standalone " + config.getUri();
            if (config.getWaitReplicas() > 0) {
                // its own client: a WAIT may block for wait-timeout, longer than the common command timeout
                waitClient = RedisClient.create(resources, uris.get(0));
                waitClient.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.builder()
                                .fixedTimeout(timeout.plus(config.getWaitTimeout())).build())
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
                waitConnection = waitClient.connect();
            } else {
                waitClient = null;
                waitConnection = null;
            }
        }
    }

    /** Connection activations and deactivations so far (any connection of this connector, sentinels included). */
    long epoch() {
        return epoch.get();
    }

    /**
     * {@code INCR fg:wait-fence} then {@code WAIT replicas timeout} on the WAIT connection, pipelined. WAIT waits
     * for this client's last write; the fence write makes that every write the primary executed before it, from any
     * connection. Answers the replicas that acknowledged, or fails (the fence failing, a READONLY demoted primary
     * say, fails the whole round: a WAIT after a failed write would vouch for nothing).
     */
    CompletableFuture<Long> fenceAndWait(int replicas, Duration waitTimeout) {
        if (clusterWaits != null) {
            return clusterWaits.fenceAndWait(replicas, waitTimeout);
        }
        if (waitConnection == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no WAIT connection: fg.redis.wait-replicas "
                    + "is 0 (" + description + ")"));
        }
        CompletableFuture<Long> fence = waitConnection.async().incr(WAIT_FENCE_KEY).toCompletableFuture();
        CompletableFuture<Long> acked = waitConnection.async().waitForReplication(replicas, waitTimeout.toMillis())
                .toCompletableFuture();
        return fence.thenCombine(acked, (f, n) -> n);
    }

    static final String WAIT_FENCE_KEY = "fg:wait-fence";

    /**
     * Idempotency results must live for their TTL; a Redis that evicts keys under memory pressure could drop one
     * and let a repeat through. Warns (CONFIG may be disabled on managed Redis, so this is best effort).
     */
    void warnIfEvicting(org.slf4j.Logger log) {
        try {
            java.util.Map<String, String> policy = await(async.configGet("maxmemory-policy"));
            String value = policy.get("maxmemory-policy");
            if (value != null && !"noeviction".equals(value)) {
                log.warn("Redis ({}) runs with maxmemory-policy {}; FloorGate needs noeviction so that idempotency "
                        + "results are kept for their whole TTL", description, value);
            }
        } catch (RuntimeException e) {
            log.debug("could not read maxmemory-policy from Redis: {}", e.toString());
        }
    }

    static List<RedisURI> parse(String spec, Duration timeout) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("fg.redis.uri is empty; expected redis://host:port[/db] or a "
                    + "comma-separated list of cluster nodes");
        }
        if (RedisSentinelUri.isSentinel(spec)) {
            return List.of(RedisSentinelUri.create(spec, timeout)); // one URI: its commas separate the sentinels
        }
        List<RedisURI> uris = new ArrayList<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                RedisURI uri = RedisURI.create(p.contains("://") ? p : "redis://" + p);
                uri.setTimeout(timeout);
                uris.add(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fg.redis.uri entry '" + p + "' is not a Redis URI", e);
            }
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("fg.redis.uri '" + spec + "' names no node");
        }
        return uris;
    }

    RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    boolean isCluster() {
        return clusterConnection != null;
    }

    String description() {
        return description;
    }

    Duration timeout() {
        return timeout;
    }

    /** Waits for a command's reply within the command timeout; Redis errors surface unwrapped. */
    <T> T await(CompletionStage<T> future) {
        try {
            return future.toCompletableFuture().get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.lettuce.core.RedisException("interrupted while waiting for Redis (" + description + ")", e);
        } catch (TimeoutException e) {
            throw new io.lettuce.core.RedisCommandTimeoutException("Redis (" + description + ") did not answer within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    static RuntimeException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof RuntimeException ? (RuntimeException) t
                : new io.lettuce.core.RedisException(t.getMessage(), t);
    }

    /** Makes every node know the script (best effort; {@link #eval} recovers from NOSCRIPT anyway). */
    void preload(LuaScript script) {
        RedisFuture<String> loaded = isCluster() ? clusterConnection.async().scriptLoad(script.source())
                : connection.async().scriptLoad(script.source());
        String sha = await(loaded);
        if (!script.sha().equals(sha)) {
            throw new IllegalStateException("Redis reports SHA " + sha + " for script " + script.name()
                    + ", expected " + script.sha());
        }
    }

    /** Runs a script by SHA; on NOSCRIPT (a node that never saw it) sends the source once. */
    <T> CompletableFuture<T> eval(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
        CompletableFuture<T> byShaFuture = async.<T>evalsha(script.sha(), type, keys, args).toCompletableFuture();
        return byShaFuture.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = unwrap(error);
            if (cause instanceof RedisNoScriptException
                    || (cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT"))) {
                return async.<T>eval(script.source(), type, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    @Override
    public void close() {
        if (clusterWaits != null) {
            clusterWaits.close();
        }
        if (waitConnection != null) {
            waitConnection.close();
            waitClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (connection != null) {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        if (clusterConnection != null) {
            clusterConnection.close();
            clusterClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
