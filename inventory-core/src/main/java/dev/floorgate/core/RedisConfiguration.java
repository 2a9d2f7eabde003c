package dev.floorgate.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Where the Redis hot path lives, {@code fg.redis.*}. */
@ConfigurationProperties(RedisConfiguration.PREFIX)
public class RedisConfiguration {
    public static final String PREFIX = "fg.redis";

    /**
     * {@code fg.redis.uri}: one node ({@code redis://127.0.0.1:6379}, {@code redis://host:port/db} for a logical
     * database) or a comma-separated list of Redis Cluster nodes ({@code redis://h1:7000,redis://h2:7001}).
     */
    private String uri = "redis://127.0.0.1:6379";
    /** {@code fg.redis.cluster}: treat a single URI as a cluster seed node (false; a list always means cluster). */
    private boolean cluster;
    /** {@code fg.redis.timeout}: bound on every Redis command (2s). */
    private Duration timeout = Duration.ofSeconds(2);

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
}
