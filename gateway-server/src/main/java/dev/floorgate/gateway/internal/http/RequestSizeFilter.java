package dev.floorgate.gateway.internal.http;

import dev.floorgate.lan.ErrorBody;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * A body declared larger than {@code micronaut.server.max-request-size} (8 MiB) is answered 413 REQUEST_TOO_LARGE
 * before anything else looks at the request, on every route. Micronaut enforces the limit only where a route reads
 * its body, so before this a route that takes none (sync-now, revoke, discover) answered 200 to a 9 MiB body and a
 * route that looks an id up first answered 404 (issue 18 item 5, found by {@code EndpointSweepTest}). It runs before
 * authentication too: nobody's 9 MiB is buffered.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestSizeFilter implements Ordered {
    private final long maxRequestSize;

    RequestSizeFilter(@Value("${micronaut.server.max-request-size:10485760}") long maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> tooLarge(HttpRequest<?> request) {
        long declared = request.getContentLength();
        if (declared <= maxRequestSize) {
            return null;
        }
        return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).body(new ErrorBody("REQUEST_TOO_LARGE",
                "the body is " + declared + " bytes; the gateway takes at most " + maxRequestSize, null));
    }
}
