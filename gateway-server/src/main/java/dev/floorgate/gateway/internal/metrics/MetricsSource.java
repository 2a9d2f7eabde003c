package dev.floorgate.gateway.internal.metrics;

/** A part of the gateway that contributes samples to {@code GET /metrics} (sync, print spool, devices). */
public interface MetricsSource {
    void writeTo(PrometheusText out);
}
