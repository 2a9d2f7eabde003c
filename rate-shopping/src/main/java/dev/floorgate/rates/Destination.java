package dev.floorgate.rates;

import java.util.Objects;

/**
 * Where the shipment goes: ISO 3166 alpha-2 country, postal code (may be empty where a country has none) and
 * whether the address is residential (cards may charge a residential fee per parcel).
 */
public record Destination(String country, String postalCode, boolean residential) {
    public Destination {
        Objects.requireNonNull(country, "country");
        if (country.length() != 2) {
            throw new IllegalArgumentException("country '" + country + "' is not a two-letter ISO 3166 code");
        }
        country = country.toUpperCase(java.util.Locale.ROOT);
        postalCode = postalCode == null ? "" : postalCode.trim();
    }
}
