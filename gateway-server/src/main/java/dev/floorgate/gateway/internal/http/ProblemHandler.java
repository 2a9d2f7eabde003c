package dev.floorgate.gateway.internal.http;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.LogText;
import dev.floorgate.gateway.internal.ProblemCode;
import dev.floorgate.lan.ErrorBody;
import dev.floorgate.lan.LanJsonException;
import dev.floorgate.protocol.MalformedJsonException;
import dev.floorgate.sqlite.SqliteFiles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a refusal becomes HTTP: a {@link GatewayProblem}'s code gets its status from
 * {@link ProblemStatus} and the answer is an {@link ErrorBody}
 * {@code {"error": code, "message": ..., "details": ...}} (API.md); a refusal is logged at info, a failure at error.
 * A request body {@code LanJson} could not read ({@link LanJsonException}) is 400: INVALID naming the field, or
 * MALFORMED_JSON when the body is not JSON at all. No answer names an internal class, a stack frame or a driver's
 * message ({@link ClientMessages}, issue 22 finding 6e): a failure is 500 INTERNAL "internal error; see the gateway
 * log, error id 0123456789ab" and its cause is logged on a line with the same id (issue 18), so an operator finds
 * the stack trace from what the PDA shows; client text in log lines goes through {@link LogText}.
 */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
@Requires(classes = {GatewayProblem.class, ExceptionHandler.class})
final class ProblemHandler implements ExceptionHandler<RuntimeException, HttpResponse<ErrorBody>> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    static final String DISK_FULL_MESSAGE = "disk full: the gateway's data disk has no room for this change; "
            + "nothing was changed, retry when space is freed";

    @Override
    public HttpResponse<ErrorBody> handle(HttpRequest request, RuntimeException exception) {
        return answer(request, exception);
    }

    /** The status and {@link ErrorBody} of a refusal or failure (also for {@link LanJsonProblemHandler}). */
    static HttpResponse<ErrorBody> answer(HttpRequest<?> request, Exception exception) {
        int status;
        String code;
        Object details = null;
        String errorId = null;
        if (exception instanceof GatewayProblem) {
            GatewayProblem problem = (GatewayProblem) exception;
            status = ProblemStatus.of(problem.code());
            code = problem.code().name();
            details = problem.details();
        } else if (exception instanceof LanJsonException) {
            status = 400;
            code = (((LanJsonException) exception).field() == null ? ProblemCode.MALFORMED_JSON : ProblemCode.INVALID)
                    .name();
        } else if (exception instanceof MalformedJsonException) {
            status = 400;
            code = ProblemCode.MALFORMED_JSON.name();
        } else if (exception instanceof IllegalArgumentException) {
            status = 400;
            code = ProblemCode.INVALID.name();
        } else if (SqliteFiles.isDiskFull(exception)) {
            // SQLITE_FULL from gateway.db (enrollment, sessions, print jobs): the same 507 as the outbox's guard,
            // not a 500; the driver's text and the file's path stay in the log.
            LOG.warn("{} {} refused 507 DISK_FULL: {}", request.getMethod(), LogText.safe(request.getPath()),
                    LogText.safe(String.valueOf(exception.getMessage())));
            return HttpResponse.<ErrorBody>status(HttpStatus.valueOf(507)).body(new ErrorBody(
                    ProblemCode.DISK_FULL.name(), DISK_FULL_MESSAGE, null));
        } else {
            errorId = String.format("%012x", ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
            LOG.error("{} {} failed, error id {}", request.getMethod(), LogText.safe(request.getPath()), errorId,
                    exception);
            status = 500;
            code = "INTERNAL";
        }
        if (status < 500) {
            LOG.info("{} {} refused {} {}: {}", request.getMethod(), LogText.safe(request.getPath()), status, code,
                    LogText.safe(exception.getMessage()));
        }
        // Our refusals are in our words; a parser's or library's message (an IllegalArgumentException from deep
        // down, a LanJson cause) may not be: ClientMessages replaces it. A failure never names its class.
        String message = errorId != null ? ClientMessages.generic(500) + ", error id " + errorId
                : status == 500 ? ClientMessages.generic(500) : ClientMessages.safe(exception.getMessage(), status);
        return HttpResponse.<ErrorBody>status(HttpStatus.valueOf(status)).body(new ErrorBody(code, message, details));
    }
}
