package dev.floorgate.sync;

/**
 * A parcel that cannot go into a shipment at this gateway, named with the reason: the station shows it and the
 * packer takes the parcel out (or fixes the customer). Or an opId that names another shipment. Nothing was stored.
 */
public final class ParcelConflictException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the parcel cannot be packed, as the gateway's 409 names it. */
    public enum Reason {
        /** The offline cache has no such parcel (unknown, or closed already). */
        PARCEL_NOT_IN_CACHE,
        /** The parcel is not RECEIVED (announced, not on a shelf yet; or on the no-owner shelf). */
        PARCEL_NOT_RECEIVED,
        /** The parcel belongs to another customer. */
        PARCEL_OF_ANOTHER_CUSTOMER,
        /** The parcel lies in another warehouse. */
        PARCEL_IN_ANOTHER_WAREHOUSE,
        /** The parcel is in a shipment packed here that is queued for the core (or created by it). */
        PARCEL_ALREADY_QUEUED,
        /** The station's opId names another shipment packed here (parcelId is null). */
        OP_ID_REUSED
    }

    private final String parcelId;
    private final Reason reason;

    public ParcelConflictException(String parcelId, Reason reason, String message) {
        super(message);
        this.parcelId = parcelId;
        this.reason = reason;
    }

    public String parcelId() {
        return parcelId;
    }

    public Reason reason() {
        return reason;
    }
}
