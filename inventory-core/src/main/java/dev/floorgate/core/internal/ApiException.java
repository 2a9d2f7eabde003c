package dev.floorgate.core.internal;

import io.micronaut.http.HttpStatus;
import java.util.Map;

/**
 * A request-level refusal with its HTTP status and the body of API.md: {@code {"error": code, "message": ...}}
 * plus optional extra fields (the failing line of an order).
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final HttpStatus status;
    private final String code;
    private final transient Map<String, Object> extra;

    ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ApiException(HttpStatus status, String code, String message, Map<String, Object> extra) {
        super(message);
        this.status = status;
        this.code = code;
        this.extra = extra;
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> extra() {
        return extra;
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }
}
