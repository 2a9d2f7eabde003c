package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases on the scheduled jobs (issue 14 item 4), so that with several core instances on one database each job runs
 * on one instance at a time: a row of {@code job_leases} per job with its owner (this instance's id) and an expiry,
 * taken when it is free or expired and renewed every {@code ttl / 3} by a heartbeat thread.
 *
 * <p>Why MariaDB and not Redis {@code SET NX PX}: the jobs write to MariaDB (the saga, the outbox) or compare it
 * with Redis, so MariaDB is the store they cannot run without anyway; its writes are durable and synchronous, while a
 * Redis lease key could be lost in a failover before it reached the replica (Redis replication is asynchronous) and
 * two instances would then both hold it. The expiry is computed by the database clock, so instances with skewed
 * clocks agree on it.
 *
 * <p>Safety: an instance counts itself the holder only until {@code 2/3 ttl} after it <em>sent</em> its last
 * successful renewal, while the row says {@code ttl} after the database ran it (later); the third in between
 * absorbs clock rate differences. A holder that cannot renew (database unreachable, process frozen) therefore stops
 * starting runs before anyone else may take over. A run already under way is not interrupted: a run longer than
 * the lease while the database is unreachable could overlap another instance's run. The jobs tolerate that (the
 * saga locks its rows, reconciliation only reads, suggestion events have deterministic ids), it just does the
 * work twice. {@link #close()} gives the leases back, so a graceful stop hands over at once; a kill -9 hands
 * over after {@code ttl}.
 */
final class JobLeases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobLeases.class);
    static final String RECONCILE = "reconcile";
    static final String ORDER_SAGA = "order-saga";
    static final String REPLENISHMENT_PUBLISH = "replenishment-publish";

    private final Database db;
    private final String owner;
    private final Duration ttl;
    private final Map<String, Held> jobs = new LinkedHashMap<>();
    private final ScheduledExecutorService heartbeat;

    /** What this instance knows about one lease: until when it may start runs (System.nanoTime), its epoch. */
    private static final class Held {
        volatile long validUntilNanos = Long.MIN_VALUE;
        volatile boolean held;
        volatile long epoch;
    }

    JobLeases(Database db, String owner, Duration ttl) {
        if (ttl.toMillis() < 300) {
            throw new IllegalArgumentException("a job lease must last at least 300ms, was " + ttl.toMillis() + "ms");
        }
        this.db = db;
        this.owner = owner;
        this.ttl = ttl;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fg-job-leases");
            t.setDaemon(true);
            return t;
        });
    }

    /** The gate of one job: true while this instance holds its lease. Call before {@link #start()}. */
    synchronized BooleanSupplier gate(String job) {
        Held h = jobs.computeIfAbsent(job, j -> new Held());
        return () -> h.held && System.nanoTime() < h.validUntilNanos;
    }

    /** Takes or renews every registered lease now, then every {@code ttl / 3}. */
    JobLeases start() {
        long period = Math.max(100, ttl.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewAll, 0, period, TimeUnit.MILLISECONDS);
        return this;
    }

    String owner() {
        return owner;
    }

    boolean holds(String job) {
        Held h;
        synchronized (this) {
            h = jobs.get(job);
        }
        return h != null && h.held && System.nanoTime() < h.validUntilNanos;
    }

    private void renewAll() {
        Map<String, Held> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(jobs);
        }
        for (Map.Entry<String, Held> e : snapshot.entrySet()) {
            try {
                renew(e.getKey(), e.getValue());
            } catch (SQLException | RuntimeException ex) {
                LOG.warn("job lease '{}': renewing failed (this instance stops starting runs {} ms after its last "
                        + "renewal): {}", e.getKey(), ttl.toMillis() * 2 / 3, ex.toString());
            }
        }
    }

    /** One attempt: take the lease when it is ours, free or expired; then read who holds it. */
    private void renew(String job, Held h) throws SQLException {
        long sent = System.nanoTime();
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO job_leases (name, owner, expires_at, "
                    + "epoch, acquired_at) VALUES (?, '', '1970-01-02 00:00:00', 0, CURRENT_TIMESTAMP(3))")) {
                ps.setString(1, job);
                ps.executeUpdate();
            }
            // MySQL evaluates single-table SET assignments left to right, so epoch and acquired_at still see the
            // previous owner
            try (PreparedStatement ps = c.prepareStatement("UPDATE job_leases SET epoch = IF(owner = ?, epoch, "
                    + "epoch + 1), acquired_at = IF(owner = ?, acquired_at, CURRENT_TIMESTAMP(3)), owner = ?, "
                    + "expires_at = CURRENT_TIMESTAMP(3) + INTERVAL ? MICROSECOND "
                    + "WHERE name = ? AND (owner = ? OR expires_at < CURRENT_TIMESTAMP(3))")) {
                ps.setString(1, owner);
                ps.setString(2, owner);
                ps.setString(3, owner);
                ps.setLong(4, ttl.toMillis() * 1000);
                ps.setString(5, job);
                ps.setString(6, owner);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT owner, epoch FROM job_leases WHERE name = ?")) {
                ps.setString(1, job);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    boolean mine = owner.equals(rs.getString(1));
                    long epoch = rs.getLong(2);
                    if (mine) {
                        h.validUntilNanos = sent + ttl.toNanos() * 2 / 3;
                        if (!h.held) {
                            LOG.info("job lease '{}' taken by this instance ({}), epoch {}: it runs the job now", job,
                                    owner, epoch);
                        }
                    } else if (h.held) {
                        LOG.warn("job lease '{}' lost to {} (epoch {}): this instance stops running the job", job,
                                rs.getString(1), epoch);
                    }
                    h.held = mine;
                    h.epoch = epoch;
                }
            }
        }
    }

    /** Stops renewing and gives every held lease back, so another instance takes over at once. */
    @Override
    public void close() {
        close(true);
    }

    /** @param release false leaves the rows to expire, as a kill -9 would (tests) */
    void close(boolean release) {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Held> snapshot;
        synchronized (this) {
            snapshot = new LinkedHashMap<>(jobs);
        }
        for (Map.Entry<String, Held> e : snapshot.entrySet()) {
            e.getValue().held = false;
            if (!release) {
                continue;
            }
            try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("UPDATE job_leases SET "
                    + "expires_at = CURRENT_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE name = ? AND owner = ?")) {
                ps.setString(1, e.getKey());
                ps.setString(2, owner);
                ps.executeUpdate();
            } catch (SQLException | RuntimeException ex) {
                LOG.warn("job lease '{}' not given back (it expires in at most {} ms): {}", e.getKey(),
                        ttl.toMillis(), ex.toString());
            }
        }
    }
}
