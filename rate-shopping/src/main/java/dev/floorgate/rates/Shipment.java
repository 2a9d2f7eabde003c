package dev.floorgate.rates;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What the packer is about to ship: destination, the parcels, and the ship date (which picks the card versions). */
public record Shipment(Destination destination, List<Parcel> parcels, LocalDate shipDate) {
    public Shipment {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(shipDate, "shipDate");
        parcels = List.copyOf(parcels);
        if (parcels.isEmpty()) {
            throw new IllegalArgumentException("a shipment needs at least one parcel");
        }
    }
}
