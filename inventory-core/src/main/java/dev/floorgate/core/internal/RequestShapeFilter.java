package dev.floorgate.core.internal;

import dev.floorgate.protocol.ResultCodes;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Two refusals every route gets before anything reads the request (issue 18 item 5, found by
 * {@code EndpointSweepTest}):
 * <ul>
 *   <li>a body declared larger than {@code micronaut.server.max-request-size} (8 MiB) is 413 BATCH_TOO_LARGE, also
 *       where a route reads no body (before: {@code POST /v1/admin/reconcile} ran and answered 200 to 9 MiB);</li>
 *   <li>a body whose {@code Content-Type} says it is not JSON is 415 UNSUPPORTED_MEDIA_TYPE (before: a CSV upload
 *       was parsed as JSON and answered 400 MALFORMED_JSON quoting the parser). Every body the core reads is JSON
 *       but a photo chunk's ({@code application/octet-stream} on {@code PUT /v1/photos/uploads/{tenant}/{id}} only,
 *       issue 17); a request without a {@code Content-Type} is read as JSON, as before, so scripts that omit it keep working.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestShapeFilter implements Ordered {
    private final long maxRequestSize;

    RequestShapeFilter(@Value("${micronaut.server.max-request-size:10485760}") long maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuse(HttpRequest<?> request) {
        long declared = request.getContentLength();
        if (declared > maxRequestSize) {
            return answer(HttpStatus.REQUEST_ENTITY_TOO_LARGE, ResultCodes.BATCH_TOO_LARGE, "request body of "
                    + declared + " bytes exceeds the limit of " + maxRequestSize);
        }
        Optional<MediaType> type = request.getContentType();
        if (declared > 0 && type.isPresent() && !isJson(type.get()) && !isPhotoChunk(request, type.get())) {
            return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", "the body must be JSON "
                    + "(Content-Type: application/json), was " + type.get().getName());
        }
        return null;
    }

    /** A photo chunk (issue 17) is raw bytes, on its own route only; every other body stays JSON. */
    private static boolean isPhotoChunk(HttpRequest<?> request, MediaType type) {
        return type.getType().equalsIgnoreCase("application") && type.getSubtype().equalsIgnoreCase("octet-stream")
                && PhotosController.isChunkRoute(request);
    }

    private static boolean isJson(MediaType type) {
        String sub = type.getSubtype().toLowerCase(Locale.ROOT);
        return type.getType().equalsIgnoreCase("application") && (sub.equals("json") || sub.endsWith("+json"));
    }

    private static HttpResponse<Map<String, Object>> answer(HttpStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return HttpResponse.<Map<String, Object>>status(status).body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
