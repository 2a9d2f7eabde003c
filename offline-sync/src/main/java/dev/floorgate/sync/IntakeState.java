package dev.floorgate.sync;

/** Where a parcel intake recorded at the gateway stands ({@link ParcelBook}). */
public enum IntakeState {
    /** Durable at the gateway, not yet answered by the core. */
    PENDING,
    /** The core received the announced parcel. */
    RECEIVED,
    /** The core knew no announcement: the parcel is on the no-owner shelf until central IT names its owner. */
    NO_OWNER,
    /**
     * The core refused it for good (ALREADY_RECEIVED, OP_ID_REUSED, INVALID): resending cannot change the answer;
     * shown to site IT with the core's code and message.
     */
    REFUSED
}
