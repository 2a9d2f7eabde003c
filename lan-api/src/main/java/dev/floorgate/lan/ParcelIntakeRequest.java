package dev.floorgate.lan;

import java.util.Objects;

/**
 * Body of POST /api/v1/parcels/intake (issue 17): a parcel scanned in at a receiving station. Written and read by
 * {@link LanJson}.
 */
public final class ParcelIntakeRequest {
    private final String scan;
    private final String aimId;
    private final String location;
    private final String station;
    private final String printer;

    public ParcelIntakeRequest(String scan, String aimId, String location, String station, String printer) {
        this.scan = scan;
        this.aimId = aimId;
        this.location = location;
        this.station = station;
        this.printer = printer;
    }

    /** The barcode as the scanner read it: a UPS, FedEx, USPS IMpb (with or without its GS1 420/421 prefix), UPU S10,
     * DHL or SSCC number, or any plain Code 128 text of 6-40 characters. */
    public String scan() {
        return scan;
    }

    /** The scanner's AIM symbology identifier (]C1 for GS1-128), when it sent one; may be null. */
    public String aimId() {
        return aimId;
    }

    /** Where the parcel is put: a shelf or the no-owner shelf (a code of 1-64 letters, digits, '.', '_', '-'). */
    public String location() {
        return location;
    }

    /** The receiving station (a code), or null. */
    public String station() {
        return station;
    }

    /** The printer for the intake label (the station's printer), or null for none. */
    public String printer() {
        return printer;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ParcelIntakeRequest)) {
            return false;
        }
        ParcelIntakeRequest that = (ParcelIntakeRequest) o;
        return Objects.equals(scan, that.scan)
                && Objects.equals(aimId, that.aimId)
                && Objects.equals(location, that.location)
                && Objects.equals(station, that.station)
                && Objects.equals(printer, that.printer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scan, aimId, location, station, printer);
    }

    @Override
    public String toString() {
        return "ParcelIntakeRequest{"
                + "scan=" + scan
                + ", aimId=" + aimId
                + ", location=" + location
                + ", station=" + station
                + ", printer=" + printer + "}";
    }
}
