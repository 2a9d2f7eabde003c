package dev.floorgate.gateway.internal.photos;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The parcel photo buffer, {@code fg.photos.*} (issue 17; offline-sync's PhotoOptions as site IT sets them). The
 * buffer lives in {@code <fg.data-dir>/photos}; GatewaySettingsCheck refuses a bad value with one line at start.
 *
 * <ul>
 *   <li>{@code fg.photos.quota} (2147483648 = 2 GiB): bytes of photo files held while they wait for the core; a
 *       new photo past it is answered 507 PHOTOS_FULL, operations are still taken.</li>
 *   <li>{@code fg.photos.disk-floor} (unset: {@code fg.sync.disk-floor} + 805306368, so 1 GiB with the default
 *       256 MiB operations' floor): below this much free space new photos are refused with 507 PHOTOS_FULL. Must be
 *       above {@code fg.sync.disk-floor} so a filling disk refuses photos long before operations.</li>
 *   <li>{@code fg.photos.max-photo-bytes} (8388608 = 8 MiB): the largest photo taken (413 PHOTO_TOO_LARGE above);
 *       at most the quota and {@code micronaut.server.max-request-size}.</li>
 *   <li>{@code fg.photos.chunk-bytes} (262144 = 256 KiB): bytes per PUT to the core; at most the core's
 *       {@code fg.photos.max-chunk-bytes}. Smaller chunks lose less to a Wi-Fi or WAN cut.</li>
 * </ul>
 */
@ConfigurationProperties(PhotoConfiguration.PREFIX)
public interface PhotoConfiguration {
    String PREFIX = "fg.photos";
    long DEFAULT_QUOTA = 2L << 30;
    long DEFAULT_FLOOR_ABOVE_OPERATIONS = 768L << 20;
    long DEFAULT_MAX_PHOTO_BYTES = 8L << 20;
    int DEFAULT_CHUNK_BYTES = 256 * 1024;

    @Bindable(defaultValue = "2147483648")
    long getQuota();

    /** Null when unset: PhotoService#diskFloor. */
    @Nullable
    Long getDiskFloor();

    @Bindable(defaultValue = "8388608")
    long getMaxPhotoBytes();

    @Bindable(defaultValue = "262144")
    int getChunkBytes();
}
