package dev.floorgate.pda.internal;

import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A {@link BlockFile} on a {@link RandomAccessFile}'s channel. {@link #sync(boolean)} is {@code fsync}
 * ({@code fdatasync} without metadata), so a returned sync means the bytes are on the storage device.
 */
final class RandomAccessBlockFile implements BlockFile {
    private final File file;
    private final RandomAccessFile raf;
    private final FileChannel channel;

    RandomAccessBlockFile(File file) throws IOException {
        this.file = file;
        this.raf = new RandomAccessFile(file, "rw");
        this.channel = raf.getChannel();
    }

    @Override
    public void read(long position, byte[] buffer, int offset, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buffer, offset, len);
        long at = position;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) {
                throw new EOFException("file " + file + " ends at " + channel.size() + " bytes; wanted " + len
                        + " bytes at offset " + position);
            }
            at += n;
        }
    }

    @Override
    public void write(long position, byte[] buffer, int offset, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buffer, offset, len);
        long at = position;
        while (b.hasRemaining()) {
            at += channel.write(b, at);
        }
    }

    @Override
    public void sync(boolean metadata) throws IOException {
        channel.force(metadata);
    }

    @Override
    public long length() throws IOException {
        return channel.size();
    }

    @Override
    public void setLength(long length) throws IOException {
        raf.setLength(length);
    }

    @Override
    public void close() throws IOException {
        raf.close();
    }
}
