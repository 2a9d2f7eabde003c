package dev.floorgate.core.internal;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** 429 + Retry-After for a full lane, in the API's error body (as ErrorHandlers.Unavailable does for 503). */
@Singleton
@Produces
@Requires(classes = {TooBusyException.class, ExceptionHandler.class})
final class TooBusyHandler implements ExceptionHandler<TooBusyException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(TooBusyHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, TooBusyException e) {
        LOG.info("{} {} -> 429: {}", request.getMethod(), request.getPath(), e.getMessage());
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", TooBusyException.CODE);
        body.put("message", e.getMessage());
        return HttpResponse.<Map<String, Object>>status(HttpStatus.TOO_MANY_REQUESTS).body(body)
                .header("Retry-After", Long.toString(seconds));
    }
}
