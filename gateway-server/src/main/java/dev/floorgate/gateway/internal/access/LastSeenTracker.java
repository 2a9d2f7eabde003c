package dev.floorgate.gateway.internal.access;

import dev.floorgate.gateway.internal.GatewayDatabase;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each device was last seen. Every device request authenticates, so writing {@code devices.last_seen} per
 * request cost a statement (and an fsync) under gateway.db's lock on the request's thread; 300 PDAs queued on it.
 * The time is kept in memory instead and written for all devices seen since the last flush in one transaction
 * every {@link #FLUSH_INTERVAL} and on {@link #close()}, so the column is at most that stale and a clean stop loses
 * nothing. A crash loses at most one interval of a value that is for people only.
 *
 * <p>The flush thread starts with the first device seen (no thread for a gateway no device talks to).
 */
final class LastSeenTracker implements AutoCloseable {
    /** How stale {@code devices.last_seen} may be on disk. */
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(LastSeenTracker.class);

    private final GatewayDatabase db;
    private final Clock clock;
    /** Device -> last time seen, not yet written. */
    private final Map<String, Instant> dirty = new ConcurrentHashMap<>();
    /** Device -> last time seen since start (written or not), for the device list. */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService flusher;
    private boolean closed;

    LastSeenTracker(GatewayDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Notes that {@code deviceId} made a request now; no I/O. */
    void seen(String deviceId) {
        Instant now = clock.instant();
        seen.put(deviceId, now);
        dirty.put(deviceId, now);
        if (flusher == null) {
            startFlusher();
        }
    }

    /** The time last seen since start, newer than or equal to what the database holds; null if not seen. */
    Instant lastSeen(String deviceId) {
        return seen.get(deviceId);
    }

    private synchronized void startFlusher() {
        if (flusher != null || closed) {
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "last-seen-flush");
            t.setDaemon(true);
            return t;
        });
        long period = FLUSH_INTERVAL.toMillis();
        s.scheduleWithFixedDelay(this::flushQuietly, period, period, TimeUnit.MILLISECONDS);
        flusher = s;
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("writing last_seen of devices to gateway.db failed (retried in {} s): {}",
                    FLUSH_INTERVAL.toSeconds(), e.toString());
        }
    }

    /** Writes the times noted since the last flush in one transaction. */
    synchronized void flush() throws SQLException {
        if (dirty.isEmpty()) {
            return;
        }
        Map<String, Instant> batch = new HashMap<>();
        for (String device : dirty.keySet()) {
            Instant at = dirty.remove(device);
            if (at != null) {
                batch.put(device, at);
            }
        }
        try {
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE devices SET last_seen = ? WHERE device_id = ?")) {
                    for (Map.Entry<String, Instant> e : batch.entrySet()) {
                        ps.setString(1, e.getValue().toString());
                        ps.setString(2, e.getKey());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            // put them back unless the device was seen again meanwhile (the newer time wins)
            batch.forEach((device, at) -> dirty.merge(device, at, (newer, old) -> newer.isAfter(old) ? newer : old));
            throw e;
        }
    }

    /** Stops the flush thread and writes what is left; call before gateway.db closes. */
    @Override
    public synchronized void close() throws SQLException {
        closed = true;
        if (flusher != null) {
            flusher.shutdownNow();
            flusher = null;
        }
        flush();
    }
}
