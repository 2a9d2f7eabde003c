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
    private final TenantDatabases db;
    private final Runnable afterCommit;

    ParcelWrites(TenantDatabases db, Runnable afterCommit) {
        this.db = db;
        this.afterCommit = afterCommit;
    }

    <T> T write(String tenant, Transactions.Work<T> work) throws SQLException {
        T result;
        try (Connection c = db.connection(tenant)) {
            result = Transactions.run(c, tx -> {
                ParcelStore.lock(tx);
                return work.run(tx);
            });
        }
        afterCommit.run();
        return result;
    }
}
