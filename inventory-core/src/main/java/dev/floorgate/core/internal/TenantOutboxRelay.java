package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves events from the tenants' own outboxes into the shared {@code event_outbox} (docs/TENANTS.md). A parcel or
 * shipment change and its event commit together in the tenant's schema on the tenant's connection; its user may not
 * touch the shared schema, so the commit cannot reach the shared outbox. This relay, with the core's own user (it
 * has rights on both schemas), copies a tenant's oldest rows with {@code INSERT IGNORE} (event_id is unique, so a
 * copy repeated after a crash inserts nothing) and deletes them from the tenant's outbox in ONE transaction: an
 * event is in exactly one of the two outboxes at every commit. EventPublisher runs it before each round, so only
 * the instance holding the publisher lock relays; a tenant's events keep their commit order (its writers hold the
 * parcel lock while they write the outbox row).
 *
 * <p>Cost: a sweep reads the tenant list and each tenant's outbox. It runs when this instance committed a tenant
 * event ({@link #nudge}) and otherwise at most every {@link #SWEEP_EVERY_MS} ms, which bounds the delay of an event
 * committed by another instance of a fleet (it cannot nudge the publishing one), instead of every poll per tenant.
 */
final class TenantOutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(TenantOutboxRelay.class);
    private static final int BATCH = 500;
    static final long SWEEP_EVERY_MS = 1000;
    private final Database core;
    private final TenantDatabases tenants;
    private final AtomicBoolean nudged = new AtomicBoolean(true);
    private long nextSweep;

    TenantOutboxRelay(Database core, TenantDatabases tenants) {
        this.core = core;
        this.tenants = tenants;
    }

    /** A tenant event was committed here: sweep at the next round instead of waiting for the periodic one. */
    void nudge() {
        nudged.set(true);
    }

    /** Sweeps when nudged or when the periodic sweep is due (one thread: the publisher's); returns events moved. */
    int moveIfDue() throws SQLException {
        long now = System.currentTimeMillis();
        if (!nudged.getAndSet(false) && now < nextSweep) {
            return 0;
        }
        nextSweep = now + SWEEP_EVERY_MS;
        return moveAll();
    }

    /** Moves every tenant's waiting events; returns how many were moved. */
    int moveAll() throws SQLException {
        int moved = 0;
        for (String[] t : tenants.stored()) {
            try {
                int n;
                do {
                    n = move(t[1]);
                    moved += n;
                } while (n == BATCH);
            } catch (SQLException e) {
                // one tenant's schema failing (dropped by hand, locked) must not hold back the others' events
                LOG.warn("moving tenant {}'s events from schema {} to the shared outbox failed; they wait there: {}",
                        t[0], t[1], e.toString());
            }
        }
        return moved;
    }

    /** One batch of one tenant schema's outbox, in one transaction. */
    private int move(String schema) throws SQLException {
        String from = "`" + schema + "`.event_outbox";
        try (Connection c = core.connection()) {
            return Transactions.run(c, tx -> {
                long last;
                int count;
                try (PreparedStatement ps = tx.prepareStatement("SELECT MAX(id), COUNT(*) FROM (SELECT id FROM " + from
                        + " ORDER BY id LIMIT " + BATCH + ") oldest"); ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    last = rs.getLong(1);
                    count = rs.getInt(2);
                }
                if (count == 0) {
                    return 0;
                }
                try (PreparedStatement ps = tx.prepareStatement("INSERT IGNORE INTO event_outbox (event_id, "
                        + "routing_key, type, payload, created_at) SELECT event_id, routing_key, type, payload, created_at FROM "
                        + from + " WHERE id <= ? ORDER BY id")) {
                    ps.setLong(1, last);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = tx.prepareStatement("DELETE FROM " + from + " WHERE id <= ?")) {
                    ps.setLong(1, last);
                    ps.executeUpdate();
                }
                return count;
            });
        }
    }
}
