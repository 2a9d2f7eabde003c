package dev.floorgate.sync;

/**
 * One item of the core's changes feed ({@code GET /v1/changes}) and of the gateway's master-data cache: a SKU,
 * a bin, or an order with its lines. An item replaces the cached item with the same key.
 */
public sealed interface ChangeItem permits SkuItem, LocationItem, OrderItem {
    /** {@code sku}, {@code location} or {@code order}, as on the wire. */
    String kind();

    String tenant();
}
