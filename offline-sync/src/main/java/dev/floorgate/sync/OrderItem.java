package dev.floorgate.sync;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An order with its lines and their reservations. {@code status}: RESERVED, PARTIAL, RELEASED, PICKED or SHIPPED.
 * Key: (tenant, warehouse, orderNo); a newer item replaces the order and all its lines.
 */
public record OrderItem(String tenant, String warehouse, String orderNo, String status, List<OrderLine> lines)
        implements ChangeItem {
    /** Statuses whose lines are no longer picked: no pick tasks come from these orders. */
    public static final Set<String> CLOSED_STATUSES = Set.of("RELEASED", "PICKED", "SHIPPED");

    public OrderItem {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(warehouse, "warehouse");
        Objects.requireNonNull(orderNo, "orderNo");
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    @Override
    public String kind() {
        return "order";
    }
}
