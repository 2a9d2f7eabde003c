package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Body of POST /api/v1/packing/quote. Written and read by {@link LanJson}.
 */
public final class PackingQuoteRequest {
    private final String customer;
    private final List<String> parcels;
    private final Long weightGrams;
    private final String scale;
    private final Integer lengthMm;
    private final Integer widthMm;
    private final Integer heightMm;
    private final String country;
    private final String postcode;
    private final Boolean residential;

    public PackingQuoteRequest(String customer, List<String> parcels, Long weightGrams, String scale, Integer lengthMm, Integer widthMm, Integer heightMm, String country, String postcode, Boolean residential) {
        this.customer = customer;
        this.parcels = Copies.listOrNull(parcels);
        this.weightGrams = weightGrams;
        this.scale = scale;
        this.lengthMm = lengthMm;
        this.widthMm = widthMm;
        this.heightMm = heightMm;
        this.country = country;
        this.postcode = postcode;
        this.residential = residential;
    }

    public String customer() {
        return customer;
    }

    /** The core's parcel ids to consolidate (1-200). */
    public List<String> parcels() {
        return parcels;
    }

    /** The consolidated weight; absent: read from scale; may be null. */
    public Long weightGrams() {
        return weightGrams;
    }

    /** The scale to read when weightGrams is absent; may be null. */
    public String scale() {
        return scale;
    }

    /** Outer carton length. */
    public Integer lengthMm() {
        return lengthMm;
    }

    public Integer widthMm() {
        return widthMm;
    }

    public Integer heightMm() {
        return heightMm;
    }

    /** Destination, ISO 3166 alpha-2. */
    public String country() {
        return country;
    }

    public String postcode() {
        return postcode;
    }

    /** A residential address (cards may charge a fee); may be null. */
    public Boolean residential() {
        return residential;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackingQuoteRequest)) {
            return false;
        }
        PackingQuoteRequest that = (PackingQuoteRequest) o;
        return Objects.equals(customer, that.customer)
                && Objects.equals(parcels, that.parcels)
                && Objects.equals(weightGrams, that.weightGrams)
                && Objects.equals(scale, that.scale)
                && Objects.equals(lengthMm, that.lengthMm)
                && Objects.equals(widthMm, that.widthMm)
                && Objects.equals(heightMm, that.heightMm)
                && Objects.equals(country, that.country)
                && Objects.equals(postcode, that.postcode)
                && Objects.equals(residential, that.residential);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customer, parcels, weightGrams, scale, lengthMm, widthMm, heightMm, country, postcode, residential);
    }

    @Override
    public String toString() {
        return "PackingQuoteRequest{"
                + "customer=" + customer
                + ", parcels=" + parcels
                + ", weightGrams=" + weightGrams
                + ", scale=" + scale
                + ", lengthMm=" + lengthMm
                + ", widthMm=" + widthMm
                + ", heightMm=" + heightMm
                + ", country=" + country
                + ", postcode=" + postcode
                + ", residential=" + residential + "}";
    }
}
