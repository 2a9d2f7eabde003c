package dev.floorgate.lan;

import java.util.Objects;

/**
 * The parcel photo buffer in GET /health: what waits for the core, what was uploaded, and why the last upload round
 * stopped. Immutable; made with its constructor. Written and read by {@link LanJson}.
 */
public final class HealthPhotos {
    private final long pending;
    private final long pendingBytes;
    private final long uploaded;
    private final long failed;
    private final long usedBytes;
    private final long quotaBytes;
    private final String lastError;

    public HealthPhotos(long pending, long pendingBytes, long uploaded, long failed, long usedBytes, long quotaBytes,
            String lastError) {
        this.pending = pending;
        this.pendingBytes = pendingBytes;
        this.uploaded = uploaded;
        this.failed = failed;
        this.usedBytes = usedBytes;
        this.quotaBytes = quotaBytes;
        this.lastError = lastError;
    }

    /** Photos waiting for (or in the middle of) their upload. */
    public long pending() {
        return pending;
    }

    public long pendingBytes() {
        return pendingBytes;
    }

    /** Photos the core has (rows kept until pruned). */
    public long uploaded() {
        return uploaded;
    }

    /** Photos the core refused for good, or whose file was missing; kept, never retried. */
    public long failed() {
        return failed;
    }

    /** Bytes of photo files held, counted against {@link #quotaBytes()}. */
    public long usedBytes() {
        return usedBytes;
    }

    /** fg.photos.quota: past it new photos are refused with 507 (operations are not). */
    public long quotaBytes() {
        return quotaBytes;
    }

    /** Why the last upload round stopped (core unreachable, refusing), or null when it finished or none ran. */
    public String lastError() {
        return lastError;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HealthPhotos)) {
            return false;
        }
        HealthPhotos that = (HealthPhotos) o;
        return pending == that.pending && pendingBytes == that.pendingBytes && uploaded == that.uploaded
                && failed == that.failed && usedBytes == that.usedBytes && quotaBytes == that.quotaBytes
                && Objects.equals(lastError, that.lastError);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pending, pendingBytes, uploaded, failed, usedBytes, quotaBytes, lastError);
    }

    @Override
    public String toString() {
        return "HealthPhotos{" + "pending=" + pending
                + ", pendingBytes=" + pendingBytes
                + ", uploaded=" + uploaded
                + ", failed=" + failed
                + ", usedBytes=" + usedBytes
                + ", quotaBytes=" + quotaBytes
                + ", lastError=" + lastError + "}";
    }
}
