package dev.floorgate.pda.internal;

import java.io.Closeable;
import java.io.IOException;

/**
 * Positional reads and writes on one file, and the two durability calls the queue file needs. An interface so
 * that tests can put a file under {@code FileQueueStorage} that fails or loses power at any chosen write.
 */
public interface BlockFile extends Closeable {
    /** Reads exactly {@code len} bytes at {@code position}; {@link java.io.EOFException} when the file is shorter. */
    void read(long position, byte[] buffer, int offset, int len) throws IOException;

    /** Writes all {@code len} bytes at {@code position}, growing the file when needed. Not durable until synced. */
    void write(long position, byte[] buffer, int offset, int len) throws IOException;

    /** Makes every write so far durable; with {@code metadata} also the file's length (after it grew or shrank). */
    void sync(boolean metadata) throws IOException;

    long length() throws IOException;

    /** Truncates or extends the file. */
    void setLength(long length) throws IOException;
}
