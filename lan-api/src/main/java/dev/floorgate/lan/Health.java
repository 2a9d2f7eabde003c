package dev.floorgate.lan;

import java.util.Objects;

/**
 * Answer of GET /health (200 while the gateway serves, 503 when its database does not answer): what site IT needs
 * at a glance. Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class Health {
    private final String status;
    private final String mode;
    private final HealthCore core;
    private final HealthQueue queue;
    private final Long cacheAgeSeconds;
    private final long diskFreeBytes;
    private final HealthClock clock;
    private final HealthPhotos photos;

    public Health(String status, String mode, HealthCore core, HealthQueue queue, Long cacheAgeSeconds,
            long diskFreeBytes) {
        this(status, mode, core, queue, cacheAgeSeconds, diskFreeBytes, null);
    }

    public Health(String status, String mode, HealthCore core, HealthQueue queue, Long cacheAgeSeconds,
            long diskFreeBytes, HealthClock clock) {
        this(status, mode, core, queue, cacheAgeSeconds, diskFreeBytes, clock, null);
    }

    public Health(String status, String mode, HealthCore core, HealthQueue queue, Long cacheAgeSeconds,
            long diskFreeBytes, HealthClock clock, HealthPhotos photos) {
        this.status = status;
        this.mode = mode;
        this.core = core;
        this.queue = queue;
        this.cacheAgeSeconds = cacheAgeSeconds;
        this.diskFreeBytes = diskFreeBytes;
        this.clock = clock;
        this.photos = photos;
    }

    /**
     * UP; DEGRADED when it serves but site IT must act (its clock is off by more than {@code fg.clock.max-offset},
     * or the core refuses its key: see {@link #clock()}); DOWN when the gateway's own database does not answer.
     */
    public String status() {
        return status;
    }

    /** online, or offline when no core is configured (operations queue). */
    public String mode() {
        return mode;
    }

    /** The link to the core. */
    public HealthCore core() {
        return core;
    }

    /** Operations waiting to be synced. */
    public HealthQueue queue() {
        return queue;
    }

    /** Age of the gateway's copy of the core's data (SKUs, pick tasks); null before the first download. */
    public Long cacheAgeSeconds() {
        return cacheAgeSeconds;
    }

    /** Free bytes on the gateway's data disk. */
    public long diskFreeBytes() {
        return diskFreeBytes;
    }

    /** The gateway's clock against the core's; null from gateways before issue 20. */
    public HealthClock clock() {
        return clock;
    }

    /** The parcel photo buffer (issue 17); null from gateways before it. */
    public HealthPhotos photos() {
        return photos;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Health)) {
            return false;
        }
        Health that = (Health) o;
        return Objects.equals(status, that.status)
                && Objects.equals(mode, that.mode)
                && Objects.equals(core, that.core)
                && Objects.equals(queue, that.queue)
                && Objects.equals(cacheAgeSeconds, that.cacheAgeSeconds)
                && diskFreeBytes == that.diskFreeBytes
                && Objects.equals(clock, that.clock)
                && Objects.equals(photos, that.photos);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, mode, core, queue, cacheAgeSeconds, diskFreeBytes, clock, photos);
    }

    @Override
    public String toString() {
        return "Health{" + "status=" + status
                + ", mode=" + mode
                + ", core=" + core
                + ", queue=" + queue
                + ", cacheAgeSeconds=" + cacheAgeSeconds
                + ", diskFreeBytes=" + diskFreeBytes
                + ", clock=" + clock
                + ", photos=" + photos + "}";
    }
}
