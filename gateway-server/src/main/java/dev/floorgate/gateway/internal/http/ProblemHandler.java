package dev.floorgate.gateway.internal.http;

import dev.floorgate.gateway.internal.GatewayProblem;
import dev.floorgate.gateway.internal.ProblemCode;
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

/**
 * The one place where a refusal becomes HTTP: a {@link GatewayProblem}'s code gets its status from
 * {@link ProblemStatus} and the answer is
 * {@code {"error": code, "message": ..., "details": ...}} (API.md); a refusal is logged at info, a failure at error.
 */
@Produces(MediaType.APPLICATION_JSON)
@Singleton
@Requires(classes = {GatewayProblem.class, ExceptionHandler.class})
final class ProblemHandler implements ExceptionHandler<RuntimeException, HttpResponse<Map<String, Object>>> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    public HttpResponse<Map<String, Object>> handle(HttpRequest request, RuntimeException exception) {
        int status;
        String code;
        Object details = null;
        if (exception instanceof GatewayProblem) {
            GatewayProblem problem = (GatewayProblem) exception;
            status = ProblemStatus.of(problem.code());
            code = problem.code().name();
            details = problem.details();
        } else if (exception instanceof MalformedJsonException) {
            status = 400;
            code = ProblemCode.MALFORMED_JSON.name();
        } else if (exception instanceof IllegalArgumentException) {
            status = 400;
            code = ProblemCode.INVALID.name();
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
