package dev.floorgate.gateway.internal.http;

import dev.floorgate.gateway.internal.LogText;
import dev.floorgate.gateway.internal.ProblemCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.floorgate.lan.ErrorBody;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers Micronaut makes itself, in the LAN API's {@link ErrorBody} shape and our words: an unknown route
 * (404 NOT_FOUND), a method a route does not take (405 METHOD_NOT_ALLOWED), a body over
 * {@code micronaut.server.max-request-size} (413 REQUEST_TOO_LARGE), a body the pages' typed bodies could not read
 * (400 MALFORMED_JSON, or INVALID for a value of the wrong type), and anything else it answers without reaching
 * {@link ProblemHandler}. Replaces the framework's HATEOAS body, which quoted the parser ("Unexpected token
 * START_ARRAY ... StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION") and named argument and class names (issue 22
 * finding 6e). The framework's text goes to the log (escaped), never to the client.
 */
@Singleton
@Primary
final class LanErrorResponses implements ErrorResponseProcessor<ErrorBody> {
    private static final Logger LOG = LoggerFactory.getLogger(LanErrorResponses.class);

    @Override
    public MutableHttpResponse<ErrorBody> processResponse(ErrorContext context, MutableHttpResponse<?> base) {
        int status = base.code();
        Throwable cause = context.getRootCause().orElse(null);
        String code = code(status, cause);
        String said = context.getErrors().isEmpty() ? String.valueOf(cause)
                : context.getErrors().get(0).getMessage();
        if (status >= 500) {
            LOG.warn("{} {} answered {} {} by the framework: {}", context.getRequest().getMethod(),
                    LogText.safe(context.getRequest().getPath()), status, code, LogText.safe(said), cause);
        } else {
            LOG.info("{} {} answered {} {} by the framework: {}", context.getRequest().getMethod(),
                    LogText.safe(context.getRequest().getPath()), status, code, LogText.safe(said));
        }
        String message = ProblemCode.MALFORMED_JSON.name().equals(code) ? "the body is not a JSON value this route "
                + "reads (or nests deeper than the gateway reads)" : ClientMessages.generic(status);
        @SuppressWarnings("unchecked")
        MutableHttpResponse<ErrorBody> response = (MutableHttpResponse<ErrorBody>) base;
        return response.body(new ErrorBody(code, message, null)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    /**
     * Whether the parser itself gave up (bad syntax, nesting over its limit) or the body is not a JSON object at all
     * (serde says "expected START_OBJECT"), as LanJson answers MALFORMED_JSON; not the reading of one value.
     */
    private static boolean notJson(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException
                    || (t.getMessage() != null && t.getMessage().contains("expected START_OBJECT"))) {
                return true;
            }
        }
        return false;
    }

    private static String code(int status, Throwable cause) {
        switch (status) {
            case 400:
                return cause instanceof ConversionErrorException && !notJson(cause) ? ProblemCode.INVALID.name()
                        : ProblemCode.MALFORMED_JSON.name();
            case 401:
                return ProblemCode.UNAUTHORIZED.name();
            case 403:
                return "FORBIDDEN";
            case 404:
                return ProblemCode.NOT_FOUND.name();
            case 405:
                return "METHOD_NOT_ALLOWED";
            case 406:
                return "NOT_ACCEPTABLE";
            case 413:
                return "REQUEST_TOO_LARGE";
            case 415:
                return "UNSUPPORTED_MEDIA_TYPE";
            default:
                return status >= 500 ? "INTERNAL" : "REFUSED";
        }
    }
}
