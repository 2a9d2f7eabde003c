package dev.floorgate.gateway.internal.photos;

import dev.floorgate.lan.HealthPhotos;
import dev.floorgate.sync.PhotoOptions;
import dev.floorgate.sync.PhotoOutbox;
import dev.floorgate.sync.PhotoStats;
import dev.floorgate.sync.PhotoUploader;
import dev.floorgate.sync.SyncEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's parcel photos: the durable buffer ({@link PhotoOutbox} in {@code <data>/photos}) and, when the
 * gateway has a core, the uploader that sends them over the sync engine's core link (the same URLs, key, secret,
 * TLS and clock correction: {@link PhotoUploader#create} from the engine's SyncOptions). Opened by GatewayBeans
 * after the sync engine (the photos' floor is checked against the engine's disk guard); the uploader is started and
 * stopped by GatewayLifecycle. Offline, photos wait in the buffer as operations wait in the outbox.
 */
public final class PhotoService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PhotoService.class);

    private final PhotoOutbox outbox;
    private final PhotoUploader uploader;

    private PhotoService(PhotoOutbox outbox, PhotoUploader uploader) {
        this.outbox = outbox;
        this.uploader = uploader;
    }

    /**
     * Opens the buffer in {@code dir} and deletes the rows of photos uploaded more than {@code keepUploaded} ago
     * (their files went at upload; pending and failed photos are never pruned); an uploader is made (not started)
     * when the engine has a core URL.
     */
    public static PhotoService open(Path dir, SyncEngine engine, PhotoOptions options, Duration keepUploaded)
            throws IOException {
        PhotoOutbox outbox = PhotoOutbox.open(dir, engine.diskGuard(), options);
        try {
            int pruned = outbox.prune(keepUploaded);
            if (pruned > 0) {
                LOG.info("photo buffer: {} rows of photos uploaded more than {} ago pruned", pruned, keepUploaded);
            }
            PhotoUploader uploader = engine.options().coreUrl() == null ? null
                    : PhotoUploader.create(outbox, engine.options(), null);
            PhotoStats s = outbox.stats();
            LOG.info("photo buffer {}: {} pending ({} bytes), {} failed, {} of {} bytes of quota used; {}", dir,
                    s.pending(), s.pendingBytes(), s.failed(), s.usedBytes(), s.quotaBytes(),
                    uploader == null ? "offline: photos wait until a core is configured" : "uploading to the core");
            return new PhotoService(outbox, uploader);
        } catch (IOException | RuntimeException e) {
            outbox.close();
            throw e;
        }
    }

    /**
     * The photos' floor: as set ({@code fg.photos.disk-floor}), or
     * {@link PhotoConfiguration#DEFAULT_FLOOR_ABOVE_OPERATIONS} above the operations' floor.
     */
    public static long diskFloor(Long configured, long operationsFloor) {
        if (configured != null) {
            return configured;
        }
        long floor = operationsFloor + PhotoConfiguration.DEFAULT_FLOOR_ABOVE_OPERATIONS;
        return floor < 0 ? Long.MAX_VALUE : floor; // an absurd operations' floor: photos refused, never a crash
    }

    /** Starts the background upload (nothing offline). */
    public void start() {
        if (uploader != null) {
            uploader.start();
        }
    }

    public PhotoOutbox outbox() {
        return outbox;
    }

    /** Wakes the uploader now (a started one is woken by every new photo anyway). */
    public void syncNow() {
        if (uploader != null) {
            uploader.syncNow();
        }
    }

    /** Why the last upload round stopped, or null (also offline). */
    public String lastError() {
        return uploader == null ? null : uploader.lastError();
    }

    public PhotoStats stats() throws IOException {
        return outbox.stats();
    }

    /** The photos section of GET /health; null when the index cannot be read (the health answer still goes out). */
    public HealthPhotos health() {
        try {
            PhotoStats s = outbox.stats();
            return new HealthPhotos(s.pending(), s.pendingBytes(), s.uploaded(), s.failed(), s.usedBytes(),
                    s.quotaBytes(), lastError());
        } catch (IOException e) {
            LOG.warn("health: the photo index could not be read: {}", e.getMessage());
            return null;
        }
    }

    /** Stops the uploader (a chunk in flight is asked for again next start), then closes the index. */
    @Override
    public void close() {
        if (uploader != null) {
            uploader.close();
        }
        outbox.close();
    }
}
