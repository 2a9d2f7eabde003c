package dev.floorgate.sync;

import java.time.Instant;

/**
 * One row of the photo buffer's index.
 *
 * @param id          the row's number (add order)
 * @param sha256      lower-case hex of the photo's bytes; its file is {@code <photos dir>/<sha256>.jpg}
 * @param uploadId    the core's upload id once an upload was opened, else null
 * @param offset      bytes the core has acknowledged (as last stored; the core's word wins after a cut)
 * @param failureCode the core's code (or {@code FILE_MISSING}) when FAILED, else null
 */
public record StoredPhoto(long id, String tenant, String warehouse, String parcelId, String shot, String sha256,
        long size, PhotoState state, String uploadId, long offset, String failureCode, Instant addedAt) {
}
