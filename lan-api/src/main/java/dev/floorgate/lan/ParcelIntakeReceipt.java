package dev.floorgate.lan;

import java.util.Objects;

/**
 * One parcel intake at this gateway: the answer of POST /api/v1/parcels/intake (201 new, 200 a repeated scan) and
 * an element of {@link ParcelIntakeList}. Written and read by {@link LanJson}.
 */
public final class ParcelIntakeReceipt {
    private final String opId;
    private final String tenant;
    private final String warehouse;
    private final String trackingKey;
    private final String carrier;
    private final String location;
    private final String station;
    private final String state;
    private final String owner;
    private final String ownerName;
    private final String parcelId;
    private final boolean repeated;
    private final String failure;
    private final String scannedAt;
    private final String printJobId;

    public ParcelIntakeReceipt(String opId, String tenant, String warehouse, String trackingKey, String carrier,
            String location, String station, String state, String owner, String ownerName, String parcelId,
            boolean repeated, String failure, String scannedAt, String printJobId) {
        this.opId = opId;
        this.tenant = tenant;
        this.warehouse = warehouse;
        this.trackingKey = trackingKey;
        this.carrier = carrier;
        this.location = location;
        this.station = station;
        this.state = state;
        this.owner = owner;
        this.ownerName = ownerName;
        this.parcelId = parcelId;
        this.repeated = repeated;
        this.failure = failure;
        this.scannedAt = scannedAt;
        this.printJobId = printJobId;
    }

    /** The intake's idempotency key, made at the scan; the core applies the intake once under it. */
    public String opId() {
        return opId;
    }

    public String tenant() {
        return tenant;
    }

    public String warehouse() {
        return warehouse;
    }

    /** The normalised tracking number (what the core keys the parcel by). */
    public String trackingKey() {
        return trackingKey;
    }

    /** UPS, FEDEX, USPS, UPU_S10, DHL, SSCC or UNKNOWN. */
    public String carrier() {
        return carrier;
    }

    public String location() {
        return location;
    }

    public String station() {
        return station;
    }

    /** PENDING (durable here, not yet answered by the core), RECEIVED, NO_OWNER or REFUSED. */
    public String state() {
        return state;
    }

    /** The owner's customer code: from the core's answer, else from the gateway's offline cache at the scan;
     * null when nobody announced the parcel (it goes to the no-owner shelf). */
    public String owner() {
        return owner;
    }

    public String ownerName() {
        return ownerName;
    }

    /** The core's parcel id, when known (announced parcels from the cache; others once the core answered). */
    public String parcelId() {
        return parcelId;
    }

    /** True when this tracking number was scanned in here before: the earlier intake, nothing new stored. */
    public boolean repeated() {
        return repeated;
    }

    /** The core's code and message when REFUSED (e.g. ALREADY_RECEIVED with where and when); else null. */
    public String failure() {
        return failure;
    }

    /** ISO-8601 instant of the scan. */
    public String scannedAt() {
        return scannedAt;
    }

    /** The intake label's print job, when a printer was named (a repeated scan prints nothing new). */
    public String printJobId() {
        return printJobId;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ParcelIntakeReceipt)) {
            return false;
        }
        ParcelIntakeReceipt that = (ParcelIntakeReceipt) o;
        return Objects.equals(opId, that.opId)
                && Objects.equals(tenant, that.tenant)
                && Objects.equals(warehouse, that.warehouse)
                && Objects.equals(trackingKey, that.trackingKey)
                && Objects.equals(carrier, that.carrier)
                && Objects.equals(location, that.location)
                && Objects.equals(station, that.station)
                && Objects.equals(state, that.state)
                && Objects.equals(owner, that.owner)
                && Objects.equals(ownerName, that.ownerName)
                && Objects.equals(parcelId, that.parcelId)
                && repeated == that.repeated
                && Objects.equals(failure, that.failure)
                && Objects.equals(scannedAt, that.scannedAt)
                && Objects.equals(printJobId, that.printJobId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(opId, tenant, warehouse, trackingKey, carrier, location, station,
                state, owner, ownerName, parcelId, repeated, failure, scannedAt, printJobId);
    }

    @Override
    public String toString() {
        return "ParcelIntakeReceipt{"
                + "opId=" + opId
                + ", tenant=" + tenant
                + ", warehouse=" + warehouse
                + ", trackingKey=" + trackingKey
                + ", carrier=" + carrier
                + ", location=" + location
                + ", station=" + station
                + ", state=" + state
                + ", owner=" + owner
                + ", ownerName=" + ownerName
                + ", parcelId=" + parcelId
                + ", repeated=" + repeated
                + ", failure=" + failure
                + ", scannedAt=" + scannedAt
                + ", printJobId=" + printJobId + "}";
    }
}
