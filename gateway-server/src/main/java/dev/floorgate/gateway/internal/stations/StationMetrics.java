package dev.floorgate.gateway.internal.stations;

import dev.floorgate.gateway.internal.metrics.MetricsSource;
import dev.floorgate.gateway.internal.metrics.PrometheusText;
import java.util.List;

/**
 * Station scans for {@code GET /metrics}: {@code floorgate_station_scans_total{station,outcome}} with outcome
 * queued (a print job was spooled), no_match (nothing in the cache matched) or problem (not printable), and
 * {@code floorgate_station_unassigned_scans_total} (reads from scanners that serve no station).
 */
public final class StationMetrics implements MetricsSource {
    private final StationService stations;

    public StationMetrics(StationService stations) {
        this.stations = stations;
    }

    @Override
    public void writeTo(PrometheusText out) {
        List<StationService.Counters> counters = stations.counters();
        for (String outcome : List.of("queued", "no_match", "problem")) {
            for (StationService.Counters c : counters) {
                long n = outcome.equals("queued") ? c.queued() : outcome.equals("no_match") ? c.noMatch()
                        : c.problems();
                out.counter("floorgate_station_scans_total", "Station scans by outcome", n, "station", c.station(),
                        "outcome", outcome);
            }
        }
        out.counter("floorgate_station_unassigned_scans_total", "Reads from scanners that serve no station",
                stations.unassignedScans());
    }
}
