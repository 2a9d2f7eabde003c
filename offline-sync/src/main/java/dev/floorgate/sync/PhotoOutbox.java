package dev.floorgate.sync;

import dev.floorgate.sqlite.Durability;
import dev.floorgate.sqlite.Schema;
import dev.floorgate.sqlite.SqliteStore;
import dev.floorgate.sync.internal.PhotoFiles;
import dev.floorgate.sync.internal.PhotoTables;
import dev.floorgate.sync.internal.StoreErrors;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's durable buffer of parcel photos (issue 17): content-addressed files plus a SQLite index, a quota,
 * and a disk floor above the operations' floor so photos are refused before operations are. Thread-safe; writes
 * are serialised on this object (photos come a few a second, each one a file fsync anyway).
 *
 * <p><b>Contract.</b> {@link #add} returns only once the photo is durable; an added photo is never dropped: its
 * file is deleted only after the core answered {@code complete} with 200 for it and no other PENDING or FAILED row
 * uses the same bytes. Over the quota or under the floor, {@code add} refuses ({@link PhotoQuotaException},
 * {@link DiskFullException}: the gateway answers 507) and nothing is written.
 *
 * <p><b>On disk</b> ({@code dir}):
 * <pre>
 * files/&lt;sha256&gt;.jpg          the photo's bytes as received, named by their SHA-256 (the same bytes twice: one file)
 * files/incoming-&lt;uuid&gt;.tmp    a photo being written (removed on open: it was never acknowledged)
 *                                  (folders made 0700 and files 0600 where the file system has POSIX modes)
 * photos.db (+ -wal, -shm, .lock)   the index, sqlite-store kit, WAL, synchronous=FULL, schema version 2:
 * photos                                    one row per photo added
 * ├─ id          INTEGER PRIMARY KEY        add order
 * ├─ tenant, warehouse, parcel_id, shot     codes of 1-64 of [A-Za-z0-9._-] (as the core takes them)
 * ├─ sha256      TEXT NOT NULL              the file's name; index photos_sha
 * ├─ size        INTEGER NOT NULL           bytes
 * ├─ state       TEXT NOT NULL              PENDING → UPLOADED | FAILED
 * ├─ upload_id   TEXT                       the core's upload id once opened (resume asks the core's offset)
 * ├─ sent_offset INTEGER NOT NULL           bytes the core acknowledged, as last stored
 * ├─ failure     TEXT                       the core's code (SHA256_MISMATCH, NOT_A_PHOTO, ...) or FILE_MISSING
 * └─ added_at, done_at INTEGER              epoch ms
 * index photos_pending (id) WHERE state = 'PENDING'     the uploader's queue
 * index photos_parcel (tenant, parcel_id)               a parcel's photos (version 2)
 * </pre>
 *
 * <p><b>Commit point.</b> The INSERT of the row (autocommit, fsynced WAL). Before it, the file was written to a temp
 * name and fsynced, renamed to {@code <sha256>.jpg} and the folder fsynced. <b>Crash argument:</b> (1) a crash
 * before the rename leaves a temp file, removed on open; (2) between the rename and the commit, a file no row
 * uses, removed on open (the caller was never answered, so nothing acknowledged is lost); (3) after the commit, row
 * and file are both on disk. Upload: {@code complete} 200 is stored (state UPLOADED) before the file is deleted; a
 * crash between leaves a file no row needs, removed on open. A row whose file is missing on open (a disk fault, a
 * hand) is marked FAILED with {@code FILE_MISSING}, logged and counted in {@link PhotoStats#missingFiles()}.
 */
public final class PhotoOutbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PhotoOutbox.class);
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Schema SCHEMA = Schema.builder("photo index")
            .step(1, "photos and its indexes", PhotoTables::createVersion1)
            .step(2, "the index of a parcel's photos", PhotoTables::createVersion2).build();

    private final Path files;
    private final PhotoOptions options;
    private final DiskGuard guard;
    private final SqliteStore store;
    private final PhotoTables tables;
    private final long missingFiles;
    private final AtomicLong bytesSent = new AtomicLong();
    private final List<Runnable> addListeners = new CopyOnWriteArrayList<>();
    private long usedBytes; // guarded by this

    private PhotoOutbox(Path dir, PhotoOptions options, DiskGuard guard) throws IOException {
        this.files = dir.resolve("files");
        Files.createDirectories(files, PhotoFiles.ownerOnly(dir, "rwx------"));
        this.options = options;
        this.guard = guard;
        this.store = SqliteStore.open(dir.resolve("photos.db"), "photo index", SCHEMA, Durability.FULL);
        this.tables = new PhotoTables(store.writeConnection());
        try {
            this.missingFiles = recover();
        } catch (SQLException e) {
            store.close();
            throw StoreErrors.ioError("recover the photo index", store.file(), e, guard.freeBytes());
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Opens (or creates) the buffer in {@code dir}. {@code operationsGuard} is the outbox's guard: the photos'
     * floor must be above its floor (when it has one) so that photos are refused first.
     */
    public static PhotoOutbox open(Path dir, DiskGuard operationsGuard, PhotoOptions options) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        long opsFloor = operationsGuard == null ? 0 : operationsGuard.floorBytes();
        if (opsFloor > 0 && options.diskFloorBytes() <= opsFloor) {
            throw new IllegalArgumentException("photo disk floor of " + options.diskFloorBytes()
                    + " bytes must be above the operations' floor of " + opsFloor + " bytes");
        }
        Files.createDirectories(dir, PhotoFiles.ownerOnly(dir, "rwx------")); // a new folder: owner-only
        return new PhotoOutbox(dir, options, new DiskGuard(dir, options.diskFloorBytes()));
    }

    /** Removes temp files and files no row needs; marks rows whose file is gone; counts the bytes held. */
    private long recover() throws IOException, SQLException {
        Set<String> needed = tables.shasHoldingFiles();
        Set<String> present = new HashSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(files)) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                String sha = name.endsWith(PhotoFiles.SUFFIX)
                        ? name.substring(0, name.length() - PhotoFiles.SUFFIX.length()) : null;
                if (sha != null && needed.contains(sha)) {
                    present.add(sha);
                    usedBytes += Files.size(f);
                } else {
                    log.info("photo buffer: removing {} (no photo row needs it: an interrupted add or upload)", f);
                    Files.delete(f);
                }
            }
        }
        PhotoFiles.syncDir(files);
        long missing = 0;
        for (StoredPhoto p : tables.holdingFiles()) {
            if (!present.contains(p.sha256())) {
                missing++;
                log.error("photo buffer: photo {} (tenant {}, parcel {}, shot {}, {} bytes) has no file {}.jpg; "
                        + "marked FAILED FILE_MISSING", p.id(), p.tenant(), p.parcelId(), p.shot(), p.size(),
                        p.sha256());
                tables.finish(p.id(), PhotoState.FAILED, "FILE_MISSING", options.clock().millis());
            }
        }
        return missing;
    }

    /** {@link #add(String, String, String, String, InputStream)} with the bytes in memory. */
    public StoredPhoto add(String tenant, String warehouse, String parcelId, String shot, byte[] jpeg)
            throws IOException {
        Objects.requireNonNull(jpeg, "jpeg");
        String what = describe(tenant, warehouse, parcelId, shot);
        checkSize(jpeg.length, what);
        synchronized (this) {
            // refuse before writing anything when it clearly does not fit (a repeat of held bytes costs nothing)
            String sha = java.util.HexFormat.of().formatHex(PhotoFiles.sha256().digest(jpeg));
            if (!Files.exists(fileOf(sha)) && usedBytes + jpeg.length > options.quotaBytes()) {
                throw new PhotoQuotaException(usedBytes, options.quotaBytes(), jpeg.length);
            }
        }
        return add(tenant, warehouse, parcelId, shot, new ByteArrayInputStream(jpeg));
    }

    /**
     * Stores a photo for a parcel and returns its row once file and row are durable. The same photo (bytes) for
     * the same parcel and shot while still pending returns the stored row. Throws IllegalArgumentException for a
     * bad code, an empty photo, one over {@link PhotoOptions#maxPhotoBytes()} or one that is not a JPEG;
     * {@link PhotoQuotaException} over the quota; {@link DiskFullException} under the photos' disk floor.
     */
    public StoredPhoto add(String tenant, String warehouse, String parcelId, String shot, InputStream jpeg)
            throws IOException {
        Objects.requireNonNull(jpeg, "jpeg");
        String what = describe(tenant, warehouse, parcelId, shot);
        guard.check();
        BufferedInputStream in = new BufferedInputStream(jpeg);
        in.mark(3);
        byte[] head = in.readNBytes(3);
        if (head.length == 0) {
            throw new IllegalArgumentException(what + " is empty (0 bytes)");
        }
        if (!PhotoFiles.looksLikeJpeg(head, head.length)) {
            throw new IllegalArgumentException(what + " is not a JPEG: it starts with "
                    + java.util.HexFormat.of().formatHex(head) + ", not ffd8ff");
        }
        in.reset();
        PhotoFiles.Written w;
        try {
            w = PhotoFiles.writeTemp(files, in, options.maxPhotoBytes());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        synchronized (this) {
            Path target = fileOf(w.sha256());
            boolean published = false;
            if (Files.exists(target)) {
                Files.delete(w.temp()); // content-addressed: these bytes are held already
            } else {
                if (usedBytes + w.size() > options.quotaBytes()) {
                    Files.delete(w.temp());
                    throw new PhotoQuotaException(usedBytes, options.quotaBytes(), w.size());
                }
                PhotoFiles.publish(w.temp(), target);
                usedBytes += w.size();
                published = true;
            }
            try {
                StoredPhoto existing = tables.findPending(tenant, parcelId, shot, w.sha256());
                if (existing != null) {
                    return existing;
                }
                long id = tables.insert(tenant, warehouse, parcelId, shot, w.sha256(), w.size(),
                        options.clock().millis());
                StoredPhoto row = tables.find(id);
                for (Runnable l : addListeners) {
                    l.run(); // wakes a started uploader
                }
                return row;
            } catch (SQLException e) {
                if (published && !tables.fileNeededQuietly(w.sha256())) {
                    Files.deleteIfExists(target);
                    usedBytes -= w.size();
                }
                throw StoreErrors.ioError("store the row of " + what, store.file(), e, guard.freeBytes());
            }
        }
    }

    private static String describe(String tenant, String warehouse, String parcelId, String shot) {
        code("tenant", tenant);
        code("warehouse", warehouse);
        code("parcelId", parcelId);
        code("shot", shot);
        return "photo of parcel " + parcelId + " shot " + shot + " (tenant " + tenant + ", warehouse " + warehouse
                + ")";
    }

    private static void code(String name, String value) {
        if (value == null || !CODE.matcher(value).matches()) {
            throw new IllegalArgumentException("photo " + name + " must be 1-64 of letters, digits, '.', '_', '-', "
                    + "was " + (value == null ? "null" : "'" + value + "'"));
        }
    }

    private void checkSize(long size, String what) {
        if (size == 0) {
            throw new IllegalArgumentException(what + " is empty (0 bytes)");
        }
        if (size > options.maxPhotoBytes()) {
            throw new IllegalArgumentException(what + " has " + size + " bytes, over the largest photo of "
                    + options.maxPhotoBytes() + " bytes");
        }
    }

    /** The stored row {@code id}, if any. */
    public synchronized StoredPhoto find(long id) throws IOException {
        try {
            return tables.find(id);
        } catch (SQLException e) {
            throw StoreErrors.ioError("read photo " + id, store.file(), e, guard.freeBytes());
        }
    }

    /**
     * The row already holding these bytes for this parcel and shot, PENDING or UPLOADED (newest first), or null: a
     * caller that must answer a repeated send with the photo it stored asks this first. ({@link #add} itself returns
     * the pending row; an uploaded one's file is gone, so add would store the bytes again.)
     */
    public synchronized StoredPhoto findKept(String tenant, String parcelId, String shot, String sha256)
            throws IOException {
        try {
            return tables.findKept(tenant, parcelId, shot, sha256);
        } catch (SQLException e) {
            throw StoreErrors.ioError("look up a photo of parcel " + parcelId, store.file(), e, guard.freeBytes());
        }
    }

    /** The photos of one parcel of {@code tenant}, in add order, at most {@code limit}. */
    public synchronized List<StoredPhoto> forParcel(String tenant, String parcelId, int limit) throws IOException {
        try {
            return tables.forParcel(tenant, parcelId, limit);
        } catch (SQLException e) {
            throw StoreErrors.ioError("list the photos of parcel " + parcelId, store.file(), e, guard.freeBytes());
        }
    }

    /**
     * Deletes the rows of photos uploaded more than {@code olderThan} ago (their files are gone already); pending
     * and failed photos are never pruned. Returns how many rows were deleted.
     */
    public synchronized int prune(java.time.Duration olderThan) throws IOException {
        try {
            return tables.pruneUploaded(options.clock().millis() - olderThan.toMillis());
        } catch (SQLException e) {
            throw StoreErrors.ioError("prune uploaded photos", store.file(), e, guard.freeBytes());
        }
    }

    public synchronized PhotoStats stats() throws IOException {
        try {
            return new PhotoStats(tables.count(PhotoState.PENDING), tables.pendingBytes(),
                    tables.count(PhotoState.UPLOADED), tables.count(PhotoState.FAILED), missingFiles, usedBytes,
                    options.quotaBytes(), bytesSent.get());
        } catch (SQLException e) {
            throw StoreErrors.ioError("read photo statistics", store.file(), e, guard.freeBytes());
        }
    }

    public PhotoOptions options() {
        return options;
    }

    /** The photos' own disk guard (its floor is {@link PhotoOptions#diskFloorBytes()}). */
    public DiskGuard diskGuard() {
        return guard;
    }

    /** The file holding the photo with these bytes. */
    public Path fileOf(String sha256) {
        return files.resolve(sha256 + PhotoFiles.SUFFIX);
    }

    // ---- the uploader's side ----

    synchronized List<StoredPhoto> pending(long afterId, int limit) throws IOException {
        try {
            return tables.pending(afterId, limit);
        } catch (SQLException e) {
            throw StoreErrors.ioError("read pending photos", store.file(), e, guard.freeBytes());
        }
    }

    synchronized void recordUpload(long id, String uploadId, long offset) throws IOException {
        try {
            tables.setUpload(id, uploadId, offset);
        } catch (SQLException e) {
            throw StoreErrors.ioError("store the upload of photo " + id, store.file(), e, guard.freeBytes());
        }
    }

    /** The core completed photo {@code p}: stored as UPLOADED, then its file deleted unless another row needs it. */
    synchronized void markUploaded(StoredPhoto p) throws IOException {
        try {
            if (tables.finish(p.id(), PhotoState.UPLOADED, null, options.clock().millis()) == 1
                    && !tables.fileNeeded(p.sha256(), p.id())) {
                if (Files.deleteIfExists(fileOf(p.sha256()))) {
                    usedBytes -= p.size();
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.ioError("mark photo " + p.id() + " uploaded", store.file(), e, guard.freeBytes());
        }
    }

    synchronized void markFailed(StoredPhoto p, String code) throws IOException {
        try {
            tables.finish(p.id(), PhotoState.FAILED, code, options.clock().millis());
        } catch (SQLException e) {
            throw StoreErrors.ioError("mark photo " + p.id() + " failed", store.file(), e, guard.freeBytes());
        }
    }

    /** Runs {@code listener} (briefly, on the adding thread) after each new photo row commits. */
    void addListener(Runnable listener) {
        addListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(Runnable listener) {
        addListeners.remove(listener);
    }

    void countSent(long bytes) {
        bytesSent.addAndGet(bytes);
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}
