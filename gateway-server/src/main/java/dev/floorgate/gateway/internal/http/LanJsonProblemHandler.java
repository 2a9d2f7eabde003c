package dev.floorgate.gateway.internal.http;

import dev.floorgate.lan.ErrorBody;
import dev.floorgate.lan.LanJsonException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A request body that {@code LanJson} could not read (a checked {@link LanJsonException}, so not a
 * {@link ProblemHandler} RuntimeException): 400 INVALID naming the field, or MALFORMED_JSON when the body is not a
 * JSON object at all. The answer is made by {@link ProblemHandler#answer}, the one place that shapes refusals.
 */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
final class LanJsonProblemHandler implements ExceptionHandler<LanJsonException, HttpResponse<ErrorBody>> {
    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, LanJsonException exception) {
        return ProblemHandler.answer(request, exception);
    }
}
