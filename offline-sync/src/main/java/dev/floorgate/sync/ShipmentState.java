package dev.floorgate.sync;

/** Where a shipment packed at this gateway stands with the core ({@link PackingBook}). */
public enum ShipmentState {
    /** Durable here, not answered by the core yet; its parcels are held (not offered to a station again). */
    PENDING,
    /** The core created it (its parcels are CLOSED there); {@code shipmentId} is the core's id. */
    CREATED,
    /** The core refused it for good (its code and message in {@code failure}); its parcels are offered again. */
    REFUSED
}
