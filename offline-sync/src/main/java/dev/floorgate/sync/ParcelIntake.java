package dev.floorgate.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * One parcel scanned in at a receiving station, as the gateway keeps it until the core has answered
 * ({@link ParcelBook#receive}). The {@code opId} is made once, at the scan, and goes with every send, so the core
 * applies the intake once however often the answer is lost.
 *
 * @param expectedCustomer the owner the offline cache named at the scan (null: not in the cache, expect NO_OWNER)
 * @param parcelId         the core's parcel id: from the cache at the scan, or from the core's answer
 * @param failure          the core's code and message when REFUSED; null otherwise
 */
public record ParcelIntake(long id, String opId, String tenant, String warehouse, String trackingKey,
        String trackingNumber, String location, String station, String device, Instant scannedAt,
        IntakeState state, String expectedCustomer, String parcelId, String failure) {
    public ParcelIntake {
        Objects.requireNonNull(opId, "opId");
        Objects.requireNonNull(trackingKey, "trackingKey");
        Objects.requireNonNull(state, "state");
    }
}
