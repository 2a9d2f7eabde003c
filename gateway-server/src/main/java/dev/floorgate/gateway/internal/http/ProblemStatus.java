package dev.floorgate.gateway.internal.http;

import dev.floorgate.gateway.internal.ProblemCode;

/** The HTTP status of each {@link ProblemCode} (API.md), for {@link ProblemHandler} and the admin audit. */
public final class ProblemStatus {
    private ProblemStatus() {
    }

    /** The HTTP status each problem is answered with. */
    public static int of(ProblemCode code) {
        switch (code) {
            case INVALID:
            case MALFORMED_JSON:
            case WEAK_PASSWORD:
            case UNKNOWN_TEMPLATE:
                return 400;
            case UNAUTHORIZED:
                return 401;
            case TENANT_FORBIDDEN:
            case ENROLLMENT_REFUSED:
            case PASSWORD_CHANGE_REQUIRED:
            case ADMIN_CLOSED:
            case PRINTER_COMMAND_REFUSED:
                return 403;
            case NOT_FOUND:
                return 404;
            case DEVICE_ID_TAKEN:
            case JOB_ID_REUSED:
            case OP_ID_REUSED:
            case INVALID_STATE:
            case PRINTER_EXISTS:
            case PARCEL_CONFLICT:
            case NO_SUCH_QUOTE:
            case SCALE_NOT_READY:
                return 409;
            case BATCH_TOO_LARGE:
            case PREVIEW_TOO_LARGE:
            case PHOTO_TOO_LARGE:
                return 413;
            case NOT_A_JPEG:
                return 415;
            case LOCKED_OUT:
            case TENANT_QUEUE_FULL:
            case TOO_MANY_ATTEMPTS:
                return 429;
            case QUEUE_FULL:
            case OUTBOX_UNAVAILABLE:
            case OUTBOX_BUSY:
            case BUSY:
            case PHOTOS_UNAVAILABLE:
                return 503;
            case MISSING_FIELD:
            case NO_RATES:
                return 422;
            case CAMERA_UNAVAILABLE:
                return 502;
            case DISK_FULL:
            case PHOTOS_FULL:
                return 507;
            default:
                throw new IllegalStateException("no HTTP status for problem " + code);
        }
    }
}
