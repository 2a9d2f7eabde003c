package dev.floorgate.core.internal;

import dev.floorgate.core.CoreUnavailableException;
import dev.floorgate.protocol.BatchRequest;
import dev.floorgate.protocol.MalformedJsonException;
import dev.floorgate.protocol.ResultCodes;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every refusal into the error body of API.md, {@code {"error": code, "message": ...}}, with its status.
 * Each handler is its own small bean (Micronaut picks a handler by exception type). Store failures are answered
 * in our words only; their causes go to the log ({@link ClientMessages} is the backstop for every message).
 * An exception no other handler knows is a 500 INTERNAL whose message carries an error id, and the log line with
 * the stack trace carries the same id, so an operator can find the one from the other.
 */
final class ErrorHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);

    private ErrorHandlers() {
    }

    static MutableHttpResponse<Map<String, Object>> body(HttpStatus status, String code, String message,
            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", ClientMessages.safe(message, ClientMessages.generic(status.getCode())));
        body.putAll(extra);
        return HttpResponse.<Map<String, Object>>status(status).body(body);
    }

    @Singleton
    @Produces
    @Requires(classes = {ApiException.class, ExceptionHandler.class})
    static final class Api implements ExceptionHandler<ApiException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ApiException e) {
            if (e.status().getCode() >= 500) {
                LOG.warn("{} {} -> {} {}", request.getMethod(), request.getPath(), e.status().getCode(),
                        e.getMessage());
            } else {
                LOG.info("{} {} -> {} {}: {}", request.getMethod(), request.getPath(), e.status().getCode(), e.code(),
                        e.getMessage());
            }
            return body(e.status(), e.code(), e.getMessage(), e.extra());
        }
    }

    @Singleton
    @Produces
    @Requires(classes = {CoreUnavailableException.class, ExceptionHandler.class})
    static final class Unavailable implements ExceptionHandler<CoreUnavailableException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, CoreUnavailableException e) {
            LOG.warn("{} {} -> 503: {}", request.getMethod(), request.getPath(), e.getMessage());
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
            return body(HttpStatus.SERVICE_UNAVAILABLE, ResultCodes.UNAVAILABLE, e.getMessage(), Map.of())
                    .header("Retry-After", Long.toString(seconds));
        }
    }

    @Singleton
    @Produces
    @Requires(classes = {MalformedJsonException.class, ExceptionHandler.class})
    static final class Malformed implements ExceptionHandler<MalformedJsonException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, MalformedJsonException e) {
            LOG.info("{} {} -> 400 MALFORMED_JSON: {}", request.getMethod(), request.getPath(), e.getMessage());
            return body(HttpStatus.BAD_REQUEST, ResultCodes.MALFORMED_JSON, e.getMessage(), Map.of());
        }
    }

    @Singleton
    @Produces
    @Requires(classes = {ContentLengthExceededException.class, ExceptionHandler.class})
    @io.micronaut.context.annotation.Replaces(io.micronaut.http.server.exceptions.ContentLengthExceededHandler.class)
    static final class TooLarge implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException e) {
            LOG.info("{} {} -> 413: {}", request.getMethod(), request.getPath(), e.getMessage());
            return body(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ResultCodes.BATCH_TOO_LARGE, "request body exceeds "
                    + "the limit (a batch may hold at most " + BatchRequest.MAX_BYTES + " bytes)",
                    Map.of());
        }
    }

    /** A store failed under a request that was not shedding yet: the caller should retry, like a 503 shed. */
    @Singleton
    @Produces
    @Requires(classes = {java.sql.SQLException.class, ExceptionHandler.class})
    static final class Sql implements ExceptionHandler<java.sql.SQLException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, java.sql.SQLException e) {
            LOG.warn("{} {} -> 503: MySQL failed: {}", request.getMethod(), request.getPath(), e.toString());
            return body(HttpStatus.SERVICE_UNAVAILABLE, ResultCodes.UNAVAILABLE, "the database failed; retry later",
                    Map.of()).header("Retry-After", "5");
        }
    }

    @Singleton
    @Produces
    @Requires(classes = {io.lettuce.core.RedisException.class, ExceptionHandler.class})
    static final class Redis implements ExceptionHandler<io.lettuce.core.RedisException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, io.lettuce.core.RedisException e) {
            LOG.warn("{} {} -> 503: Redis failed: {}", request.getMethod(), request.getPath(), e.toString());
            return body(HttpStatus.SERVICE_UNAVAILABLE, ResultCodes.UNAVAILABLE, "Redis failed; retry later",
                    Map.of()).header("Retry-After", "5");
        }
    }

    /**
     * Any exception no handler above (or Micronaut's own, for route and conversion errors) knows: a bug. The client
     * gets 500 INTERNAL with an error id and nothing of the exception; the log gets the id and the stack trace.
     */
    @Singleton
    @Produces
    @Requires(classes = ExceptionHandler.class)
    static final class Unexpected implements ExceptionHandler<Exception, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, Exception e) {
            String id = newErrorId();
            LOG.error("{} {} -> 500 INTERNAL, error id {}", request.getMethod(), request.getPath(), id, e);
            return body(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL", ClientMessages.generic(500) + ", error id " + id,
                    Map.of());
        }
    }

    /** 12 hex digits: unique enough to find one log line among a day's, short enough to read out on the phone. */
    static String newErrorId() {
        return String.format("%012x", ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
    }
}
