package dev.floorgate.core.internal;

import dev.floorgate.protocol.ApiKey;
import dev.floorgate.protocol.ResultCodes;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parcels (issue 17 item 1, CORE-API.md "Parcels (issue 17)"): announcements from the storefront, the feed a
 * gateway polls for its offline cache, intake scans from a gateway, and the owner of a no-owner parcel. Signed like
 * every /v1 data call; each route acts for the tenants of the signing key only, and a parcel id is looked up under
 * the tenant named, so another tenant's parcel is 403 (tenant not held) or 404 (not this tenant's), never shown.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class ParcelsController {
    static final int MAX_BATCH = ParcelInputs.MAX_BATCH;
    private static final List<String> STATES = List.of("ANNOUNCED", "RECEIVED", "NO_OWNER", "CLOSED");
    private static final int MAX_JSON = ParcelInputs.MAX_BODY;
    private final RequestGuard guard;
    private final ParcelService parcels;
    private final LoadShedder shedder;
    private final MasterDataStore master;
    private final TrafficLanes lanes;
    private final JsonMapper json;

    ParcelsController(RequestGuard guard, ParcelService parcels, LoadShedder shedder, MasterDataStore master,
            TrafficLanes lanes, JsonMapper json) {
        this.guard = guard;
        this.parcels = parcels;
        this.shedder = shedder;
        this.master = master;
        this.lanes = lanes;
        this.json = json;
    }

    @Serdeable
    record BatchResult(int index, String outcome, @Nullable ParcelView parcel, @Nullable String error,
            @Nullable String message) {
    }

    @Serdeable
    record BatchAnswer(List<BatchResult> results) {
    }

    @Serdeable
    record IntakeBody(@Nullable String tenant, @Nullable String warehouse, @Nullable String trackingNumber,
            @Nullable String trackingKey, @Nullable String location, @Nullable String opId, @Nullable String gateway,
            @Nullable String station, @Nullable String at) {
    }

    @Serdeable
    record OwnerBody(@Nullable String customer, @Nullable String customerName) {
    }

    /** 201 with a new parcel, 200 with the existing one; a batch answers 200 with one result per announcement. */
    @Post(uri = "/v1/parcels/announcements", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<?> announce(HttpRequest<?> request, @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = sized(body);
        ApiKey key = guard.verify(request, bytes);
        ParcelInputs.AnnounceBody b = Inputs.read(json, bytes, ParcelInputs.AnnounceBody.class, MAX_JSON);
        List<ParcelService.Announcement> checked = ParcelInputs.announcements(b); // all before any is stored
        for (ParcelService.Announcement a : checked) {
            RequestGuard.requireTenant(key, a.tenant());
        }
        shedder.check();
        for (int i = 0; i < checked.size(); i++) {
            ParcelInputs.requireWarehouse(master, ParcelInputs.warehouseField(b, i), checked.get(i));
        }
        if (!b.batch()) {
            ParcelService.Announced done = parcels.announce(checked.get(0));
            if (done.outcome().equals("CONFLICT")) {
                throw new ApiException(HttpStatus.CONFLICT, "CUSTOMER_CONFLICT", done.message(), Map.of("parcelId",
                        done.parcel().parcelId(), "customer", done.parcel().customer()));
            }
            return HttpResponse.status(done.outcome().equals("CREATED") ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(done.parcel());
        }
        List<BatchResult> results = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            ParcelService.Announced done = parcels.announce(checked.get(i));
            boolean conflict = done.outcome().equals("CONFLICT");
            results.add(new BatchResult(i, done.outcome(), done.parcel(), conflict ? "CUSTOMER_CONFLICT" : null,
                    done.message()));
        }
        return HttpResponse.ok(new BatchAnswer(results));
    }

    /** Parcels of a tenant (one warehouse or all) changed after the cursor {@code after}, in change order. */
    @Get(uri = "/v1/parcels/changes", produces = MediaType.APPLICATION_JSON)
    ParcelService.Page changes(HttpRequest<?> request, @Nullable @QueryValue String tenant,
            @Nullable @QueryValue String warehouse, @Nullable @QueryValue String after,
            @Nullable @QueryValue String limit) throws SQLException {
        ApiKey key = guard.verify(request, new byte[0]);
        String t = Inputs.code("tenant", tenant);
        RequestGuard.requireTenant(key, t);
        String wh = warehouse == null || warehouse.isEmpty() ? null : Inputs.code("warehouse", warehouse);
        long cursor = 0;
        if (after != null && !after.isEmpty()) {
            try {
                cursor = Long.parseLong(after);
            } catch (NumberFormatException e) {
                cursor = -1;
            }
            if (cursor < 0) {
                throw ApiException.badRequest(ResultCodes.INVALID, "after: not a cursor this core issued: '"
                        + Inputs.clip(after) + "'");
            }
        }
        int n = 500;
        if (limit != null && !limit.isEmpty()) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > ParcelService.MAX_FEED) {
                throw ApiException.badRequest(ResultCodes.INVALID, "limit: must be 1.." + ParcelService.MAX_FEED
                        + ", was '" + Inputs.clip(limit) + "'");
            }
        }
        shedder.check();
        long from = cursor;
        int count = n;
        // the sync lane, like GET /v1/changes: gateways catching up after a night offline wait their turn there
        return lanes.run(TrafficLanes.Lane.SYNC, () -> parcels.changes(t, wh, from, count));
    }

    /**
     * The packing station's list: a tenant's parcels, of one customer and in one state when given (a customer's
     * parcels waiting on shelves: {@code state=RECEIVED}), by parcel id; {@code next} goes in {@code after}.
     */
    @Get(uri = "/v1/parcels", produces = MediaType.APPLICATION_JSON)
    ParcelService.Page list(HttpRequest<?> request, @Nullable @QueryValue String tenant,
            @Nullable @QueryValue String customer, @Nullable @QueryValue String state,
            @Nullable @QueryValue String warehouse, @Nullable @QueryValue String after,
            @Nullable @QueryValue String limit) throws SQLException {
        ApiKey key = guard.verify(request, new byte[0]);
        String t = Inputs.code("tenant", tenant);
        RequestGuard.requireTenant(key, t);
        String c = customer == null || customer.isEmpty() ? null : Inputs.code("customer", customer);
        String s = state == null || state.isEmpty() ? null : state;
        if (s != null && !STATES.contains(s)) {
            throw ApiException.badRequest(ResultCodes.INVALID, "state: must be one of " + STATES + ", was '"
                    + Inputs.clip(state) + "'");
        }
        String wh = warehouse == null || warehouse.isEmpty() ? null : Inputs.code("warehouse", warehouse);
        String from = after == null || after.isEmpty() ? "" : Inputs.code("after", after);
        int n = 100;
        if (limit != null && !limit.isEmpty()) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_BATCH) {
                throw ApiException.badRequest(ResultCodes.INVALID, "limit: must be 1.." + MAX_BATCH + ", was '"
                        + Inputs.clip(limit) + "'");
            }
        }
        shedder.check();
        return parcels.list(t, c, s, wh, from, n);
    }

    /** An intake scan: 200 {@code {"opId","result":"RECEIVED"|"NO_OWNER","parcel"}}; a replay answers the same. */
    @Post(uri = "/v1/parcels/intake", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> intake(HttpRequest<?> request, @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = sized(body);
        ApiKey key = guard.verify(request, bytes);
        IntakeBody b = Inputs.read(json, bytes, IntakeBody.class, MAX_JSON);
        String tenant = Inputs.code("tenant", b.tenant());
        String warehouse = Inputs.code("warehouse", b.warehouse());
        ParcelInputs.Tracking tracking = intakeTracking(b);
        String location = Inputs.code("location", b.location());
        String opId = Inputs.code("opId", b.opId());
        String gateway = b.gateway() == null ? null : Inputs.code("gateway", b.gateway());
        String station = b.station() == null ? null : Inputs.code("station", b.station());
        Instant at = ParcelInputs.at(b.at(), Instant.now());
        RequestGuard.requireTenant(key, tenant);
        shedder.check();
        return HttpResponse.ok(parcels.intake(new ParcelService.Intake(tenant, warehouse, tracking, location, opId,
                gateway, station, at)));
    }

    /** Central IT names the customer of a NO_OWNER parcel: 200 with the parcel, now RECEIVED. */
    @Post(uri = "/v1/parcels/{tenant}/{parcelId}/owner", consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    ParcelView owner(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String parcelId,
            @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = sized(body);
        ApiKey key = guard.verify(request, bytes);
        RequestGuard.requireTenant(key, Inputs.code("tenant", tenant));
        OwnerBody b = Inputs.read(json, bytes, OwnerBody.class, MAX_JSON);
        String customer = Inputs.code("customer", b.customer());
        String name = Inputs.text("customerName", b.customerName(), 200, false);
        shedder.check();
        return parcels.assign(tenant, Inputs.code("parcelId", parcelId), customer, name);
    }

    @Get(uri = "/v1/parcels/{tenant}/{parcelId}", produces = MediaType.APPLICATION_JSON)
    ParcelView parcel(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String parcelId)
            throws SQLException {
        ApiKey key = guard.verify(request, new byte[0]);
        RequestGuard.requireTenant(key, Inputs.code("tenant", tenant));
        shedder.check();
        return parcels.get(tenant, Inputs.code("parcelId", parcelId));
    }

    /** The scan as sent ({@code trackingNumber}) or the key a gateway computed ({@code trackingKey}), normalised. */
    private static ParcelInputs.Tracking intakeTracking(IntakeBody b) {
        if (b.trackingNumber() == null && b.trackingKey() == null) {
            throw ApiException.badRequest(ResultCodes.INVALID, "trackingNumber: is required (or trackingKey)");
        }
        ParcelInputs.Tracking number = b.trackingNumber() == null ? null
                : ParcelInputs.tracking("trackingNumber", b.trackingNumber(), null);
        ParcelInputs.Tracking key = b.trackingKey() == null ? null
                : ParcelInputs.tracking("trackingKey", b.trackingKey(), null);
        if (number != null && key != null && !number.key().equals(key.key())) {
            throw ApiException.badRequest(ResultCodes.INVALID, "trackingKey: '" + Inputs.clip(b.trackingKey())
                    + "' is not the key of trackingNumber, which is '" + number.key() + "'");
        }
        return number != null ? number : key;
    }

    private static byte[] sized(byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        Inputs.size(bytes, MAX_JSON);
        return bytes;
    }
}
