package dev.floorgate.gateway.internal.photos;

import dev.floorgate.gateway.internal.metrics.MetricsSource;
import dev.floorgate.gateway.internal.metrics.PrometheusText;
import dev.floorgate.sync.PhotoStats;
import java.io.IOException;

/** The photo buffer's figures for /metrics: what waits, what was uploaded, what failed, the quota in use. */
public final class PhotoMetrics implements MetricsSource {
    private final PhotoService photos;

    public PhotoMetrics(PhotoService photos) {
        this.photos = photos;
    }

    @Override
    public void writeTo(PrometheusText out) {
        PhotoStats s;
        try {
            s = photos.stats();
        } catch (IOException e) {
            return; // the index cannot be read now: leave the samples out rather than report zeros
        }
        out.gauge("floorgate_photos_pending", "Parcel photos waiting for their upload to the core", s.pending());
        out.gauge("floorgate_photos_pending_bytes", "Bytes of the parcel photos waiting for their upload",
                s.pendingBytes());
        out.counter("floorgate_photos_uploaded_total", "Parcel photos the core has completed", s.uploaded());
        out.gauge("floorgate_photos_failed", "Parcel photos the core refused for good (kept, never retried)",
                s.failed());
        out.gauge("floorgate_photos_used_bytes", "Bytes of photo files held against fg.photos.quota", s.usedBytes());
        out.gauge("floorgate_photos_quota_bytes", "fg.photos.quota", s.quotaBytes());
        out.counter("floorgate_photos_sent_bytes_total", "Photo chunk bytes sent to the core since the start",
                s.bytesSent());
    }
}
