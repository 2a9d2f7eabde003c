package dev.floorgate.core.internal;

import dev.floorgate.protocol.ApiKey;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.util.List;

/**
 * Master data: {@code PUT /v1/skus/{tenant}/{sku}}, {@code PUT /v1/locations/{tenant}/{warehouse}/{code}} (which
 * also makes the warehouse known) and {@code PUT /v1/warehouses/{tenant}/{warehouse}}. Signed, limited to the
 * key's tenants; each PUT is an upsert and appears in {@code GET /v1/changes}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class MasterDataController {
    private final RequestGuard guard;
    private final MasterDataStore store;
    private final JsonMapper json;

    MasterDataController(RequestGuard guard, MasterDataStore store, JsonMapper json) {
        this.guard = guard;
        this.store = store;
        this.json = json;
    }

    /** The body of PUT /v1/skus. */
    @Serdeable
    record SkuBody(@Nullable String name, @Nullable List<String> gtins, @Nullable List<String> barcodes,
            @Nullable String unit) {
    }

    /** The body of PUT /v1/locations. */
    @Serdeable
    record LocationBody(@Nullable String type, @Nullable String zone) {
    }

    /** The answer to PUT /v1/warehouses. */
    @Serdeable
    record WarehouseItem(String tenant, String warehouse) {
    }

    /** Creates or replaces a SKU with its GTINs and other barcodes. */
    @Put(uri = "/v1/skus/{tenant}/{sku}", consumes = MediaType.ALL)
    ChangesFeed.SkuItem putSku(HttpRequest<?> request, String tenant, String sku, @Nullable @Body byte[] body)
            throws SQLException {
        byte[] bytes = body == null ? new byte[0] : body;
        authorize(request, bytes, tenant);
        Inputs.text("sku", sku, 128, true);
        SkuBody b = Inputs.read(json, bytes, SkuBody.class);
        MasterDataStore.Sku s = new MasterDataStore.Sku(tenant, sku, Inputs.text("name", b.name(), 255, true),
                Inputs.gtins(b.gtins()), Inputs.texts("barcodes", b.barcodes(), 128),
                b.unit() == null ? "EA" : Inputs.text("unit", b.unit(), 16, true));
        store.putSku(s);
        return new ChangesFeed.SkuItem("sku", tenant, sku, s.name(), s.gtins(), s.barcodes(), s.unit());
    }

    /** Creates or replaces a location (bin) of a warehouse; the warehouse becomes known. */
    @Put(uri = "/v1/locations/{tenant}/{warehouse}/{code}", consumes = MediaType.ALL)
    ChangesFeed.LocationItem putLocation(HttpRequest<?> request, String tenant, String warehouse, String code,
            @Nullable @Body byte[] body) throws SQLException {
        byte[] bytes = body == null ? new byte[0] : body;
        authorize(request, bytes, tenant);
        Inputs.code("warehouse", warehouse);
        Inputs.text("code", code, 128, true);
        LocationBody b = Inputs.read(json, bytes, LocationBody.class);
        String type = b.type() == null ? "BIN" : Inputs.text("type", b.type(), 32, true);
        store.putLocation(new MasterDataStore.Location(tenant, warehouse, code, type,
                Inputs.text("zone", b.zone(), 64, false)));
        return new ChangesFeed.LocationItem("location", tenant, warehouse, code, type);
    }

    /** Makes a warehouse known without a location. */
    @Put(uri = "/v1/warehouses/{tenant}/{warehouse}", consumes = MediaType.ALL)
    WarehouseItem putWarehouse(HttpRequest<?> request, String tenant, String warehouse, @Nullable @Body byte[] body)
            throws SQLException {
        byte[] bytes = body == null ? new byte[0] : body;
        authorize(request, bytes, tenant);
        if (bytes.length > 0) {
            Inputs.read(json, bytes, java.util.Map.class); // no fields, but a body must be JSON (EndpointSweepTest)
        }
        store.putWarehouse(tenant, Inputs.code("warehouse", warehouse));
        return new WarehouseItem(tenant, warehouse);
    }

    private void authorize(HttpRequest<?> request, byte[] body, String tenant) {
        Inputs.size(body, Inputs.MAX_BODY);
        ApiKey key = guard.verify(request, body);
        RequestGuard.requireTenant(key, tenant);
    }
}
