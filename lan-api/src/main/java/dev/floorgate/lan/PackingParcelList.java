package dev.floorgate.lan;

import java.util.List;
import java.util.Objects;

/**
 * Answer of GET /api/v1/packing/parcels: the customer's RECEIVED parcels in the offline cache, minus those in a shipment packed here. Written and read by {@link LanJson}.
 */
public final class PackingParcelList {
    private final String customer;
    private final List<PackingParcel> parcels;

    public PackingParcelList(String customer, List<PackingParcel> parcels) {
        this.customer = customer;
        this.parcels = Copies.listOrNull(parcels);
    }

    public String customer() {
        return customer;
    }

    /** By location, then parcel id. */
    public List<PackingParcel> parcels() {
        return parcels;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PackingParcelList)) {
            return false;
        }
        PackingParcelList that = (PackingParcelList) o;
        return Objects.equals(customer, that.customer)
                && Objects.equals(parcels, that.parcels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(customer, parcels);
    }

    @Override
    public String toString() {
        return "PackingParcelList{"
                + "customer=" + customer
                + ", parcels=" + parcels + "}";
    }
}
