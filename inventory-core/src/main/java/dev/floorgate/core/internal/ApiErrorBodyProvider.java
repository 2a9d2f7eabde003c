package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of the errors Micronaut produces itself (no such route, wrong method, unreadable parameter), in the
 * shape of API.md, {@code {"error": code, "message": ...}}, instead of Micronaut's HAL error document. Server
 * errors (an exception no handler knew) say only "internal error"; the exception is in the log.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ApiErrorBodyProvider implements JsonErrorResponseBodyProvider<Map<String, Object>> {
    @Override
    public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        String code;
        switch (status) {
            case 404:
                code = "NOT_FOUND";
                break;
            case 405:
                code = "METHOD_NOT_ALLOWED";
                break;
            case 413:
                code = ResultCodes.BATCH_TOO_LARGE;
                break;
            case 415:
                code = "UNSUPPORTED_MEDIA_TYPE";
                break;
            default:
                code = status >= 500 ? "INTERNAL" : ResultCodes.INVALID;
        }
        // A 5xx here is an exception no handler knew: its text is internals (an NPE's message names classes).
        String message = status >= 500 ? ClientMessages.generic(status)
                : ClientMessages.safe(context.hasErrors() ? context.getErrors().get(0).getMessage()
                        : response.reason(), ClientMessages.generic(status));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message + " (" + context.getRequest().getMethodName() + " "
                + context.getRequest().getPath() + ")");
        return body;
    }
}
