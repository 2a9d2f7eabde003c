package dev.floorgate.sync;

import java.util.Objects;

/** One line of an order: what is ordered, reserved and already picked, and where to pick it. */
public record OrderLine(int lineNo, String sku, long qty, long reserved, long picked, String location) {
    public OrderLine {
        Objects.requireNonNull(sku, "sku");
    }

    /** What is still to pick from the reservation: reserved - picked, never below zero. */
    public long remaining() {
        return Math.max(0, reserved - picked);
    }
}
