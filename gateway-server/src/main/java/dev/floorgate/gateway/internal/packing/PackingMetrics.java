package dev.floorgate.gateway.internal.packing;

import dev.floorgate.gateway.internal.metrics.MetricsSource;
import dev.floorgate.gateway.internal.metrics.PrometheusText;
import dev.floorgate.gateway.internal.parcels.ParcelService;
import dev.floorgate.sync.ShipmentState;
import java.io.IOException;

/** The packing station for /metrics: shipments waiting for the core or refused by it, and each scale's link. */
public final class PackingMetrics implements MetricsSource {
    private final ParcelService parcels;
    private final ScaleRegistry scales;

    public PackingMetrics(ParcelService parcels, ScaleRegistry scales) {
        this.parcels = parcels;
        this.scales = scales;
    }

    @Override
    public void writeTo(PrometheusText out) {
        for (String name : scales.names()) {
            out.gauge("floorgate_scale_connected", "1 when the scale's link is up", scales.connected(name) ? 1 : 0,
                    "scale", name);
        }
        try {
            out.gauge("floorgate_shipments_pending", "Shipments packed here the core has not answered yet",
                    parcels.packing().count(ShipmentState.PENDING));
            out.gauge("floorgate_shipments_refused", "Shipments packed here the core refused for good (site IT looks)",
                    parcels.packing().count(ShipmentState.REFUSED));
        } catch (IOException e) {
            // the book cannot be read now: leave the samples out rather than report zeros
        }
    }
}
