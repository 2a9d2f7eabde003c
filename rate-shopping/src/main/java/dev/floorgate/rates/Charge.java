package dev.floorgate.rates;

/** One fee line of a quote: "handling x2", "residential x2", "oversize x1", and its amount. */
public record Charge(String name, int parcels, Money amount) {
}
