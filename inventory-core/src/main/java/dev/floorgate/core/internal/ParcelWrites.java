package dev.floorgate.core.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * How parcel and shipment changes are written (ParcelService, ShipmentService): one transaction on the tenant's
 * own connection (its schema, its MySQL user; docs/TENANTS.md), under the parcel writers' lock
 * ({@link ParcelStore#lock}, so the change feed's seq is taken in commit order), then {@code afterCommit} (the
 * tenant outbox relay and the publisher are woken: events go out only after the commit).
 */
final class ParcelWrites {
    /** One transaction's work on the tenant's connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final TenantDatabases db;
    private final Runnable afterCommit;

    ParcelWrites(TenantDatabases db, Runnable afterCommit) {
        this.db = db;
        this.afterCommit = afterCommit;
    }

    <T> T write(String tenant, Work<T> work) throws SQLException {
        T result;
        try (Connection c = db.connection(tenant)) {
            c.setAutoCommit(false);
            try {
                ParcelStore.lock(c);
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        afterCommit.run();
        return result;
    }
}
