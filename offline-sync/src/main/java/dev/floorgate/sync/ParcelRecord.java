package dev.floorgate.sync;

import java.util.Objects;

/**
 * A parcel as the gateway's offline cache knows it, from the core's parcel feed (CORE-API.md "Parcels (issue 17)"):
 * enough to tell a receiving station whose parcel a scanned tracking number is, with the WAN down.
 *
 * @param trackingKey  the normalised tracking number (the barcodes module's {@code TrackingNumbers}); the cache's key
 * @param state        the core's state: ANNOUNCED, RECEIVED, NO_OWNER or CLOSED
 * @param customer     the owner's customer code; null for a NO_OWNER parcel
 * @param customerName the owner's name as the storefront gave it; may be null
 * @param location     where it was put, once received; null before
 */
public record ParcelRecord(String tenant, String warehouse, String trackingKey, String parcelId, String carrier,
        String state, String customer, String customerName, String location) {
    public ParcelRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(trackingKey, "trackingKey");
        Objects.requireNonNull(parcelId, "parcelId");
        Objects.requireNonNull(state, "state");
    }

    /** Whether the core knows who owns it (announced, or received and assigned). */
    public boolean hasOwner() {
        return customer != null && !"NO_OWNER".equals(state);
    }
}
