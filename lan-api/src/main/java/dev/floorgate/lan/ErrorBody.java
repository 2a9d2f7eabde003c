package dev.floorgate.lan;

import java.util.Objects;

/**
 * The error body of every refused request: 4xx/5xx {"error": CODE, "message": ...} (API.md).
 * Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class ErrorBody {
    private final String error;
    private final String message;
    private final Object details;

    public ErrorBody(String error, String message, Object details) {
        this.error = error;
        this.message = message;
        this.details = details;
    }

    /** Machine-readable code, e.g. INVALID, NOT_FOUND, DISK_FULL. */
    public String error() {
        return error;
    }

    /** What and where, for people. */
    public String message() {
        return message;
    }

    /** Extra structured detail, any JSON value; absent when there is none. */
    public Object details() {
        return details;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ErrorBody)) {
            return false;
        }
        ErrorBody that = (ErrorBody) o;
        return Objects.equals(error, that.error)
                && Objects.equals(message, that.message)
                && Objects.equals(details, that.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(error, message, details);
    }

    @Override
    public String toString() {
        return "ErrorBody{" + "error=" + error
                + ", message=" + message
                + ", details=" + details + "}";
    }
}
