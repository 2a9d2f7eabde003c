package dev.floorgate.pda;

import dev.floorgate.pda.internal.BlockFile;
import dev.floorgate.pda.internal.BlockStore;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Files in memory with a storage device's failure behaviour, for crash tests of {@link FileQueueStorage}:
 * writes are volatile until a sync; at a chosen write the power fails ({@link #failAtWrite}); {@link #crash}
 * then makes the image a disk could hold afterwards: everything synced, plus each unsynced 512-byte sector of
 * later writes or not, at random, plus a random byte prefix of the write that was in progress. Or, with
 * {@link #errorAtWrite}, one write fails with an I/O error after a random prefix reached the file, and the
 * system stays up. Renames are atomic and durable (the real store syncs the directory).
 */
final class MemoryBlockStore implements BlockStore {
    static final int SECTOR = 512;

    /** One unsynced change: a write, or a length change when {@code data} is null. */
    private static final class Change {
        final long position;
        final byte[] data;

        Change(long position, byte[] data) {
            this.position = position;
            this.data = data;
        }
    }

    private final class MemFile {
        byte[] durable = new byte[0];
        byte[] current = new byte[0];
        final List<Change> unsynced = new ArrayList<>();
        Change torn; // the write in progress when the power failed
    }

    private final Map<String, MemFile> files = new HashMap<>();
    private final Random random;
    private int writes;
    private int replaces;
    private int failAt = -1;
    private boolean powerFailure;
    private boolean powerOff;

    MemoryBlockStore(long seed) {
        this.random = new Random(seed);
    }

    /** The {@code n}th write from now (1-based) loses power halfway; every call after it fails. */
    void failAtWrite(int n) {
        failAt = writes + n;
        powerFailure = true;
    }

    /** The {@code n}th write from now (1-based) fails with an I/O error after writing a random prefix. */
    void errorAtWrite(int n) {
        failAt = writes + n;
        powerFailure = false;
    }

    int writes() {
        return writes;
    }

    /** Renames so far: one per new file and per compaction. */
    int replaces() {
        return replaces;
    }

    /** What the disk holds after the power failure, as a new store with the power on. */
    MemoryBlockStore crash(long seed) {
        Random r = new Random(seed);
        MemoryBlockStore after = new MemoryBlockStore(seed);
        for (Map.Entry<String, MemFile> e : files.entrySet()) {
            MemFile f = e.getValue();
            byte[] image = f.durable.clone();
            for (Change c : f.unsynced) {
                if (c.data == null) {
                    if (r.nextBoolean()) {
                        image = Arrays.copyOf(image, (int) c.position);
                    }
                    continue;
                }
                for (int off = 0; off < c.data.length; ) {
                    long at = c.position + off;
                    int chunk = (int) Math.min(c.data.length - off, SECTOR - at % SECTOR);
                    if (r.nextBoolean()) {
                        image = put(image, at, c.data, off, chunk);
                    }
                    off += chunk;
                }
            }
            if (f.torn != null) {
                image = put(image, f.torn.position, f.torn.data, 0, r.nextInt(f.torn.data.length + 1));
            }
            MemFile g = after.new MemFile();
            g.durable = image;
            g.current = image.clone();
            after.files.put(e.getKey(), g);
        }
        return after;
    }

    private static byte[] put(byte[] image, long position, byte[] data, int off, int len) {
        byte[] out = image;
        if (position + len > out.length) {
            out = Arrays.copyOf(out, (int) (position + len));
        }
        System.arraycopy(data, off, out, (int) position, len);
        return out;
    }

    private void checkPower() throws IOException {
        if (powerOff) {
            throw new IOException("power is off");
        }
    }

    @Override
    public BlockFile open(File file) throws IOException {
        checkPower();
        MemFile f = files.get(file.getPath());
        if (f == null) {
            f = new MemFile();
            files.put(file.getPath(), f);
        }
        MemFile opened = f;
        return new BlockFile() {
            private boolean closed;

            @Override
            public void read(long position, byte[] buffer, int offset, int len) throws IOException {
                use();
                if (position + len > opened.current.length) {
                    throw new EOFException("memory file " + file + " has " + opened.current.length + " bytes");
                }
                System.arraycopy(opened.current, (int) position, buffer, offset, len);
            }

            @Override
            public void write(long position, byte[] buffer, int offset, int len) throws IOException {
                use();
                byte[] data = Arrays.copyOfRange(buffer, offset, offset + len);
                writes++;
                if (writes == failAt) {
                    int prefix = random.nextInt(len + 1);
                    if (powerFailure) {
                        opened.torn = new Change(position, data);
                        powerOff = true;
                        throw new IOException("power failed during a write of " + len + " bytes at " + position);
                    }
                    opened.current = put(opened.current, position, data, 0, prefix);
                    opened.unsynced.add(new Change(position, Arrays.copyOf(data, prefix)));
                    throw new IOException("I/O error after " + prefix + " of " + len + " bytes at " + position);
                }
                opened.current = put(opened.current, position, data, 0, len);
                opened.unsynced.add(new Change(position, data));
            }

            @Override
            public void sync(boolean metadata) throws IOException {
                use();
                opened.durable = opened.current.clone();
                opened.unsynced.clear();
            }

            @Override
            public long length() throws IOException {
                use();
                return opened.current.length;
            }

            @Override
            public void setLength(long length) throws IOException {
                use();
                opened.current = Arrays.copyOf(opened.current, (int) length);
                opened.unsynced.add(new Change(length, null));
            }

            @Override
            public void close() {
                closed = true;
            }

            private void use() throws IOException {
                checkPower();
                if (closed) {
                    throw new IOException("memory file " + file + " is closed");
                }
            }
        };
    }

    @Override
    public boolean exists(File file) {
        return files.containsKey(file.getPath());
    }

    @Override
    public void replace(File source, File target) throws IOException {
        checkPower();
        MemFile f = files.remove(source.getPath());
        if (f == null) {
            throw new IOException("no file " + source);
        }
        files.put(target.getPath(), f);
        replaces++;
    }

    @Override
    public void delete(File file) throws IOException {
        checkPower();
        files.remove(file.getPath());
    }
}
