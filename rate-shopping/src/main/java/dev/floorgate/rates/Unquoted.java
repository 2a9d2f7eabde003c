package dev.floorgate.rates;

/** A service that could not quote this shipment, and why, in words a packer can act on. */
public record Unquoted(String carrier, String service, String reason) {
}
