package dev.floorgate.core.internal;

import dev.floorgate.core.CoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the core accepts work. A probe runs every {@code fg.core.health-interval}: Redis PING, a MySQL
 * connection check, and the write-back lag (events not yet committed to MySQL, summed over the buckets: the
 * group's pending plus its unread entries, from XINFO GROUPS). While Redis or MySQL is down or the lag exceeds
 * {@code fg.core.writeback.max-lag}, requests are refused with 503 and Retry-After: accepting them would promise
 * durability the core cannot deliver. Requests between two probes that hit a failing store get per-operation RETRY
 * results instead.
 */
final class LoadShedder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadShedder.class);

    /** One probe's findings. */
    record Health(boolean redisUp, String redisError, long redisMillis, boolean mysqlUp, String mysqlError,
            long mysqlMillis, long writeBackLag) {
    }

    private final RedisConnector redis;
    private final Database db;
    private final TenantRegistry tenants;
    private final CoreMetrics metrics;
    private final long maxLag;
    private final Duration retryAfter;
    private final ScheduledExecutorService probe;
    private volatile Health health;
    private volatile boolean closed;

    LoadShedder(RedisConnector redis, Database db, TenantRegistry tenants, CoreMetrics metrics, long maxLag,
            Duration retryAfter, Duration interval) {
        this.redis = redis;
        this.db = db;
        this.tenants = tenants;
        this.metrics = metrics;
        this.maxLag = maxLag;
        this.retryAfter = retryAfter;
        this.health = measure();
        this.probe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fg-health-probe");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(50, interval.toMillis());
        probe.scheduleWithFixedDelay(this::refresh, ms, ms, TimeUnit.MILLISECONDS);
    }

    Health health() {
        return health;
    }

    /** Probes now (the admin and health endpoints want fresh answers). */
    Health refresh() {
        try {
            Health h = measure();
            if (closed) {
                return health;
            }
            if (h.redisUp() != health.redisUp() || h.mysqlUp() != health.mysqlUp()) {
                LOG.warn("store state changed: redis {} ({}), mysql {} ({})", h.redisUp() ? "UP" : "DOWN",
                        h.redisError(), h.mysqlUp() ? "UP" : "DOWN", h.mysqlError());
            }
            health = h;
            return h;
        } catch (RuntimeException e) {
            LOG.warn("health probe failed", e);
            return health;
        }
    }

    /** Throws {@link CoreUnavailableException} while the core sheds writes. */
    void check() {
        check(true);
    }

    /** Throws {@link CoreUnavailableException} while a store is down (reads add nothing to the write-back). */
    void checkStores() {
        check(false);
    }

    private void check(boolean writes) {
        Health h = health;
        String reason = null;
        if (!h.redisUp()) {
            reason = "Redis is unreachable";
        } else if (!h.mysqlUp()) {
            reason = "the database is unreachable";
        } else if (writes && h.writeBackLag() > maxLag) {
            reason = "write-back lags " + h.writeBackLag() + " events behind, more than fg.core.writeback.max-lag "
                    + maxLag;
        }
        if (reason != null) {
            metrics.shed();
            throw new CoreUnavailableException(reason, retryAfter);
        }
    }

    /** {@code what} goes to the client; the cause, which may carry driver text, only to the log. */
    CoreUnavailableException unavailable(String what, Exception cause) {
        metrics.shed();
        LOG.warn("{}: {}", what, cause.toString());
        return new CoreUnavailableException(what, retryAfter, cause);
    }

    private Health measure() {
        boolean redisUp;
        String redisError = null;
        long t0 = System.nanoTime();
        long lag = 0;
        try {
            redis.await(redis.async().ping());
            redisUp = true;
        } catch (RuntimeException e) {
            redisUp = false;
            redisError = e.toString();
        }
        long redisMillis = (System.nanoTime() - t0) / 1_000_000;
        if (redisUp) {
            try {
                lag = lag();
            } catch (RuntimeException e) {
                redisUp = false;
                redisError = "reading the write-back lag failed: " + e;
            }
        }
        long t1 = System.nanoTime();
        boolean mysqlUp = db.isUp();
        long mysqlMillis = (System.nanoTime() - t1) / 1_000_000;
        metrics.health(redisUp, mysqlUp, lag);
        return new Health(redisUp, redisError, redisMillis, mysqlUp, mysqlUp ? null : "no valid connection within "
                + "the pool timeout", mysqlMillis, lag);
    }

    /**
     * Events not yet committed to MySQL, over every bucket of every tenant (TenantRegistry): per bucket the group's
     * pending plus its unread entries
     * (XINFO GROUPS), at most the stream's length. The cap matters after a Redis failover: the promoted replica's
     * counters behind the group's {@code lag} (entries added minus entries read) can disagree, and a stream that
     * holds nothing then reported hundreds of unread entries per bucket (RedisFailoverTest saw 11,755 over an
     * empty set of streams), which would shed load for nothing and hold writes back forever. What the stream does
     * not hold cannot be unread.
     */
    long lag() {
        long total = 0;
        List<java.util.concurrent.CompletableFuture<List<Object>>> infos = new java.util.ArrayList<>();
        List<java.util.concurrent.CompletableFuture<Long>> lengths = new java.util.ArrayList<>();
        List<Bucket> buckets = tenants.buckets();
        for (Bucket b : buckets) {
            infos.add(redis.async().xinfoGroups(b.stream()).toCompletableFuture()
                    .exceptionally(e -> null));
            lengths.add(redis.async().xlen(b.stream()).toCompletableFuture());
        }
        for (int b = 0; b < buckets.size(); b++) {
            long length = redis.await(lengths.get(b));
            List<Object> groups = redis.await(infos.get(b));
            if (groups == null) {
                continue; // no stream yet: nothing written to this bucket
            }
            Long lagOfGroup = null;
            for (Object g : groups) {
                List<?> fields = (List<?>) g;
                if (KeyLayout.GROUP.equals(String.valueOf(field(fields, "name")))) {
                    Object pending = field(fields, "pending");
                    Object unread = field(fields, "lag");
                    if (unread != null) {
                        lagOfGroup = ((Number) pending).longValue() + ((Number) unread).longValue();
                    }
                }
            }
            total += lagOfGroup != null ? Math.min(lagOfGroup, length) : length;
        }
        return total;
    }

    private static Object field(List<?> flat, String name) {
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            if (name.equals(String.valueOf(flat.get(i)))) {
                return flat.get(i + 1);
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        probe.shutdownNow();
    }
}
