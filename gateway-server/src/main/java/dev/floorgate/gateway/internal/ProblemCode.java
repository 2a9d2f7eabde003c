package dev.floorgate.gateway.internal;

/**
 * Why the gateway refuses a request or an action, as API.md names it in {@code {"error": CODE}}. Domain code throws
 * a {@link GatewayProblem} with one of these; the web layer (internal.http.ProblemHandler) alone decides the HTTP
 * status each one is answered with.
 */
public enum ProblemCode {
    /** A field is missing or out of range; the message names the field. */
    INVALID,
    /** The body or a query value is not the JSON object it must be. */
    MALFORMED_JSON,
    /** A new password too short, too long or equal to an old one. */
    WEAK_PASSWORD,
    /**
     * A template print job leaves out a required field that has no value from the station's defaults (or, for an
     * optional-from-sample station, the template's sample); the message names the field.
     */
    MISSING_FIELD,
    /** A print request names a template the gateway does not have. */
    UNKNOWN_TEMPLATE,
    /** No, a wrong, an unknown or a revoked credential. */
    UNAUTHORIZED,
    /** A device acts for a tenant (or a station) not its own. */
    TENANT_FORBIDDEN,
    /** An enrollment code that is unknown, used or expired. */
    ENROLLMENT_REFUSED,
    /** The initial admin password must be changed before anything else. */
    PASSWORD_CHANGE_REQUIRED,
    /** The admin API is closed (no fg.admin-token). */
    ADMIN_CLOSED,
    /** Nothing by that id that the caller may see. */
    NOT_FOUND,
    /** A device id enrolled for another tenant. */
    DEVICE_ID_TAKEN,
    /** A print jobId used before for another request. */
    JOB_ID_REUSED,
    /** A packing station's opId used before for another shipment. */
    OP_ID_REUSED,
    /** A person action on a print job in a state it does not apply to. */
    INVALID_STATE,
    /** A printer adopted under a name already taken. */
    PRINTER_EXISTS,
    /** More operations in one request than the gateway takes. */
    BATCH_TOO_LARGE,
    /** Too many wrong passwords; the account waits. */
    LOCKED_OUT,
    /** Too many failed sign-ins or enrollment attempts from one address; it waits. */
    TOO_MANY_ATTEMPTS,
    /** A printer's queue is at fg.print.max-queued-per-printer. */
    QUEUE_FULL,
    /** The outbox could not store operations. */
    OUTBOX_UNAVAILABLE,
    /** The outbox did not commit in time; the same opIds may be retried. */
    OUTBOX_BUSY,
    /** The data disk is below fg.sync.disk-floor. */
    DISK_FULL,
    /** Raw ZPL carries a printer-control command the caller may not send (ZplCommandPolicy); names it and its byte. */
    PRINTER_COMMAND_REFUSED,
    /** A tenant's jobs waiting at one printer are at fg.print.tenant-queue-limit. */
    TENANT_QUEUE_FULL,
    /** A preview larger than fg.limits.preview-max-pixels; refused before anything is drawn. */
    PREVIEW_TOO_LARGE,
    /** A parcel photo over fg.photos.max-photo-bytes. */
    PHOTO_TOO_LARGE,
    /** A parcel photo whose content type is not image/jpeg or whose bytes lack the JPEG SOI/EOI markers. */
    NOT_A_JPEG,
    /** The photo buffer's quota (fg.photos.quota) or disk floor (fg.photos.disk-floor) refuses new photos. */
    PHOTOS_FULL,
    /** The photo buffer could not store or read a photo; nothing was acknowledged. */
    PHOTOS_UNAVAILABLE,
    /** A station camera gave no still (no answer, a timeout, an HTTP status, too many bytes): 502. */
    CAMERA_UNAVAILABLE,
    /**
     * A parcel that cannot go into a shipment at the packing station (not in the offline cache, not RECEIVED,
     * another customer's, another warehouse's, or already in a shipment packed here); details name it.
     */
    PARCEL_CONFLICT,
    /** The tenant has no rate cards at this gateway (no folder under fg.rate-cards-dir). */
    NO_RATES,
    /** The chosen carrier service and card version does not quote this shipment (now); quote again. */
    NO_SUCH_QUOTE,
    /** The scale gave no stable weight (its state in the message): weigh again or enter the weight. */
    SCALE_NOT_READY,
    /** The gateway is at a limit of concurrent work (previews, event streams) or short of heap; retry later. */
    BUSY
}
