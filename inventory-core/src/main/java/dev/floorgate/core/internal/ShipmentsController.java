package dev.floorgate.core.internal;

import dev.floorgate.protocol.ApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Consolidated shipments (issue 17 item 3, CORE-API.md "Shipments (issue 17)"): the packing station creates one from
 * a customer's received parcels with the carrier service it priced (the core records the choice, it does not price
 * again), labels it with the carrier's tracking number, or cancels it. Signed like every /v1 data call; each route
 * acts for the tenants of the signing key only, and a shipment id is looked up under the tenant named, so another
 * tenant's shipment is 403 (tenant not held) or 404 (not this tenant's), never shown.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class ShipmentsController {
    private static final int MAX_JSON = 256 * 1024; // 200 parcel ids and the rest fit many times over
    private final RequestGuard guard;
    private final ShipmentService shipments;
    private final LoadShedder shedder;
    private final JsonMapper json;

    ShipmentsController(RequestGuard guard, ShipmentService shipments, LoadShedder shedder, JsonMapper json) {
        this.guard = guard;
        this.shipments = shipments;
        this.shedder = shedder;
        this.json = json;
    }

    @Serdeable
    record LabelBody(@Nullable String trackingNumber, @Nullable String carrier) {
    }

    /** 201 with the shipment, its parcels now CLOSED; a replay of the opId answers 201 with the stored answer. */
    @Post(uri = "/v1/shipments", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> create(HttpRequest<?> request, @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = sized(body);
        ApiKey key = guard.verify(request, bytes);
        ShipmentInputs.Request r = ShipmentInputs.check(Inputs.read(json, bytes, ShipmentInputs.CreateBody.class,
                MAX_JSON), Instant.now());
        RequestGuard.requireTenant(key, r.tenant());
        shedder.check();
        // the same status for a replay: the gateway that lost the first answer cannot tell them apart, nor need to
        return HttpResponse.<String>status(HttpStatus.CREATED).body(shipments.create(r).answer());
    }

    /** The carrier's tracking number: 200 with the shipment, now LABELLED; the same number again is 200 too. */
    @Post(uri = "/v1/shipments/{tenant}/{shipmentId}/label", consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    ShipmentView label(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String shipmentId,
            @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = sized(body);
        ApiKey key = guard.verify(request, bytes);
        RequestGuard.requireTenant(key, Inputs.code("tenant", tenant));
        LabelBody b = Inputs.read(json, bytes, LabelBody.class, MAX_JSON);
        ParcelInputs.Tracking tracking = ParcelInputs.tracking("trackingNumber", b.trackingNumber(), b.carrier());
        shedder.check();
        return shipments.label(tenant, Inputs.code("shipmentId", shipmentId), tracking);
    }

    /** 200 with the shipment, now CANCELLED, its parcels RECEIVED again; 409 SHIPMENT_LABELLED once labelled. */
    @Post(uri = "/v1/shipments/{tenant}/{shipmentId}/cancel", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    ShipmentView cancel(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String shipmentId)
            throws SQLException {
        ApiKey key = guard.verify(request, new byte[0]); // no body: one signed over any is refused as a bad signature
        RequestGuard.requireTenant(key, Inputs.code("tenant", tenant));
        shedder.check();
        return shipments.cancel(tenant, Inputs.code("shipmentId", shipmentId));
    }

    @Get(uri = "/v1/shipments/{tenant}/{shipmentId}", produces = MediaType.APPLICATION_JSON)
    ShipmentView shipment(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String shipmentId)
            throws SQLException {
        ApiKey key = guard.verify(request, new byte[0]);
        RequestGuard.requireTenant(key, Inputs.code("tenant", tenant));
        shedder.check();
        return shipments.get(tenant, Inputs.code("shipmentId", shipmentId));
    }

    private static byte[] sized(byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        Inputs.size(bytes, MAX_JSON);
        return bytes;
    }
}
