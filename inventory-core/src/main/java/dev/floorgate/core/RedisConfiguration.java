package dev.floorgate.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Where the Redis hot path lives, {@code fg.redis.*}. */
@ConfigurationProperties(RedisConfiguration.PREFIX)
public class RedisConfiguration {
    public static final String PREFIX = "fg.redis";

    /**
     * {@code fg.redis.uri}: one node ({@code redis://127.0.0.1:6379}, {@code redis://host:port/db} for a logical
     * database), a comma-separated list of Redis Cluster nodes ({@code redis://h1:7000,redis://h2:7001}), or the
     * sentinels of a primary/replica set in Lettuce's form {@code redis-sentinel://s1:26379,s2:26379,s3:26379#mymaster}
     * (the text after {@code #} is the master name the sentinels monitor; {@code /db} before it picks a database).
     */
    private String uri = "redis://127.0.0.1:6379";
    /** {@code fg.redis.cluster}: treat a single URI as a cluster seed node (false; a list always means cluster). */
    private boolean cluster;
    /** {@code fg.redis.timeout}: bound on every Redis command (2s). */
    private Duration timeout = Duration.ofSeconds(2);
    /**
     * {@code fg.redis.wait-replicas}: replicas that must hold a batch's writes before the core answers it (Redis
     * {@code WAIT}), and before the write-back copies events into MySQL (0 = off, for one node without replicas).
     * Set it to the number of replicas with Sentinel, or of replicas per master with a cluster (every master is
     * fenced and waited for: see ClusterWaits).
     */
    private int waitReplicas;
    /** {@code fg.redis.wait-timeout}: how long one {@code WAIT} may block (1s); short of replicas = RETRY answers. */
    private Duration waitTimeout = Duration.ofSeconds(1);

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public boolean isCluster() {
        return cluster;
    }

    public void setCluster(boolean cluster) {
        this.cluster = cluster;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public int getWaitReplicas() {
        return waitReplicas;
    }

    public void setWaitReplicas(int waitReplicas) {
        this.waitReplicas = waitReplicas;
    }

    public Duration getWaitTimeout() {
        return waitTimeout;
    }

    public void setWaitTimeout(Duration waitTimeout) {
        this.waitTimeout = waitTimeout;
    }
}
