package dev.floorgate.pda.internal;

import java.io.File;
import java.io.IOException;

/** Opens {@link BlockFile}s and replaces one file by another atomically (a rename on the same file system). */
public interface BlockStore {
    /** Opens {@code file} for reading and writing, creating it empty when missing. */
    BlockFile open(File file) throws IOException;

    /** Whether {@code file} exists. */
    boolean exists(File file);

    /**
     * Atomically replaces {@code target} by {@code source}: afterwards {@code target} names what {@code source}
     * held, and at no time does {@code target} name a partial file.
     */
    void replace(File source, File target) throws IOException;

    /** Deletes {@code file} when it exists. */
    void delete(File file) throws IOException;

    /** The store of real files: {@link RandomAccessBlockFile} and {@link File#renameTo} (POSIX rename). */
    static BlockStore files() {
        return FileBlockStore.INSTANCE;
    }
}
