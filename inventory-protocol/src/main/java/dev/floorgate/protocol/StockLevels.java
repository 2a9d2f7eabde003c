package dev.floorgate.protocol;

/** The three figures of one stock record after an operation: onHand = usable + reserved. Immutable. */
public final class StockLevels {
    private final long onHand;
    private final long usable;
    private final long reserved;

    public StockLevels(long onHand, long usable, long reserved) {
        this.onHand = onHand;
        this.usable = usable;
        this.reserved = reserved;
    }

    public long onHand() {
        return onHand;
    }

    public long usable() {
        return usable;
    }

    public long reserved() {
        return reserved;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StockLevels)) {
            return false;
        }
        StockLevels other = (StockLevels) o;
        return onHand == other.onHand && usable == other.usable && reserved == other.reserved;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(onHand) * 961 + Long.hashCode(usable) * 31 + Long.hashCode(reserved);
    }

    @Override
    public String toString() {
        return "StockLevels{onHand=" + onHand + ", usable=" + usable + ", reserved=" + reserved + "}";
    }
}
