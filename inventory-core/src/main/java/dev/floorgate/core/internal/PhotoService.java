package dev.floorgate.core.internal;

import dev.floorgate.core.CoreUnavailableException;
import dev.floorgate.core.PhotosConfiguration;
import dev.floorgate.protocol.ResultCodes;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parcel photos (issue 17): resumable uploads staged in S3 with their state in MariaDB (PhotoUploadStore says why
 * that survives restarts and works across instances), completion that checks size and SHA-256, takes the location
 * out (JpegScrubber), makes a thumbnail (Thumbnails) and stores both content-addressed per tenant, and signed URLs.
 * The customer's review is PhotoReviews'.
 */
final class PhotoService {
    private static final Logger LOG = LoggerFactory.getLogger(PhotoService.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    static final String JPEG = "image/jpeg";
    private final PhotoStore store;
    private final PhotoUploadStore rows;
    private final PhotosConfiguration config;
    private final Duration retryAfter;

    PhotoService(PhotoStore store, PhotoUploadStore rows, PhotosConfiguration config, Duration retryAfter) {
        this.store = store;
        this.rows = rows;
        this.config = config;
        this.retryAfter = retryAfter;
    }

    /** What a device declares before sending bytes. */
    record NewUpload(String tenant, String warehouse, String parcelId, String shot, String contentType, long size,
            String sha256) {
    }

    /** A stored photo with its signed URLs. */
    @Serdeable
    record PhotoLinks(String shot, String sha256, String url, String thumbnailUrl, String expiresAt, int width,
            int height, long size) {
    }

    PhotoUploadStore.Upload create(NewUpload n) throws SQLException {
        String type = n.contentType() == null ? "" : n.contentType().toLowerCase(Locale.ROOT).trim();
        if (!type.equals(JPEG)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "UNSUPPORTED_PHOTO_TYPE", "contentType: only "
                    + JPEG + " is taken, was '" + Inputs.clip(n.contentType()) + "'");
        }
        if (n.size() < 1 || n.size() > config.getMaxPhotoBytes()) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "PHOTO_TOO_LARGE", "size: must be 1 to "
                    + config.getMaxPhotoBytes() + " bytes (fg.photos.max-photo-bytes), was " + n.size());
        }
        String sha = n.sha256() == null ? "" : n.sha256().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha).matches()) {
            throw ApiException.badRequest(ResultCodes.INVALID, "sha256: must be 64 hex digits, was '"
                    + Inputs.clip(n.sha256()) + "'");
        }
        // a tenant the store will not serve (require-tenant-credentials) is refused before a row exists
        storeOrUnavailable(() -> store.identity(n.tenant()));
        PhotoUploadStore.Upload u = new PhotoUploadStore.Upload(UUID.randomUUID().toString(), n.tenant(),
                n.warehouse(), n.parcelId(), n.shot(), type, n.size(), sha, 0, PhotoUploadStore.OPEN);
        rows.create(u);
        return u;
    }

    PhotoUploadStore.Upload status(String tenant, String uploadId) throws SQLException {
        return rows.find(tenant, uploadId).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "UPLOAD_NOT_FOUND", "tenant '" + tenant + "' has no photo upload '" + Inputs.clip(uploadId) + "'"));
    }

    /**
     * Stores a chunk at {@code offset} and answers the new offset. A chunk at another offset than the stored one is
     * refused with that offset (409 OFFSET_MISMATCH, {@code expectedOffset}), except a repeat of a chunk already
     * stored (same offset, same bytes), which is answered as if it had just been stored.
     */
    long append(String tenant, String uploadId, long offset, byte[] chunk) throws SQLException {
        PhotoUploadStore.Upload u = open(tenant, uploadId);
        if (chunk.length == 0) {
            throw ApiException.badRequest(ResultCodes.INVALID, "the chunk at offset " + offset + " is empty");
        }
        if (chunk.length > config.getMaxChunkBytes()) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "CHUNK_TOO_LARGE", "a chunk of "
                    + chunk.length + " bytes exceeds fg.photos.max-chunk-bytes " + config.getMaxChunkBytes());
        }
        String chunkSha = sha256(chunk);
        if (offset != u.received()) {
            if (offset < u.received() && alreadyStored(u, offset, chunk.length, chunkSha)) {
                return u.received();
            }
            throw mismatch(u, offset, u.received());
        }
        if (offset + chunk.length > u.size()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "CHUNK_PAST_END", "a chunk of " + chunk.length
                    + " bytes at offset " + offset + " ends past the declared size " + u.size(),
                    Map.of("expectedOffset", u.received()));
        }
        String key = PhotoStore.chunkKey(tenant, uploadId, offset, chunkSha);
        storeRun(() -> store.put(tenant, key, chunk, "application/octet-stream"));
        if (rows.append(tenant, uploadId, new PhotoUploadStore.Chunk(offset, chunk.length, chunkSha, key))) {
            return offset + chunk.length;
        }
        // another request advanced it first (a retry racing its original, or a second instance)
        PhotoUploadStore.Upload now = open(tenant, uploadId);
        if (alreadyStored(now, offset, chunk.length, chunkSha)) {
            return now.received();
        }
        throw mismatch(now, offset, now.received());
    }

    /**
     * Checks size and SHA-256 of the staged bytes and stores the photo (once per tenant and SHA-256) and its
     * thumbnail. A mismatch fails the upload and deletes what was staged: nothing is stored. Completing a completed
     * upload answers the photo again.
     */
    PhotoLinks complete(String tenant, String uploadId) throws SQLException {
        PhotoUploadStore.Upload u = status(tenant, uploadId);
        if (PhotoUploadStore.COMPLETE.equals(u.state())) {
            return links(tenant, u.shot(), u.sha256());
        }
        u = open(tenant, uploadId);
        if (u.received() != u.size()) {
            throw new ApiException(HttpStatus.CONFLICT, "UPLOAD_INCOMPLETE", "upload '" + uploadId + "' holds "
                    + u.received() + " of " + u.size() + " bytes; send the rest from offset " + u.received(),
                    Map.of("expectedOffset", u.received()));
        }
        List<PhotoUploadStore.Chunk> chunks = rows.chunks(tenant, uploadId);
        ByteArrayOutputStream all = new ByteArrayOutputStream((int) u.size());
        for (PhotoUploadStore.Chunk c : chunks) {
            byte[] part = storeOrUnavailable(() -> store.get(tenant, c.objectKey()));
            all.write(part, 0, part.length);
        }
        byte[] photo = all.toByteArray();
        String actual = sha256(photo);
        if (photo.length != u.size() || !actual.equals(u.sha256())) {
            fail(u, chunks);
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, photo.length != u.size() ? "SIZE_MISMATCH"
                    : "SHA256_MISMATCH", "upload '" + uploadId + "' of " + photo.length + " bytes has SHA-256 "
                    + actual + ", declared " + u.size() + " bytes with " + u.sha256() + "; nothing was stored, "
                    + "start a new upload");
        }
        if (rows.photo(tenant, u.sha256()).isEmpty()) { // content-addressed: the same photo is stored once
            store(u, photo, chunks);
        }
        rows.finish(u, PhotoUploadStore.COMPLETE);
        deleteStaged(tenant, chunks);
        return links(tenant, u.shot(), u.sha256());
    }

    private void store(PhotoUploadStore.Upload u, byte[] photo, List<PhotoUploadStore.Chunk> chunks)
            throws SQLException {
        JpegScrubber.Result scrubbed;
        Thumbnails.Thumbnail thumb;
        try {
            scrubbed = JpegScrubber.scrub(photo);
            thumb = Thumbnails.of(scrubbed.jpeg(), scrubbed.orientation(), config.getThumbnailSize());
        } catch (IllegalArgumentException e) {
            fail(u, chunks);
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "NOT_A_PHOTO", e.getMessage()
                    + "; nothing was stored");
        }
        storeRun(() -> store.put(u.tenant(), PhotoStore.photoKey(u.tenant(), u.sha256()), scrubbed.jpeg(), JPEG));
        storeRun(() -> store.put(u.tenant(), PhotoStore.thumbnailKey(u.tenant(), u.sha256()), thumb.jpeg(), JPEG));
        rows.addPhoto(u.tenant(), new PhotoUploadStore.StoredPhoto(u.sha256(), scrubbed.jpeg().length,
                thumb.jpeg().length, thumb.width(), thumb.height()), sha256(scrubbed.jpeg()));
    }

    /** The parcel's photos (one per shot) with fresh signed URLs; empty when it has none. */
    List<PhotoLinks> parcel(String tenant, String parcelId) throws SQLException {
        List<PhotoLinks> out = new ArrayList<>();
        for (PhotoUploadStore.ParcelShot s : rows.parcel(tenant, parcelId)) {
            out.add(links(tenant, s.shot(), s.sha256()));
        }
        return out;
    }

    PhotoLinks links(String tenant, String shot, String sha256) throws SQLException {
        PhotoUploadStore.StoredPhoto p = rows.photo(tenant, sha256).orElseThrow(() -> new ApiException(
                HttpStatus.NOT_FOUND, "PHOTO_NOT_FOUND", "tenant '" + tenant + "' has no photo " + sha256));
        Duration life = config.getUrlLifetime();
        String expires = Instant.now().plus(life).toString();
        String url = storeOrUnavailable(() -> store.signedUrl(tenant, PhotoStore.photoKey(tenant, sha256), life))
                .toString();
        String thumbnailUrl = storeOrUnavailable(() -> store.signedUrl(tenant, PhotoStore.thumbnailKey(tenant,
                sha256), life)).toString();
        return new PhotoLinks(shot, sha256, url, thumbnailUrl, expires, p.width(), p.height(), p.storedSize());
    }

    private PhotoUploadStore.Upload open(String tenant, String uploadId) throws SQLException {
        PhotoUploadStore.Upload u = status(tenant, uploadId);
        if (!PhotoUploadStore.OPEN.equals(u.state())) {
            throw new ApiException(HttpStatus.CONFLICT, "UPLOAD_" + u.state(), "upload '" + uploadId + "' is "
                    + u.state().toLowerCase(Locale.ROOT) + "; start a new upload to send the photo again");
        }
        return u;
    }

    private boolean alreadyStored(PhotoUploadStore.Upload u, long offset, int length, String sha) throws SQLException {
        for (PhotoUploadStore.Chunk c : rows.chunks(u.tenant(), u.uploadId())) {
            if (c.offset() == offset) {
                return c.length() == length && c.sha256().equals(sha);
            }
        }
        return false;
    }

    private static ApiException mismatch(PhotoUploadStore.Upload u, long offset, long expected) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("expectedOffset", expected);
        return new ApiException(HttpStatus.CONFLICT, "OFFSET_MISMATCH", "upload '" + u.uploadId() + "' holds "
                + expected + " of " + u.size() + " bytes; a chunk at offset " + offset + " does not continue it, "
                + "send from offset " + expected, extra);
    }

    private void fail(PhotoUploadStore.Upload u, List<PhotoUploadStore.Chunk> chunks) throws SQLException {
        rows.finish(u, PhotoUploadStore.FAILED);
        deleteStaged(u.tenant(), chunks);
    }

    /** Staged chunks are only a cache of the upload once it is closed: a failed delete is logged, not answered. */
    private void deleteStaged(String tenant, List<PhotoUploadStore.Chunk> chunks) {
        for (PhotoUploadStore.Chunk c : chunks) {
            try {
                store.delete(tenant, c.objectKey());
            } catch (IOException e) {
                LOG.warn("could not delete the staged chunk {}: {}", c.objectKey(), e.getMessage());
            }
        }
    }

    private interface StoreCall<T> {
        T call() throws IOException;
    }

    private interface StoreAction {
        void run() throws IOException;
    }

    /**
     * A store failure is 503 with Retry-After (the gateway's uploader backs off and tries again): "the photo store
     * failed" for a passing failure, and for a refused identity the store's refusal and the setting to fix, so the
     * answer itself says which tenant's credentials are wrong (PhotoStore.Refused); the log has the SDK's cause.
     */
    private <T> T storeOrUnavailable(StoreCall<T> call) {
        try {
            return call.call();
        } catch (PhotoStore.Refused e) {
            LOG.warn("photo store refused: {}", e.getMessage(), e);
            throw new CoreUnavailableException(e.clientMessage(), retryAfter, e);
        } catch (IOException e) {
            LOG.warn("photo store failed: {}", e.getMessage(), e);
            throw new CoreUnavailableException("the photo store failed", retryAfter, e);
        }
    }

    private void storeRun(StoreAction action) {
        storeOrUnavailable(() -> {
            action.run();
            return null;
        });
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
