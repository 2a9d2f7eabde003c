package dev.floorgate.gateway.internal.http;

import dev.floorgate.protocol.MalformedJsonException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes refused requests as {@code {"error": code, "message": ..., "details": ...}} and logs them. */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
@Requires(classes = {ApiException.class, ExceptionHandler.class})
final class ApiExceptionHandler implements ExceptionHandler<RuntimeException, HttpResponse<Map<String, Object>>> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    public HttpResponse<Map<String, Object>> handle(HttpRequest request, RuntimeException exception) {
        int status;
        String code;
        Object details = null;
        if (exception instanceof ApiException) {
            ApiException api = (ApiException) exception;
            status = api.status();
            code = api.code();
            details = api.details();
        } else if (exception instanceof MalformedJsonException) {
            status = 400;
            code = "MALFORMED_JSON";
        } else if (exception instanceof IllegalArgumentException) {
            status = 400;
            code = "INVALID";
        } else {
            LOG.error("{} {} failed", request.getMethod(), request.getPath(), exception);
            status = 500;
            code = "INTERNAL";
        }
        if (status < 500) {
            LOG.info("{} {} refused {} {}: {}", request.getMethod(), request.getPath(), status, code,
                    exception.getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", status == 500 ? "internal error: " + exception.getClass().getSimpleName()
                + " (see the gateway log)" : exception.getMessage());
        if (details != null) {
            body.put("details", details);
        }
        return HttpResponse.<Map<String, Object>>status(HttpStatus.valueOf(status)).body(body);
    }
}
