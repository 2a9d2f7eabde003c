package dev.floorgate.rates.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

/**
 * One validated rate card: one carrier service, one version. Weights are grams, lengths millimetres, money minor
 * units of {@link #currency}, so pricing is integer arithmetic; the only division that rounds is the fuel surcharge.
 *
 * @param file the card's path as the caller named the directory, for messages
 * @param dimDivisor cm³ per kg; dimensional grams = mm³ / divisor, exactly (mm³/1000 cm³, /divisor kg, ×1000 g)
 * @param incrementGrams billable weight per parcel is rounded up to a multiple of this
 */
public record RateCard(String file, String carrier, String service, int version, LocalDate effectiveFrom,
                       Currency currency, long dimDivisor, long incrementGrams, BigDecimal fuelPercent,
                       List<Zone> zones, List<ZonePattern> patterns, Fees fees, Limits limits) {

    public String label() {
        return carrier + " " + service + " v" + version;
    }

    /** A zone: transit days and its price table. */
    public record Zone(String name, int transitDays, List<Break> breaks, Above above) {
        public Break lastBreak() {
            return breaks.get(breaks.size() - 1);
        }
    }

    /** Price for a billable shipment weight up to and including {@code upToGrams}. */
    public record Break(long upToGrams, long priceMinor) {
    }

    /** Above the last break: {@code priceMinor} for every started {@code stepGrams}. */
    public record Above(long stepGrams, long priceMinor) {
    }

    /**
     * Per-parcel fees. A parcel is oversize when any of the set thresholds is exceeded (0 = threshold not set).
     */
    public record Fees(long handlingMinor, long residentialMinor, long oversizeMinor, int oversizeLongestSideMm,
                       int oversizeGirthMm, long oversizeWeightGrams) {
    }

    /** A parcel over any set limit (0 = not set) excludes the service. Girth = 2 × (the two shorter sides). */
    public record Limits(long maxWeightGrams, int maxLengthMm, int maxGirthMm, int maxLengthPlusGirthMm) {
    }
}
