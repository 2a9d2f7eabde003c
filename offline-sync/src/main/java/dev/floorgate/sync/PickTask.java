package dev.floorgate.sync;

/** An open pick task from the cache: an order line with reserved - picked > 0 of an order still open. */
public record PickTask(String tenant, String warehouse, String orderNo, String orderStatus, int lineNo, String sku,
        String location, long qty, long reserved, long picked) {
    /** How many are left to pick. */
    public long remaining() {
        return reserved - picked;
    }
}
