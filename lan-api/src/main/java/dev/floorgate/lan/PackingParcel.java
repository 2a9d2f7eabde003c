package dev.floorgate.lan;

import java.util.Objects;

/**
 * One of a customer's parcels waiting on a shelf, as the packing station lists it (GET /api/v1/packing/parcels). Written and read by {@link LanJson}.
 */
public final class PackingParcel {
    private final String parcelId;
    private final String trackingKey;
    private final String carrier;
    private final String warehouse;
    private final String location;

    public PackingParcel(String parcelId, String trackingKey, String carrier, String warehouse, String location) {
        this.parcelId = parcelId;
        this.trackingKey = trackingKey;
        this.carrier = carrier;
        this.warehouse = warehouse;
        this.location = location;
    }

    /** The core's parcel id. */
    public String parcelId() {
        return parcelId;
    }

    /** The normalised tracking number. */
    public String trackingKey() {
        return trackingKey;
    }

    /** The carrier the number was recognised as; may be null. */
    public String carrier() {
        return carrier;
    }

    public String warehouse() {
        return warehouse;
    }

    /** The shelf it lies on; may be null. */
    public String location() {
        return location;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackingParcel)) {
            return false;
        }
        PackingParcel that = (PackingParcel) o;
        return Objects.equals(parcelId, that.parcelId)
                && Objects.equals(trackingKey, that.trackingKey)
                && Objects.equals(carrier, that.carrier)
                && Objects.equals(warehouse, that.warehouse)
                && Objects.equals(location, that.location);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parcelId, trackingKey, carrier, warehouse, location);
    }

    @Override
    public String toString() {
        return "PackingParcel{"
                + "parcelId=" + parcelId
                + ", trackingKey=" + trackingKey
                + ", carrier=" + carrier
                + ", warehouse=" + warehouse
                + ", location=" + location + "}";
    }
}
