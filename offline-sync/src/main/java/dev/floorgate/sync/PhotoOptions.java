package dev.floorgate.sync;

import java.time.Clock;
import java.time.Duration;

/**
 * Options of the gateway's photo buffer ({@link PhotoOutbox}) and its {@link PhotoUploader}. Immutable; build with
 * {@link #builder()}, {@link Builder#build()} checks them.
 */
public final class PhotoOptions {
    /** The core's default {@code fg.photos.max-chunk-bytes} is larger; 256 KiB is one Wi-Fi hiccup's worth. */
    public static final int DEFAULT_CHUNK_BYTES = 256 * 1024;

    private final long quotaBytes;
    private final long diskFloorBytes;
    private final long maxPhotoBytes;
    private final int chunkBytes;
    private final Duration backoffMin;
    private final Duration backoffMax;
    private final Clock clock;

    private PhotoOptions(Builder b) {
        this.quotaBytes = b.quotaBytes;
        this.diskFloorBytes = b.diskFloorBytes;
        this.maxPhotoBytes = b.maxPhotoBytes;
        this.chunkBytes = b.chunkBytes;
        this.backoffMin = b.backoffMin;
        this.backoffMax = b.backoffMax;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static PhotoOptions defaults() {
        return builder().build();
    }

    /** Bytes of photo files the buffer may hold (pending and failed photos); a new photo past it is refused. */
    public long quotaBytes() {
        return quotaBytes;
    }

    /**
     * Photos are refused when the disk has fewer usable bytes than this; must be above the operations' floor
     * ({@link SyncOptions#diskFloorBytes()}) so photos are refused before operations are.
     */
    public long diskFloorBytes() {
        return diskFloorBytes;
    }

    /** The largest photo taken (bytes). */
    public long maxPhotoBytes() {
        return maxPhotoBytes;
    }

    /** Bytes per PUT to the core; must not exceed the core's {@code fg.photos.max-chunk-bytes}. */
    public int chunkBytes() {
        return chunkBytes;
    }

    public Duration backoffMin() {
        return backoffMin;
    }

    public Duration backoffMax() {
        return backoffMax;
    }

    public Clock clock() {
        return clock;
    }

    /** Builder with the defaults: quota 2 GiB, disk floor 1 GiB, photos up to 20 MiB, chunks of 256 KiB. */
    public static final class Builder {
        private long quotaBytes = 2L << 30;
        private long diskFloorBytes = 1L << 30;
        private long maxPhotoBytes = 20L << 20;
        private int chunkBytes = DEFAULT_CHUNK_BYTES;
        private Duration backoffMin = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofMinutes(2);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder quotaBytes(long v) {
            quotaBytes = v;
            return this;
        }

        public Builder diskFloorBytes(long v) {
            diskFloorBytes = v;
            return this;
        }

        public Builder maxPhotoBytes(long v) {
            maxPhotoBytes = v;
            return this;
        }

        public Builder chunkBytes(int v) {
            chunkBytes = v;
            return this;
        }

        public Builder backoff(Duration min, Duration max) {
            backoffMin = min;
            backoffMax = max;
            return this;
        }

        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the option and its value */
        public PhotoOptions build() {
            check(quotaBytes >= 1, "photo quota must be >= 1 byte, was " + quotaBytes);
            check(diskFloorBytes >= 0, "photo disk floor must be >= 0 bytes, was " + diskFloorBytes);
            check(maxPhotoBytes >= 1 && maxPhotoBytes <= quotaBytes, "max photo size must be 1.." + quotaBytes
                    + " bytes (the quota), was " + maxPhotoBytes);
            check(chunkBytes >= 1024, "photo chunk must be >= 1024 bytes, was " + chunkBytes);
            check(backoffMin != null && backoffMax != null && !backoffMin.isNegative()
                    && backoffMax.compareTo(backoffMin) >= 0, "photo backoff needs 0 <= min <= max, was "
                    + backoffMin + ".." + backoffMax);
            check(clock != null, "clock is null");
            return new PhotoOptions(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
