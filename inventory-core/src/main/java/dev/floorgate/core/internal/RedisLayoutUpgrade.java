package dev.floorgate.core.internal;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a deployment from Redis key layout 1 ({@code {fg:<bucket>}}) to layout 2 ({@code {fg:<tenant>:<bucket>}},
 * KeyLayout) at start, before this instance serves anything. The layout is recorded as core_meta 'redis-layout';
 * a database without the row may have a Redis written by layout 1.
 *
 * <p>The steps, under the job lease 'redis-layout' (JobLeases: several instances starting at once, one upgrades,
 * the others wait until the row says 2):
 * <ol>
 *   <li>write back every layout-1 stream into MySQL with the write-back's own code (WriteBackWorker.drain), taking
 *   over what the stopped old instances had read but not committed: after this MySQL holds every operation Redis
 *   applied, once (the ledger's unique op_id and the per-record seq make a second copy change nothing);</li>
 *   <li>delete every layout-1 key (stock and order hashes, results, streams, watermarks, record sets);</li>
 *   <li>record 'redis-layout' = 2.</li>
 * </ol>
 * What that leaves: records reload from MySQL on first use (ColdLoader), with the active order reservations the
 * write-back stored, and with the reload time that sends older opIds to the ledger; claims ({@code fg:c:{opId}})
 * keep their names in both layouts, so a replay of an old opId finds its claim, misses its result in Redis and is
 * answered from the ledger (DUPLICATE with the first result), as after a flushed Redis (IdempotencyTest).
 * A crash midway is safe to repeat: nothing is deleted before everything is in MySQL, and the row is written last.
 * Every instance of the old version must be stopped first: one still writing layout 1 after the drain would lose
 * those writes. There is no way back to layout 1 other than the old version with a flushed Redis.
 */
final class RedisLayoutUpgrade {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLayoutUpgrade.class);
    static final String LEASE = "redis-layout";
    /** A layout-1 key: its tag is {fg:<digits>}; layout 2 has the tenant and a ':' inside. */
    private static final Pattern LAYOUT_1_KEY = Pattern.compile("^fg:(\\{fg:[0-9]+\\}):.*", Pattern.DOTALL);
    private static final int DELETE_BATCH = 500;

    private final RedisConnector redis;
    private final Database db;
    private final int buckets;
    private final WriteBackWriter writer;
    private final LuaScript trimScript;
    private final CoreMetrics metrics;
    private final String instanceId;
    private final Duration leaseTtl;

    /** What the start found; {@code upgradedHere} is true on the one instance that ran the upgrade. */
    record Outcome(boolean upgradedHere, long eventsWrittenBack, long keysDeleted) {
    }

    RedisLayoutUpgrade(RedisConnector redis, Database db, int buckets, WriteBackWriter writer, LuaScript trimScript,
            CoreMetrics metrics, String instanceId, Duration leaseTtl) {
        this.redis = redis;
        this.db = db;
        this.buckets = buckets;
        this.writer = writer;
        this.trimScript = trimScript;
        this.metrics = metrics;
        this.instanceId = instanceId;
        this.leaseTtl = leaseTtl;
    }

    /** Returns once core_meta says layout 2, having upgraded here if no other instance does. */
    Outcome run() throws SQLException, InterruptedException {
        int recorded = recordedLayout();
        if (recorded > KeyLayout.CURRENT) {
            throw new IllegalStateException("this database records Redis key layout " + recorded + ", written by a "
                    + "newer core; this one writes layout " + KeyLayout.CURRENT + " and would miss every key");
        }
        if (recorded == KeyLayout.CURRENT) {
            return new Outcome(false, 0, 0);
        }
        JobLeases lease = new JobLeases(db, instanceId, leaseTtl);
        BooleanSupplier held = lease.gate(LEASE);
        lease.start();
        try {
            long nextLog = System.nanoTime() + Duration.ofSeconds(2).toNanos(); // the first lease round is at once
            while (true) {
                if (recordedLayout() == KeyLayout.CURRENT) {
                    return new Outcome(false, 0, 0); // another instance upgraded meanwhile
                }
                if (held.getAsBoolean()) {
                    return upgrade(held);
                }
                if (System.nanoTime() >= nextLog) {
                    LOG.info("waiting for another core instance to move Redis to key layout {} (lease '{}')",
                            KeyLayout.CURRENT, LEASE);
                    nextLog = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                }
                Thread.sleep(100);
            }
        } finally {
            lease.close();
        }
    }

    private Outcome upgrade(BooleanSupplier held) throws SQLException {
        long t0 = System.nanoTime();
        List<Bucket> streams = new ArrayList<>();
        for (Bucket b : new KeyLayout(buckets, 1).bucketsOf(List.of())) {
            if (redis.await(redis.async().exists(b.stream())) > 0) {
                streams.add(b);
            }
        }
        // claim-idle 0: the old version's consumers are stopped, so everything pending at them is taken over. A
        // layout-1 stream mixes tenants; the writer commits each tenant's part on that tenant's own connection.
        WriteBackWorker drainer = new WriteBackWorker(redis, () -> streams, writer, trimScript, metrics, instanceId,
                500, Duration.ofMillis(5), Duration.ofHours(1), Duration.ZERO, () -> { });
        long events = drainer.drain();
        requireHeld(held, "after writing back " + events + " layout-1 events");
        long deleted = deleteLayout1Keys(held);
        requireHeld(held, "after deleting " + deleted + " layout-1 keys");
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("INSERT INTO core_meta (name, "
                + "value) VALUES ('redis-layout', ?) ON DUPLICATE KEY UPDATE value = VALUES(value)")) {
            ps.setString(1, Integer.toString(KeyLayout.CURRENT));
            ps.executeUpdate();
        }
        LOG.info("Redis key layout {} recorded: {} layout-1 write-back events written to MySQL from {} streams, {} "
                + "layout-1 keys deleted, in {} ms", KeyLayout.CURRENT, events, streams.size(), deleted,
                (System.nanoTime() - t0) / 1_000_000);
        return new Outcome(true, events, deleted);
    }

    /** Deletes every key named by layout 1, found by one SCAN (every master of a cluster), a tag's keys together. */
    private long deleteLayout1Keys(BooleanSupplier held) {
        long deleted = 0;
        Map<String, List<String>> byTag = new LinkedHashMap<>();
        ScanArgs match = ScanArgs.Builder.matches("fg:{fg:*").limit(1000);
        KeyScanCursor<String> cursor = redis.await(redis.async().scan(match));
        while (true) {
            for (String key : cursor.getKeys()) {
                Matcher m = LAYOUT_1_KEY.matcher(key);
                if (m.matches()) {
                    List<String> batch = byTag.computeIfAbsent(m.group(1), t -> new ArrayList<>());
                    batch.add(key);
                    if (batch.size() >= DELETE_BATCH) {
                        deleted += unlink(batch);
                    }
                }
            }
            if (cursor.isFinished()) {
                break;
            }
            requireHeld(held, "while deleting layout-1 keys (" + deleted + " so far)");
            cursor = redis.await(redis.async().scan(cursor, match));
        }
        for (List<String> batch : byTag.values()) {
            deleted += unlink(batch);
        }
        return deleted;
    }

    /** One UNLINK per batch: the keys share a hash tag, so one slot on a cluster. Empties the batch. */
    private long unlink(List<String> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        Long n = redis.await(redis.async().unlink(batch.toArray(new String[0])));
        batch.clear();
        return n == null ? 0 : n;
    }

    private static void requireHeld(BooleanSupplier held, String when) {
        if (!held.getAsBoolean()) {
            throw new IllegalStateException("lost the job lease '" + LEASE + "' " + when + " (the database was "
                    + "unreachable?); the Redis layout upgrade stops here and runs again at the next start");
        }
    }

    /** core_meta 'redis-layout', 1 when the row is missing (a database older than layout 2 or a new one). */
    int recordedLayout() throws SQLException {
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT value FROM core_meta WHERE name = 'redis-layout'"); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Integer.parseInt(rs.getString(1).trim()) : 1;
        }
    }
}
