package dev.floorgate.core.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A shipment as the API answers it and as its events carry it (CORE-API.md "Shipments (issue 17)"). The cost is
 * text ({@code "12.30"}), with as many decimals as its currency has, so no client reads it as a binary float.
 */
@Serdeable
record ShipmentView(String shipmentId, String tenant, String warehouse, String customer, List<String> parcels,
        String carrier, String service, int rateCardVersion, Cost cost, int weightGrams, Dimensions dimensionsMm,
        Destination destination, String state, @Nullable String trackingKey, @Nullable String labelCarrier,
        @Nullable String trackingFormat, @Nullable String trackingNumber, String createdAt,
        @Nullable String labelledAt, @Nullable String cancelledAt, @Nullable String gateway,
        @Nullable String station, String opId) {

    @Serdeable
    record Cost(String amount, String currency) {
    }

    @Serdeable
    record Dimensions(int l, int w, int h) {
    }

    @Serdeable
    record Destination(String country, @Nullable String postcode) {
    }

    static ShipmentView of(ShipmentStore.Shipment s) {
        return new ShipmentView(s.shipmentId(), s.tenant(), s.warehouse(), s.customer(), s.parcels(), s.carrier(),
                s.service(), s.rateCardVersion(), new Cost(s.cost().toPlainString(), s.currency()), s.weightGrams(),
                new Dimensions(s.lengthMm(), s.widthMm(), s.heightMm()), new Destination(s.country(), s.postcode()),
                s.state(), s.labelKey(), s.labelCarrier(), s.labelFormat(), s.labelRaw(), text(s.createdAt()),
                text(s.labelledAt()), text(s.cancelledAt()), s.gateway(), s.station(), s.opId());
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }
}
