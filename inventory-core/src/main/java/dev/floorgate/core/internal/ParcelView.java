package dev.floorgate.core.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A parcel as the API answers it and as its events carry it (CORE-API.md "Parcels (issue 17)"): one shape for
 * GET, the announce and intake answers, the feed items and the events' data.
 */
@Serdeable
record ParcelView(String parcelId, String tenant, String warehouse, String trackingKey, String carrier,
        String trackingFormat, @Nullable Boolean checkDigitValid, String trackingNumber, @Nullable String customer,
        @Nullable String customerName, @Nullable String notes, String state, @Nullable String location,
        @Nullable String announcedAt, @Nullable String receivedAt, @Nullable String receivedGateway,
        @Nullable String receivedStation, @Nullable String assignedAt, long seq) {

    static ParcelView of(ParcelStore.Parcel p) {
        return new ParcelView(p.parcelId(), p.tenant(), p.warehouse(), p.trackingKey(), p.carrier(), p.format(),
                p.checkDigitValid(), p.trackingRaw(), p.customer(), p.customerName(), p.notes(), p.state(),
                p.location(), text(p.announcedAt()), text(p.receivedAt()), p.receivedGateway(), p.receivedStation(),
                text(p.assignedAt()), p.seq());
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
