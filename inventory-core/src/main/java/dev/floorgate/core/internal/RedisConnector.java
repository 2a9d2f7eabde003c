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

/**
 * The one Redis connection of the core: a single node or a Redis Cluster, behind Lettuce's common command
 * interface so the rest of the core does not care which. Lettuce connections are thread-safe and pipeline
 * concurrent commands; every command is bounded by {@code fg.redis.timeout}.
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

    RedisConnector(RedisConfiguration config) {
        this.timeout = config.getTimeout();
        List<RedisURI> uris = parse(config.getUri(), timeout);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        boolean cluster = config.isCluster() || uris.size() > 1;
        TimeoutOptions timeouts = TimeoutOptions.builder().fixedTimeout(timeout).build();
        if (cluster) {
            client = null;
            connection = null;
            clusterClient = RedisClusterClient.create(resources, uris);
            clusterClient.setOptions(ClusterClientOptions.builder().timeoutOptions(timeouts)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofSeconds(30)).build())
                    .build());
            clusterConnection = clusterClient.connect();
            async = clusterConnection.async();
            description = "cluster " + config.getUri();
        } else {
            clusterClient = null;
            clusterConnection = null;
            client = RedisClient.create(resources, uris.get(0));
            client.setOptions(ClientOptions.builder().timeoutOptions(timeouts)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
            connection = client.connect();
            async = connection.async();
            description = "standalone " + config.getUri();
        }
    }

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
