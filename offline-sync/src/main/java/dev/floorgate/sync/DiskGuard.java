package dev.floorgate.sync;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses new work when the data directory's file store has less usable space than a floor (guarantee 10), so
 * the gateway answers "disk full" clearly long before SQLite would fail in the middle of a write. The check is one
 * {@code statfs} call ({@link FileStore#getUsableSpace()}), cheap enough to run before every append. Thread-safe.
 */
public final class DiskGuard {
    private final Path dir;
    private final FileStore store;
    private final long floorBytes;

    /**
     * @param dir        a directory on the file store to watch (the gateway's data dir); must exist
     * @param floorBytes refuse when fewer usable bytes than this remain (0 disables the check)
     */
    public DiskGuard(Path dir, long floorBytes) throws IOException {
        if (floorBytes < 0) {
            throw new IllegalArgumentException("disk floor must be >= 0 bytes, was " + floorBytes);
        }
        this.dir = dir.toAbsolutePath();
        this.store = Files.getFileStore(this.dir);
        this.floorBytes = floorBytes;
    }

    /** Throws {@link DiskFullException} naming the free bytes and the floor when free space is below the floor. */
    public void check() throws DiskFullException {
        if (floorBytes == 0) {
            return;
        }
        long free = freeBytes();
        if (free >= 0 && free < floorBytes) { // -1: the file system cannot tell; SQLITE_FULL still guards
            throw new DiskFullException("disk nearly full: " + free + " bytes usable on " + dir + " ("
                    + store.name() + "), below the floor of " + floorBytes
                    + " bytes; new operations are refused until space is freed", free, floorBytes);
        }
    }

    /** Usable bytes on the file store now, or -1 when the file system cannot tell. */
    public long freeBytes() {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    public long floorBytes() {
        return floorBytes;
    }

    public Path dir() {
        return dir;
    }
}
