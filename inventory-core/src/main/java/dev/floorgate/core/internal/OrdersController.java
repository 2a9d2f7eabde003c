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
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/orders}: the HTTP entry of the order saga (OrderService; the bus entry is OrderCommandConsumer).
 * 201 with the order when created, 200 when the same order was already placed, 409 {@code INSUFFICIENT_STOCK}
 * (or another stock code) naming the failing line, 422 for unknown master data, 409 {@code ORDER_EXISTS} for the
 * same order number with other lines, 409 {@code ORDER_CANCELLED} for a cancelled one. Cancel and ship confirmation
 * are {@code POST /v1/orders/{tenant}/{warehouse}/{orderNo}/cancel} and {@code .../ship}.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class OrdersController {
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

    /** Creates the order and reserves every line, or reserves nothing. */
    @Post(uri = "/v1/orders", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    HttpResponse<ChangesFeed.OrderItem> place(HttpRequest<?> request, @Nullable @Body byte[] body)
            throws SQLException {
        byte[] bytes = body == null ? new byte[0] : body;
        Inputs.size(bytes, OrderInput.MAX_BODY);
        var key = guard.verify(request, bytes);
        OrderInput.OrderBody b = Inputs.read(json, bytes, OrderInput.OrderBody.class, OrderInput.MAX_BODY);
        RequestGuard.requireTenant(key, Inputs.code("tenant", b.tenant()));
        OrderStore.Ref ref = OrderInput.ref(b);
        List<OrderStore.Line> lines = OrderInput.lines(b);
        shedder.check();
        OrderInput.checkMasterData(master, ref, lines);
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

    /** Cancels the order: releases what it holds (200 with the order), 409 once picking started. */
    @Post(uri = "/v1/orders/{tenant}/{warehouse}/{orderNo}/cancel", consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    ChangesFeed.OrderItem cancel(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String warehouse,
            @PathVariable String orderNo, @Nullable @Body byte[] body) throws SQLException {
        OrderStore.Ref ref = signedRef(request, body, tenant, warehouse, orderNo);
        try {
            return ChangesFeed.orderItem(orders.cancel(ref));
        } catch (OrderService.OrderConflictException e) {
            throw new ApiException(HttpStatus.CONFLICT, e.code(), e.getMessage());
        }
    }

    /** Shipment confirmation: closes the order SHIPPED (200 with the order as it was; the feed shows SHIPPED). */
    @Post(uri = "/v1/orders/{tenant}/{warehouse}/{orderNo}/ship", consumes = MediaType.ALL,
            produces = MediaType.APPLICATION_JSON)
    ChangesFeed.OrderItem ship(HttpRequest<?> request, @PathVariable String tenant, @PathVariable String warehouse,
            @PathVariable String orderNo, @Nullable @Body byte[] body) throws SQLException {
        OrderStore.Ref ref = signedRef(request, body, tenant, warehouse, orderNo);
        try {
            return ChangesFeed.orderItem(orders.ship(ref));
        } catch (OrderService.OrderConflictException e) {
            throw new ApiException(HttpStatus.CONFLICT, e.code(), e.getMessage());
        }
    }

    private OrderStore.Ref signedRef(HttpRequest<?> request, byte[] body, String tenant, String warehouse,
            String orderNo) {
        byte[] bytes = body == null ? new byte[0] : body;
        Inputs.size(bytes, 1024);
        var key = guard.verify(request, bytes);
        if (bytes.length > 0) {
            // the command has no fields; a body, when sent, must still be JSON (EndpointSweepTest: before, any bytes
            // were taken), so a client that sends the wrong thing learns it
            Inputs.read(json, bytes, Map.class);
        }
        OrderStore.Ref ref = new OrderStore.Ref(Inputs.code("tenant", tenant), Inputs.code("warehouse", warehouse),
                Inputs.text("orderNo", orderNo, 128, true));
        RequestGuard.requireTenant(key, ref.tenant());
        shedder.check();
        return ref;
    }
}
