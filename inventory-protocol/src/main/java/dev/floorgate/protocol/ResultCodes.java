package dev.floorgate.protocol;

/**
 * Result and error codes of API.md. Codes are strings on the wire so that a newer core may add codes an older
 * gateway does not know; these constants are the ones FloorGate itself produces.
 */
public final class ResultCodes {
    /** Usable stock is below the requested quantity. */
    public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";
    /** A PICK against an order asks for more than the order has reserved. */
    public static final String INSUFFICIENT_RESERVATION = "INSUFFICIENT_RESERVATION";
    public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
    public static final String UNKNOWN_WAREHOUSE = "UNKNOWN_WAREHOUSE";
    public static final String UNKNOWN_TENANT = "UNKNOWN_TENANT";
    public static final String UNKNOWN_LOCATION = "UNKNOWN_LOCATION";
    public static final String UNKNOWN_ORDER = "UNKNOWN_ORDER";
    /** The operation fails validation (a field missing or malformed); the message names the fields. */
    public static final String INVALID = "INVALID";
    /** The key that signed the request does not hold the operation's tenant. */
    public static final String TENANT_FORBIDDEN = "TENANT_FORBIDDEN";
    /** The same opId arrived before with a different body; never merged. */
    public static final String OP_ID_REUSED = "OP_ID_REUSED";
    /** A RESERVE for an order that already holds a reservation from another operation on this record. */
    public static final String ALREADY_RESERVED = "ALREADY_RESERVED";
    /** A COUNT below what is reserved on the record: the counted figure cannot hold the reservations. */
    public static final String COUNT_BELOW_RESERVED = "COUNT_BELOW_RESERVED";
    /** A RELEASE for an order whose reservation was already released or fully picked. */
    public static final String NOTHING_TO_RELEASE = "NOTHING_TO_RELEASE";
    /** The core is shedding load or a store is unreachable; retry later. */
    public static final String UNAVAILABLE = "UNAVAILABLE";

    // Request-level error codes (the "error" field of a 4xx/5xx body).
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String BAD_SIGNATURE = "BAD_SIGNATURE";
    public static final String BATCH_TOO_LARGE = "BATCH_TOO_LARGE";

    private ResultCodes() {
    }
}
