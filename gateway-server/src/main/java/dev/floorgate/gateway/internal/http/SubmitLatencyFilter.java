package dev.floorgate.gateway.internal.http;

import dev.floorgate.gateway.internal.metrics.LatencyHistogram;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Times {@code POST /api/v1/operations} inside the gateway, from the routed request (before its body is read,
 * authenticated and made durable) to the answer ready to write, into {@code floorgate_operation_submit_seconds}
 * on /metrics. It runs first, so every other filter's cost is inside the figure; only the TLS and the socket
 * are outside it.
 */
@ServerFilter("/api/v1/operations")
final class SubmitLatencyFilter implements Ordered {
    private static final String STARTED = "fg.submit.started";
    private final LatencyHistogram submitLatency;

    SubmitLatencyFilter(LatencyHistogram submitLatency) {
        this.submitLatency = submitLatency;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    @RequestFilter
    void start(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.POST) {
            request.setAttribute(STARTED, System.nanoTime());
        }
    }

    @ResponseFilter
    void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(STARTED, Long.class)
                .ifPresent(started -> submitLatency.record(System.nanoTime() - started));
    }
}
