package dev.floorgate.core.internal;

import dev.floorgate.core.CoreUnavailableException;
import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/orders}: creates an order and reserves all its lines or none (OrderService). 201 with the order
 * when created, 200 when the same order was already placed, 409 {@code INSUFFICIENT_STOCK} (or another stock
 * code) naming the failing line, 422 for unknown master data, 409 {@code ORDER_EXISTS} for the same order number
 * with other lines.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class OrdersController {
    private static final int MAX_LINES = 1000;
    private static final int MAX_BODY = 1024 * 1024;
    private final RequestGuard guard;
    private final OrderService orders;
    private final MasterDataStore master;
    private final LoadShedder shedder;
    private final JsonMapper json;

    OrdersController(RequestGuard guard, OrderService orders, MasterDataStore master, LoadShedder shedder,
            JsonMapper json) {
        this.guard = guard;
        this.orders = orders;
        this.master = master;
        this.shedder = shedder;
        this.json = json;
    }

    /** The body of POST /v1/orders. */
    @Serdeable
    record OrderBody(@Nullable String tenant, @Nullable String warehouse, @Nullable String orderNo,
            @Nullable List<LineBody> lines) {
    }

    /** One line of an order. */
    @Serdeable
    record LineBody(@Nullable String sku, @Nullable Long qty, @Nullable String location) {
    }

    /** Creates the order and reserves every line, or reserves nothing. */
    @Post(uri = "/v1/orders", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<ChangesFeed.OrderItem> place(HttpRequest<?> request, @Nullable @Body byte[] body)
            throws SQLException {
        byte[] bytes = body == null ? new byte[0] : body;
        Inputs.size(bytes, MAX_BODY);
        var key = guard.verify(request, bytes);
        OrderBody b = Inputs.read(json, bytes, OrderBody.class, MAX_BODY);
        String tenant = Inputs.code("tenant", b.tenant());
        RequestGuard.requireTenant(key, tenant);
        String warehouse = Inputs.code("warehouse", b.warehouse());
        String orderNo = Inputs.text("orderNo", b.orderNo(), 128, true);
        if (b.lines() == null || b.lines().isEmpty() || b.lines().size() > MAX_LINES) {
            throw ApiException.badRequest(ResultCodes.INVALID, "lines: must hold 1.." + MAX_LINES + " lines, had "
                    + (b.lines() == null ? 0 : b.lines().size()));
        }
        List<OrderStore.Line> lines = new ArrayList<>();
        for (int i = 0; i < b.lines().size(); i++) {
            LineBody l = b.lines().get(i);
            String f = "lines[" + i + "].";
            if (l == null) {
                throw ApiException.badRequest(ResultCodes.INVALID, "lines[" + i + "]: must be an object");
            }
            lines.add(new OrderStore.Line(i + 1, Inputs.text(f + "sku", l.sku(), 128, true), Inputs.positive(f + "qty",
                    l.qty()), Inputs.text(f + "location", l.location(), 128, false), 0, 0));
        }
        shedder.check();
        checkMasterData(tenant, warehouse, lines);
        OrderStore.Ref ref = new OrderStore.Ref(tenant, warehouse, orderNo);
        OrderService.Outcome outcome;
        try {
            outcome = orders.place(ref, lines);
        } catch (OrderService.OrderConflictException e) {
            throw new ApiException(HttpStatus.CONFLICT, e.code(), e.getMessage());
        }
        if (outcome.error() != null) {
            if (ResultCodes.UNAVAILABLE.equals(outcome.error())) {
                throw new CoreUnavailableException(outcome.message(), java.time.Duration.ofSeconds(5));
            }
            Map<String, Object> extra = new HashMap<>();
            extra.put("line", outcome.failedLine());
            extra.put("sku", outcome.failedSku());
            throw new ApiException(HttpStatus.CONFLICT, outcome.error(), outcome.message(), extra);
        }
        ChangesFeed.OrderItem item = ChangesFeed.orderItem(outcome.order());
        return outcome.created() ? HttpResponse.created(item) : HttpResponse.ok(item);
    }

    private void checkMasterData(String tenant, String warehouse, List<OrderStore.Line> lines) throws SQLException {
        if (!master.warehouseKnown(tenant, warehouse)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ResultCodes.UNKNOWN_WAREHOUSE, "warehouse '"
                    + warehouse + "' of tenant '" + tenant + "' is not known to the core", Map.of("line", 0));
        }
        for (OrderStore.Line l : lines) {
            if (!master.skuKnown(tenant, l.sku())) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ResultCodes.UNKNOWN_SKU, "line " + l.lineNo()
                        + ": SKU '" + l.sku() + "' of tenant '" + tenant + "' is not known to the core",
                        Map.of("line", l.lineNo(), "sku", l.sku()));
            }
            if (l.location() != null && !master.locationKnown(tenant, warehouse, l.location())) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, ResultCodes.UNKNOWN_LOCATION, "line "
                        + l.lineNo() + ": location '" + l.location() + "' is not known in warehouse " + tenant + "/"
                        + warehouse, Map.of("line", l.lineNo(), "sku", l.sku()));
            }
        }
    }
}
