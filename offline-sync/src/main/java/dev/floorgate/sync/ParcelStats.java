package dev.floorgate.sync;

import java.time.Duration;

/**
 * The parcel book in numbers, for /health and /metrics.
 *
 * @param cachedParcels parcels in the offline cache
 * @param pendingIntakes intakes the core has not answered yet
 * @param noOwnerIntakes intakes the core answered NO_OWNER (parcels on the no-owner shelf, as far as this gateway knows)
 * @param refusedIntakes intakes the core refused for good (site IT looks at them)
 * @param feedAge        time since the oldest feed's last successful poll; null before the first
 */
public record ParcelStats(long cachedParcels, long pendingIntakes, long noOwnerIntakes, long refusedIntakes,
        Duration feedAge) {
}
