package dev.floorgate.rates;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** What the packer is about to ship: destination, the parcels, and the ship date (which picks the card versions). */
public record Shipment(Destination destination, List<Parcel> parcels, LocalDate shipDate) {
    /** A packing station ships cartons, not containers; also keeps every sum of weights far from overflow. */
    public static final int MAX_PARCELS = 1000;

    public Shipment {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(shipDate, "shipDate");
        parcels = List.copyOf(parcels);
        if (parcels.isEmpty()) {
            throw new IllegalArgumentException("a shipment needs at least one parcel");
        }
        if (parcels.size() > MAX_PARCELS) {
            throw new IllegalArgumentException("a shipment of " + parcels.size() + " parcels is over " + MAX_PARCELS);
        }
    }
}
