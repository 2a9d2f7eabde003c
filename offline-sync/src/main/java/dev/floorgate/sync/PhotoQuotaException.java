package dev.floorgate.sync;

import java.io.IOException;

/**
 * A new photo is refused because the photo buffer would exceed its quota; the gateway answers 507. Operations are
 * not affected: they live in the outbox, whose own floor is lower than the photos'.
 */
public final class PhotoQuotaException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long usedBytes;
    private final long quotaBytes;
    private final long photoBytes;

    public PhotoQuotaException(long usedBytes, long quotaBytes, long photoBytes) {
        super("photo buffer full: " + usedBytes + " bytes used of the quota of " + quotaBytes
                + " bytes, a photo of " + photoBytes + " bytes does not fit; it is refused until photos are uploaded");
        this.usedBytes = usedBytes;
        this.quotaBytes = quotaBytes;
        this.photoBytes = photoBytes;
    }

    public long usedBytes() {
        return usedBytes;
    }

    public long quotaBytes() {
        return quotaBytes;
    }

    public long photoBytes() {
        return photoBytes;
    }
}
