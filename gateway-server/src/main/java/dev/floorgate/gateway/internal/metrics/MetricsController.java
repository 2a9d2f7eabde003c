package dev.floorgate.gateway.internal.metrics;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.util.List;

/** {@code GET /metrics}: Prometheus text from every {@link MetricsSource}. */
@Controller("/metrics")
final class MetricsController {
    private final List<MetricsSource> sources;

    MetricsController(List<MetricsSource> sources) {
        this.sources = sources;
    }

    @Get
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    String metrics() {
        PrometheusText out = new PrometheusText();
        for (MetricsSource source : sources) {
            source.writeTo(out);
        }
        return out.toString();
    }
}
