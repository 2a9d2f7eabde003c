package dev.floorgate.sync;

import dev.floorgate.protocol.Backoff;
import dev.floorgate.sync.internal.JsonTree;
import dev.floorgate.sync.internal.PhotoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link PhotoOutbox}'s pending photos to the core one by one with the core's resumable protocol
 * (CORE-API.md "Parcel photos"): open an upload, PUT chunks at the core's offset, complete. The core's upload id
 * and acknowledged offset are stored in the index after every step, so after a cut (core unreachable, gateway
 * killed) a new uploader asks the core where the upload stands ({@code GET .../{uploadId}}) and continues from
 * there: a photo cut mid-way continues, it never restarts.
 *
 * <p>Answers: 409 {@code OFFSET_MISMATCH} / {@code UPLOAD_INCOMPLETE} continue from {@code expectedOffset}; 413
 * {@code CHUNK_TOO_LARGE} halves the chunk (down to 1 KiB); a refusal of the photo itself (400, 413
 * {@code PHOTO_TOO_LARGE}, 422 at open or complete, an upload the core marked FAILED) marks it FAILED with the
 * core's code: kept, shown in stats, never retried. Anything else (no core, 401/403, 429, 5xx) stops the round and
 * the background loop backs off ({@link Backoff}, Retry-After honoured). One thread sends; calls to
 * {@link #sendPending} are serialised.
 */
public final class PhotoUploader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PhotoUploader.class);
    static final String UPLOADS = "/v1/photos/uploads";
    /** Idle recheck; an add wakes a started uploader at once, so this only covers a missed wake-up. */
    private static final long IDLE_MILLIS = 30_000;
    private static final int MIN_CHUNK = 1024;

    /** Told after each chunk the core acknowledged (for progress and metrics); runs on the sending thread. */
    public interface Listener {
        void chunkSent(StoredPhoto photo, long offset, int length, long newOffset);
    }

    private final PhotoOutbox outbox;
    private final CoreClient client;
    private final Listener listener;
    private final Backoff backoff;
    private final Object monitor = new Object();
    private final AtomicLong chunksSent = new AtomicLong();
    private final AtomicLong uploaded = new AtomicLong();
    private volatile int chunkBytes;
    private volatile String lastError;
    private volatile boolean running;
    private volatile Thread thread;
    private final Runnable wakeUp = this::syncNow;
    private boolean wake; // guarded by monitor

    PhotoUploader(PhotoOutbox outbox, CoreClient client, Listener listener) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.client = Objects.requireNonNull(client, "client");
        this.listener = listener == null ? (p, o, l, n) -> { } : listener;
        PhotoOptions o = outbox.options();
        this.backoff = Backoff.between(o.backoffMin(), o.backoffMax());
        this.chunkBytes = o.chunkBytes();
    }

    /**
     * An uploader for {@code outbox} that talks to the core as the sync engine does: {@code sync}'s core URL(s),
     * key, secret, timeouts and TLS ({@link CoreClient}, {@link CoreEndpoints}).
     */
    public static PhotoUploader create(PhotoOutbox outbox, SyncOptions sync, Listener listener) throws IOException {
        if (sync.coreUrl() == null) {
            throw new IllegalArgumentException("photo uploader needs a core URL in the sync options");
        }
        CoreClient client = CoreClient.forSync(sync);
        return new PhotoUploader(outbox, client, listener);
    }

    /** Starts the background loop (one daemon thread); call once. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("photo uploader already started");
        }
        running = true;
        outbox.addListener(wakeUp);
        thread = new Thread(this::loop, "floorgate-photo-upload");
        thread.setDaemon(true);
        thread.start();
    }

    /** Wakes the background loop now (a started uploader is woken by every add); a backoff is cut short. */
    public void syncNow() {
        synchronized (monitor) {
            wake = true;
            monitor.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            long sleep;
            try {
                sendPending(Integer.MAX_VALUE);
                sleep = IDLE_MILLIS;
                backoff.reset();
            } catch (CoreRefusal e) {
                sleep = backoff.next(e.retryAfter);
                log.warn("photo upload: {}; next try in {} ms", e.getMessage(), sleep);
            } catch (IOException | RuntimeException e) {
                sleep = backoff.next();
                log.warn("photo upload: {}; next try in {} ms", e.toString(), sleep);
            }
            synchronized (monitor) {
                if (!wake && running) {
                    try {
                        monitor.wait(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                wake = false;
            }
        }
    }

    /**
     * Sends pending photos in add order on the caller's thread until none is left or {@code maxChunks} chunks
     * were acknowledged; returns the chunks sent. Throws IOException (the core unreachable or refusing for now:
     * {@link #lastError()}) where the round stopped; what was acknowledged so far is stored.
     */
    public synchronized int sendPending(int maxChunks) throws IOException {
        if (maxChunks < 1) {
            throw new IllegalArgumentException("maxChunks must be >= 1, was " + maxChunks);
        }
        int[] budget = {maxChunks};
        long after = 0;
        try {
            while (budget[0] > 0) {
                List<StoredPhoto> next = outbox.pending(after, 16);
                if (next.isEmpty()) {
                    break;
                }
                for (StoredPhoto p : next) {
                    after = p.id();
                    if (!send(p, budget)) {
                        return maxChunks - budget[0];
                    }
                }
            }
            lastError = null;
            return maxChunks - budget[0];
        } catch (IOException e) {
            lastError = e.getMessage();
            throw e;
        }
    }

    /** One photo as far as the budget goes; false when the budget ran out in the middle of it. */
    private boolean send(StoredPhoto p, int[] budget) throws IOException {
        String uploadId = p.uploadId();
        long offset;
        if (uploadId == null) {
            uploadId = open(p);
            if (uploadId == null) {
                return true;
            }
            offset = 0;
        } else {
            CoreClient.Answer a = client.call("GET", path(p, uploadId), null, false);
            if (a.status == 404) { // the core does not know it (another database): start a new upload
                log.warn("photo upload: core does not know upload {} of photo {}; opening a new one", uploadId,
                        p.id());
                outbox.recordUpload(p.id(), null, 0);
                return send(outbox.find(p.id()), budget);
            }
            expect(a, 200, "ask the state of upload " + uploadId);
            offset = JsonTree.integer(a.json, "offset", 0);
            String state = JsonTree.string(a.json, "state");
            if ("FAILED".equals(state)) {
                fail(p, "UPLOAD_FAILED", "the core marked upload " + uploadId + " FAILED");
                return true;
            }
            if (!"COMPLETE".equals(state)) {
                offset = Math.min(offset, p.size());
            }
            outbox.recordUpload(p.id(), uploadId, offset);
        }
        while (true) {
            while (offset < p.size()) {
                if (budget[0] <= 0) {
                    return false;
                }
                int len = (int) Math.min(chunkBytes, p.size() - offset);
                byte[] chunk;
                try {
                    chunk = PhotoFiles.readChunk(outbox.fileOf(p.sha256()), offset, len);
                } catch (java.nio.file.NoSuchFileException e) {
                    // gone behind the buffer's back: retrying cannot bring it back, and it must not block the rest
                    fail(p, "FILE_MISSING", "its file " + e.getFile() + " is gone");
                    return true;
                }
                if (chunk.length != len) {
                    fail(p, "FILE_SHORT", "its file has fewer bytes than " + p.size());
                    return true;
                }
                outbox.countSent(len); // counted when tried: a cut mid-chunk still cost the bytes
                CoreClient.Answer a = client.call("PUT", path(p, uploadId) + "?offset=" + offset, chunk, true);
                if (a.status == 200) {
                    long now = JsonTree.integer(a.json, "offset", offset + len);
                    outbox.recordUpload(p.id(), uploadId, now);
                    chunksSent.incrementAndGet();
                    budget[0]--;
                    listener.chunkSent(p, offset, len, now);
                    offset = now;
                } else if (a.status == 409 && "OFFSET_MISMATCH".equals(a.error)) {
                    offset = JsonTree.integer(a.json, "expectedOffset", 0);
                    outbox.recordUpload(p.id(), uploadId, offset);
                } else if (a.status == 409 && "UPLOAD_COMPLETE".equals(a.error)) {
                    offset = p.size();
                } else if (a.status == 413 && chunkBytes > MIN_CHUNK) {
                    chunkBytes = Math.max(MIN_CHUNK, chunkBytes / 2);
                    log.warn("photo upload: core refused a chunk of {} bytes ({}); chunks of {} bytes from now",
                            len, a, chunkBytes);
                } else if (final4xx(a)) {
                    fail(p, a.error == null ? "HTTP_" + a.status : a.error, a.toString());
                    return true;
                } else {
                    throw refusal(a, "PUT a chunk of photo " + p.id() + " at offset " + offset);
                }
            }
            CoreClient.Answer a = client.call("POST", path(p, uploadId) + "/complete", new byte[0], false);
            if (a.status == 200) {
                outbox.markUploaded(p);
                uploaded.incrementAndGet();
                return true;
            }
            if (a.status == 409 && "UPLOAD_INCOMPLETE".equals(a.error)) {
                offset = JsonTree.integer(a.json, "expectedOffset", 0);
                continue;
            }
            if (final4xx(a)) {
                fail(p, a.error == null ? "HTTP_" + a.status : a.error, a.toString());
                return true;
            }
            throw refusal(a, "complete upload " + uploadId + " of photo " + p.id());
        }
    }

    /** Opens an upload and stores its id; null when the core refused the photo for good (marked FAILED). */
    private String open(StoredPhoto p) throws IOException {
        String body = "{\"tenant\":\"" + p.tenant() + "\",\"warehouse\":\"" + p.warehouse() + "\",\"parcelId\":\""
                + p.parcelId() + "\",\"shot\":\"" + p.shot() + "\",\"contentType\":\"image/jpeg\",\"size\":"
                + p.size() + ",\"sha256\":\"" + p.sha256() + "\"}"; // codes are [A-Za-z0-9._-]: nothing to escape
        CoreClient.Answer a = client.call("POST", UPLOADS, body.getBytes(StandardCharsets.UTF_8), false);
        if (a.status == 201 || a.status == 200) {
            String id = JsonTree.string(a.json, "uploadId");
            if (id == null) {
                throw new IOException("core answered " + a.status + " to open an upload of photo " + p.id()
                        + " without an uploadId");
            }
            outbox.recordUpload(p.id(), id, 0);
            return id;
        }
        if (final4xx(a)) {
            fail(p, a.error == null ? "HTTP_" + a.status : a.error, a.toString());
            return null;
        }
        throw refusal(a, "open an upload of photo " + p.id());
    }

    /** The core refused the photo itself: no resend can change the answer. */
    private static boolean final4xx(CoreClient.Answer a) {
        // not 404: a core without fg.photos.endpoint answers 404 to every photo route, and that is configuration
        return a.status == 400 || a.status == 409 || a.status == 413 || a.status == 422;
    }

    private void fail(StoredPhoto p, String code, String why) throws IOException {
        log.error("photo upload: photo {} (tenant {}, parcel {}, shot {}, {} bytes) FAILED {}: {}", p.id(),
                p.tenant(), p.parcelId(), p.shot(), p.size(), code, why);
        outbox.markFailed(p, code);
    }

    private static void expect(CoreClient.Answer a, int status, String what) throws IOException {
        if (a.status != status) {
            throw refusal(a, what);
        }
    }

    private static CoreRefusal refusal(CoreClient.Answer a, String what) {
        return CoreRefusal.of(a, what);
    }

    private static String path(StoredPhoto p, String uploadId) {
        return UPLOADS + "/" + p.tenant() + "/" + uploadId;
    }

    /** Chunks the core acknowledged through this uploader. */
    public long chunksSent() {
        return chunksSent.get();
    }

    /** Photos this uploader completed. */
    public long uploaded() {
        return uploaded.get();
    }

    /** Why the last round stopped, or null when it finished. */
    public String lastError() {
        return lastError;
    }

    /** The chunk size in use (halved after the core's 413 CHUNK_TOO_LARGE). */
    public int chunkBytes() {
        return chunkBytes;
    }

    /** Stops the background loop (a chunk in flight finishes or fails; its offset is asked again next time). */
    @Override
    public void close() {
        outbox.removeListener(wakeUp);
        running = false;
        syncNow();
        Thread t = thread;
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
