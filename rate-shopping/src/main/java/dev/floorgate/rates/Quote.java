package dev.floorgate.rates;

import java.util.List;

/**
 * One service's price for a shipment. {@code total = base + fuel + fees}; fuel is a percentage of the base,
 * rounded half-up to the minor unit once per shipment.
 *
 * @param billableGrams the sum over parcels of max(actual, dimensional), each rounded up to the card's increment
 */
public record Quote(String carrier, String service, int cardVersion, String cardFile, String zone, Money total,
                    Money base, Money fuel, Money fees, List<Charge> feeLines, long billableGrams, int transitDays) {
    public Quote {
        feeLines = List.copyOf(feeLines);
    }

    public String serviceName() {
        return carrier + " " + service;
    }
}
