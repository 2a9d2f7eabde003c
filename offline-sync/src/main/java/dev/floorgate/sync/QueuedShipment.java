package dev.floorgate.sync;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A shipment packed at this gateway, as {@link PackingBook} keeps it until the core has answered. The {@code opId}
 * is made once, when the packer confirms, and goes with every send, so the core creates the shipment once however
 * often its answer is lost.
 *
 * @param reference    the gateway's own shipment reference ({@code FG} and 12 letters/digits), printed as the
 *                     label's tracking barcode until the carrier's number exists (the core's shipment id exists
 *                     only once the core answered, and the gateway may be offline)
 * @param trackingKeys the parcels' tracking keys as the cache had them at packing, in {@code draft.parcelIds()} order
 * @param shipmentId   the core's shipment id once CREATED; null before
 * @param failure      the core's code and message when REFUSED; null otherwise
 */
public record QueuedShipment(long id, String opId, String reference, ShipmentDraft draft, List<String> trackingKeys,
        Instant packedAt, ShipmentState state, String shipmentId, String failure) {
    public QueuedShipment {
        Objects.requireNonNull(opId, "opId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(state, "state");
        trackingKeys = List.copyOf(trackingKeys);
    }
}
