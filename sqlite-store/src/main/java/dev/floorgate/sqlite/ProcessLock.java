package dev.floorgate.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a side file ({@code <file>.lock}), held while a store is open, so a second gateway process
 * (or a second open in this one) cannot write the same SQLite file: stores that assign keys in memory (the
 * outbox's seq) rely on being the only writer. The operating system drops the lock when the process dies, kill -9
 * included, so a crash never leaves a stale lock behind.
 */
public final class ProcessLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of a database file: {@code <file>.lock} next to it. */
    public static Path lockFileOf(Path databaseFile) {
        Path abs = databaseFile.toAbsolutePath();
        return abs.resolveSibling(abs.getFileName() + ".lock");
    }

    /** Takes the lock on {@code lockFile} or throws an IOException naming {@code what} and the lock file. */
    public static ProcessLock acquire(Path lockFile, String what) throws IOException {
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            ch.close();
            throw new IOException(what + " is in use by another process or is already open (lock " + lockFile
                    + "); one gateway per data directory");
        }
        return new ProcessLock(ch, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        SqliteFiles.closeQuietly(channel);
    }
}
