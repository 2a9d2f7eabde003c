package dev.floorgate.sync;

import java.io.IOException;

/**
 * New operations are refused because the data directory's disk is (nearly) full: either {@link DiskGuard} saw free
 * space below its floor, or SQLite itself reported {@code SQLITE_FULL}. Nothing already acknowledged is lost; the
 * gateway answers 507 and the device keeps the operation and retries.
 */
public final class DiskFullException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long freeBytes;
    private final long floorBytes;

    /** The guard's refusal: free space is below the floor. */
    public DiskFullException(String message, long freeBytes, long floorBytes) {
        super(message);
        this.freeBytes = freeBytes;
        this.floorBytes = floorBytes;
    }

    /** SQLite's refusal ({@code SQLITE_FULL}); the free space is what the guard measured just after, or -1. */
    public DiskFullException(String message, long freeBytes, Throwable cause) {
        super(message, cause);
        this.freeBytes = freeBytes;
        this.floorBytes = -1;
    }

    /** Usable bytes on the data directory's file store when refused, or -1 if unknown. */
    public long freeBytes() {
        return freeBytes;
    }

    /** The configured floor, or -1 when SQLite (not the guard) refused. */
    public long floorBytes() {
        return floorBytes;
    }
}
