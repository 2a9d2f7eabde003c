package dev.floorgate.rates;

import java.util.List;
import java.util.Objects;

/**
 * Merges a customer's waiting parcels into the one carton the packer ships: the weights summed plus the
 * carton's tare, the carton's dimensions as entered or the station's default carton. The parcels' volumes must
 * fit the carton: a quote on a carton too small to hold them would be a price for a shipment that cannot exist.
 */
public final class Consolidation {
    private final long tareGrams;
    private final Parcel defaultCarton;

    /**
     * @param tareGrams the packaging's own weight added to every merged shipment
     * @param defaultCarton outer dimensions of the station's usual carton (its weight is ignored; pass the empty
     *                      carton's weight, which is usually the tare)
     */
    public Consolidation(long tareGrams, Parcel defaultCarton) {
        if (tareGrams < 0) {
            throw new IllegalArgumentException("packaging tare must not be negative, was " + tareGrams + " g");
        }
        this.tareGrams = tareGrams;
        this.defaultCarton = Objects.requireNonNull(defaultCarton, "defaultCarton");
    }

    public Parcel merge(List<Parcel> parcels) {
        return merge(parcels, defaultCarton.lengthMm(), defaultCarton.widthMm(), defaultCarton.heightMm());
    }

    /** Into a carton of the given outer dimensions (mm). */
    public Parcel merge(List<Parcel> parcels, int lengthMm, int widthMm, int heightMm) {
        if (parcels.isEmpty()) {
            throw new IllegalArgumentException("nothing to consolidate: no parcels");
        }
        long weight = tareGrams;
        long volume = 0;
        for (Parcel p : parcels) {
            weight = Math.addExact(weight, p.weightGrams());
            volume = Math.addExact(volume, p.volumeMm3());
        }
        Parcel carton = new Parcel(weight, lengthMm, widthMm, heightMm);
        if (volume > carton.volumeMm3()) {
            throw new IllegalArgumentException(parcels.size() + " parcels of " + volume / 1000 + " cm3 do not fit a carton of "
                    + lengthMm + " x " + widthMm + " x " + heightMm + " mm (" + carton.volumeMm3() / 1000 + " cm3)");
        }
        return carton;
    }
}
