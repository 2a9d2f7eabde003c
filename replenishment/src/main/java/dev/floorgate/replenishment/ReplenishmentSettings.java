package dev.floorgate.replenishment;

/**
 * How one SKU is bought: the supplier's lead time, the review period (days between two looks at this SKU, 0 for
 * continuous review), the cycle service level (the probability of not running out within a replenishment cycle),
 * the minimum order quantity and the pack size (orders are whole packs).
 */
public record ReplenishmentSettings(int leadTimeDays, int reviewPeriodDays, double serviceLevel, long moq,
        long packSize) {
    public static final int MAX_DAYS = 365;
    public static final double MIN_SERVICE_LEVEL = 0.5;
    public static final double MAX_SERVICE_LEVEL = 0.9999;

    /** The defaults a SKU without settings gets: 7 days lead time, weekly review, 95%, no MOQ, single units. */
    public static final ReplenishmentSettings DEFAULTS = new ReplenishmentSettings(7, 7, 0.95, 0, 1);

    /** @throws IllegalArgumentException naming the field and the value */
    public ReplenishmentSettings {
        if (leadTimeDays < 0 || leadTimeDays > MAX_DAYS) {
            throw new IllegalArgumentException("leadTimeDays must be 0.." + MAX_DAYS + ", was " + leadTimeDays);
        }
        if (reviewPeriodDays < 0 || reviewPeriodDays > MAX_DAYS) {
            throw new IllegalArgumentException("reviewPeriodDays must be 0.." + MAX_DAYS + ", was "
                    + reviewPeriodDays);
        }
        if (!(serviceLevel >= MIN_SERVICE_LEVEL && serviceLevel <= MAX_SERVICE_LEVEL)) {
            throw new IllegalArgumentException("serviceLevel must be " + MIN_SERVICE_LEVEL + ".." + MAX_SERVICE_LEVEL
                    + ", was " + serviceLevel);
        }
        if (moq < 0) {
            throw new IllegalArgumentException("moq must be >= 0, was " + moq);
        }
        if (packSize < 1) {
            throw new IllegalArgumentException("packSize must be >= 1, was " + packSize);
        }
    }

    /** Lead time plus review period: the days an order placed now must cover before the next one arrives. */
    public int protectionDays() {
        return leadTimeDays + reviewPeriodDays;
    }
}
