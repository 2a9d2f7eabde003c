package dev.floorgate.gateway.internal.http;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.lan.ErrorBody;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.sql.SQLException;

/**
 * A controller's checked {@link SQLException} (gateway.db failed under it) answered as {@link ProblemHandler}
 * answers a failure: 507 DISK_FULL when SQLite said SQLITE_FULL (issue 18 item 2: a full data disk refused an
 * enrollment with 500), otherwise 500 INTERNAL with an error id that the log line carries.
 */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
@Requires(classes = {GatewayProblem.class, ExceptionHandler.class})
final class StoreFailureHandler implements ExceptionHandler<SQLException, HttpResponse<ErrorBody>> {
    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, SQLException exception) {
        return ProblemHandler.answer(request, exception);
    }
}
