package dev.floorgate.protocol;

/**
 * The kinds of inventory operation (API.md, "The operation"). The core's meaning per stock record
 * (tenant + warehouse + sku) is documented on each constant.
 */
public enum OperationType {
    /** onHand += qty, usable += qty. */
    RECEIVE,
    /** Recorded in the ledger with its location; warehouse totals unchanged. Needs {@code location}. */
    PUTAWAY,
    /** With orderNo: reserved -= qty, onHand -= qty. Without: usable -= qty, onHand -= qty. */
    PICK,
    /** Recorded with both locations; totals unchanged. Needs {@code location} and {@code toLocation}. */
    MOVE,
    /** onHand and usable += qty (signed, non-zero); rejected if usable would go below zero. */
    ADJUST,
    /** Sets the record to the counted figure (qty >= 0) by a computed ADJUST. */
    COUNT,
    /** usable -= qty, reserved += qty for {@code orderNo}; INSUFFICIENT_STOCK if usable < qty. */
    RESERVE,
    /** Gives the remaining reservation of {@code orderNo} back to usable, once. */
    RELEASE,
    /** Recorded in the ledger against {@code orderNo}; totals unchanged. */
    SHIP;

    /** The constant for {@code name}, or null when it names no operation type (the validator reports it). */
    public static OperationType fromName(String name) {
        if (name == null) {
            return null;
        }
        for (OperationType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }

    /** Whether this type needs an order number. */
    public boolean needsOrderNo() {
        return this == RESERVE || this == RELEASE || this == SHIP;
    }
}
