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
 *
 * <p>A store is called down after {@link #FAILED_PROBES_FOR_DOWN} failed probes in a row, and up again after one
 * good probe. One probe that misses its answer on a loaded machine (a MySQL validity check past its timeout, a
 * pooled connection the server had closed) would otherwise shed every write until the next probe: EventsOutTest
 * saw nine batches refused that way with two cores busy, while the store itself was fine.
 */
final class LoadShedder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoadShedder.class);

    /** One probe's findings. */
    record Health(boolean redisUp, String redisError, long redisMillis, boolean mysqlUp, String mysqlError,
            long mysqlMillis, long writeBackLag) {
    }

    /** Failed probes in a row before a store counts as down; one probe interval later than the first failure. */
    static final int FAILED_PROBES_FOR_DOWN = 2;

    private final RedisConnector redis;
    private final Database db;
    private final TenantRegistry tenants;
    private final CoreMetrics metrics;
    private final long maxLag;
    private final Duration retryAfter;
    private final ScheduledExecutorService probe;
    private volatile Health health;
    private volatile boolean closed;
    /** Each store's verdict from its probes; only touched by the synchronized {@link #refresh()}. */
    private final Verdict redisVerdict;
    private final Verdict mysqlVerdict;

    LoadShedder(RedisConnector redis, Database db, TenantRegistry tenants, CoreMetrics metrics, long maxLag,
            Duration retryAfter, Duration interval) {
        this.redis = redis;
        this.db = db;
        this.tenants = tenants;
        this.metrics = metrics;
        this.maxLag = maxLag;
        this.retryAfter = retryAfter;
        this.health = measure(); // at start, as measured: no earlier state to hold on to
        metrics.health(health.redisUp(), health.mysqlUp(), health.writeBackLag());
        this.redisVerdict = new Verdict(health.redisUp());
        this.mysqlVerdict = new Verdict(health.mysqlUp());
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
    synchronized Health refresh() {
        try {
            Health probed = measure();
            if (closed) {
                return health;
            }
            Health was = health;
            boolean redisUp = redisVerdict.probe(probed.redisUp());
            boolean mysqlUp = mysqlVerdict.probe(probed.mysqlUp());
            if (redisUp != probed.redisUp() || mysqlUp != probed.mysqlUp()) {
                LOG.info("store probe failed once, not shedding before {} in a row: redis {} ({}), mysql {} ({})",
                        FAILED_PROBES_FOR_DOWN, probed.redisUp() ? "UP" : "FAILED", probed.redisError(),
                        probed.mysqlUp() ? "UP" : "FAILED", probed.mysqlError());
            }
            // a store held up after one failed probe shows no error: the log line above has it
            Health h = new Health(redisUp, redisUp ? null : probed.redisError(), probed.redisMillis(), mysqlUp,
                    mysqlUp ? null : probed.mysqlError(), probed.mysqlMillis(), probed.writeBackLag());
            if (h.redisUp() != was.redisUp() || h.mysqlUp() != was.mysqlUp()) {
                LOG.warn("store state changed: redis {} ({}), mysql {} ({})", h.redisUp() ? "UP" : "DOWN",
                        h.redisError(), h.mysqlUp() ? "UP" : "DOWN", h.mysqlError());
            }
            metrics.health(h.redisUp(), h.mysqlUp(), h.writeBackLag());
            health = h;
            return h;
        } catch (RuntimeException e) {
            LOG.warn("health probe failed", e);
            return health;
        }
    }

    /**
     * One store's verdict from its probes: up after one good probe; down after {@link #FAILED_PROBES_FOR_DOWN}
     * failed in a row, or at once for a store that was already down at start.
     */
    static final class Verdict {
        private boolean up;
        private int failedInARow;

        Verdict(boolean upAtStart) {
            this.up = upAtStart;
            this.failedInARow = upAtStart ? 0 : FAILED_PROBES_FOR_DOWN;
        }

        /** Takes one probe's result; returns whether the store now counts as up. */
        boolean probe(boolean good) {
            failedInARow = good ? 0 : failedInARow + 1;
            up = good || up && failedInARow < FAILED_PROBES_FOR_DOWN;
            return up;
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
