package dev.floorgate.gateway.internal.parcels;

import dev.floorgate.gateway.internal.metrics.MetricsSource;
import dev.floorgate.gateway.internal.metrics.PrometheusText;
import dev.floorgate.sync.ParcelStats;
import java.io.IOException;

/** The parcel book's figures for /metrics: the offline cache, the intakes waiting, the no-owner shelf, refusals. */
public final class ParcelMetrics implements MetricsSource {
    private final ParcelService parcels;

    public ParcelMetrics(ParcelService parcels) {
        this.parcels = parcels;
    }

    @Override
    public void writeTo(PrometheusText out) {
        ParcelStats s;
        try {
            s = parcels.book().stats();
        } catch (IOException e) {
            return; // the book cannot be read now: leave the samples out rather than report zeros
        }
        out.gauge("floorgate_parcels_cached", "Announced parcels in the gateway's offline cache", s.cachedParcels());
        out.gauge("floorgate_parcel_intakes_pending", "Parcel intakes the core has not answered yet",
                s.pendingIntakes());
        out.gauge("floorgate_parcel_intakes_no_owner", "Parcel intakes the core answered NO_OWNER (no-owner shelf)",
                s.noOwnerIntakes());
        out.gauge("floorgate_parcel_intakes_refused", "Parcel intakes the core refused for good (site IT looks)",
                s.refusedIntakes());
        if (s.feedAge() != null) {
            out.gauge("floorgate_parcel_feed_age_seconds", "Time since the oldest parcel feed was last pulled",
                    s.feedAge().toSeconds());
        }
    }
}
