package dev.floorgate.core.internal;

import dev.floorgate.core.StockService;
import dev.floorgate.protocol.ResultCodes;
import dev.floorgate.protocol.StockLevels;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

/** {@code GET /v1/stock/{tenant}/{warehouse}/{sku}}: one record's figures, signed, for the key's tenants. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class StockController {
    private final RequestGuard guard;
    private final StockService stock;

    StockController(RequestGuard guard, StockService stock) {
        this.guard = guard;
        this.stock = stock;
    }

    /** The figures of one stock record. */
    @Serdeable
    record Stock(long onHand, long usable, long reserved) {
    }

    /** The current onHand, usable and reserved of one stock record. */
    @Get("/v1/stock/{tenant}/{warehouse}/{sku}")
    Stock get(HttpRequest<?> request, String tenant, String warehouse, String sku) {
        RequestGuard.requireTenant(guard.verify(request, new byte[0]), tenant);
        StockLevels s = stock.stock(tenant, warehouse, sku).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                ResultCodes.UNKNOWN_SKU, "no SKU '" + sku + "' in warehouse " + tenant + "/" + warehouse));
        return new Stock(s.onHand(), s.usable(), s.reserved());
    }
}
