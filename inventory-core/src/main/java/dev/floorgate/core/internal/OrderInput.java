package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An order as it comes in, by {@code POST /v1/orders} or as an order command on RabbitMQ (OrderCommandConsumer):
 * the same body, the same checks, the same clear refusals ({@link ApiException} naming the field or line).
 */
final class OrderInput {
    static final int MAX_LINES = 1000;
    static final int MAX_BODY = 1024 * 1024;

    private OrderInput() {
    }

    /** The body of POST /v1/orders, and of an order command (plus {@code command}). */
    @Serdeable
    record OrderBody(@Nullable String command, @Nullable String tenant, @Nullable String warehouse,
            @Nullable String orderNo, @Nullable List<LineBody> lines) {
    }

    /** One line of an order. */
    @Serdeable
    record LineBody(@Nullable String sku, @Nullable Long qty, @Nullable String location) {
    }

    static OrderStore.Ref ref(OrderBody b) {
        return new OrderStore.Ref(Inputs.code("tenant", b.tenant()), Inputs.code("warehouse", b.warehouse()),
                Inputs.text("orderNo", b.orderNo(), 128, true));
    }

    static List<OrderStore.Line> lines(OrderBody b) {
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
        return lines;
    }

    static void checkMasterData(MasterDataStore master, OrderStore.Ref ref, List<OrderStore.Line> lines)
            throws SQLException {
        String tenant = ref.tenant();
        String warehouse = ref.warehouse();
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
