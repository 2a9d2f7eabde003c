package dev.floorgate.sync;

/**
 * Counters of the photo buffer and its uploader, for health and metrics.
 *
 * @param pending       photos waiting for upload
 * @param pendingBytes  their bytes (a file shared by two rows counts twice here, once in {@code usedBytes})
 * @param uploaded      photos the core completed (rows kept)
 * @param failed        photos the core refused for good, or whose file was missing (kept, never retried)
 * @param missingFiles  rows found at open whose file was gone (they are among {@code failed}, code FILE_MISSING)
 * @param usedBytes     bytes of photo files held, counted against the quota
 * @param quotaBytes    the quota
 * @param bytesSent     chunk bytes sent to the core by uploaders on this buffer since it was opened
 */
public record PhotoStats(long pending, long pendingBytes, long uploaded, long failed, long missingFiles,
        long usedBytes, long quotaBytes, long bytesSent) {
}
