package dev.floorgate.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.floorgate.sync.internal.JsonTree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the shipments packed at this gateway to the core's {@code POST /v1/shipments} in packing order, each with
 * its opId (docs/CORE-API.md "Shipments (issue 17)"); {@link ParcelSync} runs it in its rounds. 201 (a first
 * answer or a replay's stored one) stores CREATED with the core's shipment id; 400, 409, 422 and a 404
 * {@code PARCEL_NOT_FOUND} are final (the core checked the parcels and a resend cannot change that) and store
 * REFUSED with the code and message, which frees the parcels at the station; anything else throws, and the round
 * is tried again after a back-off with the same opId.
 */
final class ShipmentSender {
    private static final Logger log = LoggerFactory.getLogger(ShipmentSender.class);
    static final String SHIPMENTS = "/v1/shipments";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final PackingBook packing;
    private final CoreClient client;
    private final String gatewayId;

    ShipmentSender(PackingBook packing, CoreClient client, String gatewayId) {
        this.packing = packing;
        this.client = client;
        this.gatewayId = gatewayId;
    }

    /** Sends every pending shipment; returns how many the core answered. */
    int sendPending() throws IOException {
        int answered = 0;
        while (true) {
            List<QueuedShipment> batch = packing.pending(20);
            if (batch.isEmpty()) {
                return answered;
            }
            for (QueuedShipment s : batch) {
                send(s);
                answered++;
            }
        }
    }

    private void send(QueuedShipment s) throws IOException {
        CoreClient.Answer a = client.call("POST", SHIPMENTS, body(s), false);
        if (a.status == 201 || a.status == 200) {
            String id = JsonTree.string(a.json, "shipmentId");
            if (id == null) {
                throw new IOException("core answered " + a.status + " to shipment " + s.opId() + " without a shipmentId");
            }
            packing.answered(s, ShipmentState.CREATED, id, null);
            log.info("shipment {} ({} of customer {}, {} parcels) created at the core as {}", s.reference(), s.opId(),
                    s.draft().customer(), s.draft().parcelIds().size(), id);
            return;
        }
        if (a.status == 400 || a.status == 409 || a.status == 422
                || (a.status == 404 && "PARCEL_NOT_FOUND".equals(a.error))) {
            String code = a.error == null ? "HTTP_" + a.status : a.error;
            log.error("shipment {} ({} of customer {}, station {}) REFUSED by the core: {}; its parcels are offered "
                    + "again", s.reference(), s.opId(), s.draft().customer(), s.draft().station(), a);
            packing.answered(s, ShipmentState.REFUSED, null, code + (a.message == null ? "" : ": " + a.message));
            return;
        }
        throw CoreRefusal.of(a, "shipment " + s.opId());
    }

    private byte[] body(QueuedShipment s) throws IOException {
        ShipmentDraft d = s.draft();
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("tenant", d.tenant());
            g.writeStringField("warehouse", d.warehouse());
            g.writeStringField("customer", d.customer());
            g.writeArrayFieldStart("parcels");
            for (String p : d.parcelIds()) {
                g.writeString(p);
            }
            g.writeEndArray();
            g.writeStringField("carrier", d.carrier());
            g.writeStringField("service", d.service());
            g.writeNumberField("rateCardVersion", d.rateCardVersion());
            g.writeObjectFieldStart("cost");
            g.writeStringField("amount", d.costAmount()); // text: the core refuses a float that may have lost digits
            g.writeStringField("currency", d.currency());
            g.writeEndObject();
            g.writeNumberField("weightGrams", d.weightGrams());
            g.writeObjectFieldStart("dimensionsMm");
            g.writeNumberField("l", d.lengthMm());
            g.writeNumberField("w", d.widthMm());
            g.writeNumberField("h", d.heightMm());
            g.writeEndObject();
            g.writeObjectFieldStart("destination");
            g.writeStringField("country", d.country());
            if (d.postcode() != null) {
                g.writeStringField("postcode", d.postcode());
            }
            g.writeEndObject();
            g.writeStringField("opId", s.opId());
            if (gatewayId != null) {
                g.writeStringField("gateway", gatewayId);
            }
            if (d.station() != null) {
                g.writeStringField("station", d.station());
            }
            g.writeStringField("at", s.packedAt().toString());
            g.writeEndObject();
        }
        return out.toByteArray();
    }
}
