package dev.floorgate.gateway.internal.http;

/**
 * A request the gateway refuses, with the HTTP status and the {@code {"error": code, "message": ...}} body of
 * API.md. Thrown by controllers and services; {@link ApiExceptionHandler} writes it.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final transient Object details;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, Object details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "UNAUTHORIZED", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "TENANT_FORBIDDEN", message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra structured detail for the body (e.g. per-operation problems), or null. */
    public Object details() {
        return details;
    }
}
