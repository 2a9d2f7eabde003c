package dev.floorgate.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Parcel photos (issue 17), {@code fg.photos.*}: where the photos are stored (an S3-API object store) and their
 * bounds. The feature exists only when {@code fg.photos.endpoint} is set; every key is checked at start
 * (CoreSettingsCheck), so a bad value stops the start with one line naming it. Objects live under
 * {@code tenants/{tenant}/photos/} (photos and thumbnails) and {@code tenants/{tenant}/uploads/} (staged chunks).
 *
 * <p>A tenant may have its own S3 identity, {@code fg.photos.tenants.<tenant>.access-key} with
 * {@code .secret-key} or {@code .secret-key-file} (a file holding the secret), and optionally its own
 * {@code .bucket} and {@code .endpoint} (default: the ones above): then every request for that tenant's photos is
 * signed with its own keys, so the store itself refuses one tenant's requests on another's objects when its
 * policies say so (docs/TENANTS.md, "S3"). The tenant is the code of {@code fg.core.keys}; these keys are read by
 * tenant code (TenantPhotoSettings), not bound here, because a code may hold '.' or '-'.
 */
@ConfigurationProperties(PhotosConfiguration.PREFIX)
public class PhotosConfiguration {
    public static final String PREFIX = "fg.photos";

    /** {@code fg.photos.endpoint}: the S3 API URL, such as {@code https://s3.eu-central-1.amazonaws.com}; unset = no photos. */
    private String endpoint;
    /** {@code fg.photos.region}: the signing region (us-east-1; S3Proxy and MinIO accept any). */
    private String region = "us-east-1";
    /** {@code fg.photos.bucket}: the bucket, which must exist. */
    private String bucket;
    /**
     * {@code fg.photos.access-key}: the shared S3 access key id, for tenants without their own; required unless
     * {@code require-tenant-credentials} is true.
     */
    private String accessKey;
    /** {@code fg.photos.secret-key}: the shared S3 secret key (never printed). */
    private String secretKey;
    /**
     * {@code fg.photos.require-tenant-credentials}: true = a tenant without {@code fg.photos.tenants.<tenant>.*}
     * credentials gets 503 for every photo call instead of the shared identity, and the shared access and secret
     * key are no longer required (false).
     */
    private boolean requireTenantCredentials;
    /** {@code fg.photos.path-style}: bucket in the path rather than the host name (true: what local servers need). */
    private boolean pathStyle = true;
    /** {@code fg.photos.max-photo-bytes}: the largest photo accepted (20 MiB); it is assembled in memory once. */
    private long maxPhotoBytes = 20L * 1024 * 1024;
    /** {@code fg.photos.max-chunk-bytes}: the largest chunk of one PUT (4 MiB; the request limit is 8 MiB). */
    private int maxChunkBytes = 4 * 1024 * 1024;
    /** {@code fg.photos.thumbnail-size}: the longer side of a thumbnail in pixels (320). */
    private int thumbnailSize = 320;
    /** {@code fg.photos.url-lifetime}: how long a signed photo URL works (15m; S3 allows up to 7d). */
    private Duration urlLifetime = Duration.ofMinutes(15);

    public boolean isEnabled() {
        return endpoint != null && !endpoint.isEmpty();
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public boolean isRequireTenantCredentials() {
        return requireTenantCredentials;
    }

    public void setRequireTenantCredentials(boolean requireTenantCredentials) {
        this.requireTenantCredentials = requireTenantCredentials;
    }

    public boolean isPathStyle() {
        return pathStyle;
    }

    public void setPathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
    }

    public long getMaxPhotoBytes() {
        return maxPhotoBytes;
    }

    public void setMaxPhotoBytes(long maxPhotoBytes) {
        this.maxPhotoBytes = maxPhotoBytes;
    }

    public int getMaxChunkBytes() {
        return maxChunkBytes;
    }

    public void setMaxChunkBytes(int maxChunkBytes) {
        this.maxChunkBytes = maxChunkBytes;
    }

    public int getThumbnailSize() {
        return thumbnailSize;
    }

    public void setThumbnailSize(int thumbnailSize) {
        this.thumbnailSize = thumbnailSize;
    }

    public Duration getUrlLifetime() {
        return urlLifetime;
    }

    public void setUrlLifetime(Duration urlLifetime) {
        this.urlLifetime = urlLifetime;
    }
}
