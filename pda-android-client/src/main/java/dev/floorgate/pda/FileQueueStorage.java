package dev.floorgate.pda;

import dev.floorgate.pda.internal.BlockFile;
import dev.floorgate.pda.internal.BlockStore;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * A crash-safe first-in first-out queue of byte entries in one file, modelled on tape's {@code QueueFile}:
 * {@link #append} is durable before it returns, every call is atomic, and after a crash or power loss the file
 * opens with exactly the entries whose calls returned (plus, at most, the one call in flight if its commit
 * point was reached). Thread-safe (every method is synchronized).
 *
 * <h2>File format (all integers big-endian)</h2>
 * <pre>
 *   offset 0     header slot 0   (40 bytes used of a 4096-byte block)
 *   offset 4096  header slot 1   (40 bytes used of a 4096-byte block)
 *   offset 8192  entries, back to back, from {@code head} (inclusive) to {@code end} (exclusive);
 *                bytes before {@code head} are removed entries, bytes after {@code end} are garbage
 *
 *   header slot:
 *     0  int   magic      0x46475131 ("FGQ1")
 *     4  int   count      number of entries between head and end
 *     8  long  sequence   commit number; of the two slots, the valid one with the higher sequence is current
 *    16  long  head       file offset of the first entry (8192 when empty)
 *    24  long  end        file offset just past the last entry (8192 when empty)
 *    32  int   crc        CRC-32 of bytes 0..31 of this slot
 *    36  int   zero       reserved, 0
 *
 *   entry:
 *     0  int   length     of the data, 0..maxEntryBytes
 *     4  int   crc        CRC-32 of the data
 *     8  byte[length]     the data
 * </pre>
 *
 * <h2>Commit point and crash argument</h2>
 * Every change is committed by writing the header slot that is <em>not</em> current with the next sequence
 * number and syncing it (the lines marked {@code // Commit ...} in the code). Before that, an append writes
 * its entry after {@code end} and syncs it; a remove writes nothing else. So the bytes the current slot
 * describes are never overwritten while it is current, and a slot becomes current only after everything it
 * describes is durable.
 * A crash before the commit leaves the old slot current (the new one is stale or fails its CRC); a crash after
 * it leaves the new one current. A torn slot write fails its CRC and the other slot, untouched, still holds the
 * previous state. The only assumption: a write into one 4096-byte block never damages another block (the two
 * slots and the entries live in different blocks).
 *
 * <p>When the queue becomes empty its entries area is reset (a commit to head = end = 8192, then a truncate
 * that needs no sync: bytes past {@code end} are garbage anyway). When removed entries take more than
 * {@code compactAfterBytes} and more than the live ones, the live entries are copied into a new file that is
 * synced and then renamed over this one (atomic: either name holds the same entries). A new file is likewise
 * written aside and renamed into place.
 *
 * <p>Entries are checked against their CRC when read; a mismatch is reported as an {@link IOException} with
 * the offset, never returned as data. When a call fails with an {@link IOException} this object reads the
 * header back and goes on from what the file holds; a failed append whose commit reached the file is then
 * present (appending the same operation again is harmless: the gateway deduplicates by opId).
 */
public final class FileQueueStorage implements QueueStorage {
    static final int MAGIC = 0x46475131;
    static final int BLOCK = 4096;
    static final int SLOT_BYTES = 40;
    static final long DATA_START = 2L * BLOCK;
    static final int ENTRY_HEADER = 8;
    private static final Logger LOG = Logger.getLogger(FileQueueStorage.class.getName());

    /** Bounds of one queue file; immutable. */
    public static final class Options {
        /** Largest entry accepted by {@link #append}: 1 MiB (an operation is a few hundred bytes). */
        public static final int DEFAULT_MAX_ENTRY_BYTES = 1 << 20;
        /** Largest file: 64 MiB, about 200,000 operations. */
        public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
        /** Removed bytes kept at the head before the file is compacted: 1 MiB. */
        public static final long DEFAULT_COMPACT_AFTER_BYTES = 1L << 20;

        final int maxEntryBytes;
        final long maxFileBytes;
        final long compactAfterBytes;

        private Options(int maxEntryBytes, long maxFileBytes, long compactAfterBytes) {
            if (maxEntryBytes < 1 || maxFileBytes < DATA_START + ENTRY_HEADER + maxEntryBytes
                    || compactAfterBytes < 0) {
                throw new IllegalArgumentException("queue file options out of range: maxEntryBytes "
                        + maxEntryBytes + ", maxFileBytes " + maxFileBytes + " (must hold the " + DATA_START
                        + "-byte header and one entry), compactAfterBytes " + compactAfterBytes);
            }
            this.maxEntryBytes = maxEntryBytes;
            this.maxFileBytes = maxFileBytes;
            this.compactAfterBytes = compactAfterBytes;
        }

        public static Options defaults() {
            return new Options(DEFAULT_MAX_ENTRY_BYTES, DEFAULT_MAX_FILE_BYTES, DEFAULT_COMPACT_AFTER_BYTES);
        }

        public Options maxEntryBytes(int bytes) {
            return new Options(bytes, maxFileBytes, compactAfterBytes);
        }

        public Options maxFileBytes(long bytes) {
            return new Options(maxEntryBytes, bytes, compactAfterBytes);
        }

        public Options compactAfterBytes(long bytes) {
            return new Options(maxEntryBytes, maxFileBytes, bytes);
        }
    }

    /** One header slot's values. */
    private static final class Header {
        final int count;
        final long sequence;
        final long head;
        final long end;

        Header(int count, long sequence, long head, long end) {
            this.count = count;
            this.sequence = sequence;
            this.head = head;
            this.end = end;
        }
    }

    private final File file;
    private final Options options;
    private final BlockStore store;
    private BlockFile blocks;
    private Header current;
    private boolean closed;

    /** Opens (or creates) the queue file {@code file} with default bounds. */
    public FileQueueStorage(File file) throws IOException {
        this(file, Options.defaults());
    }

    public FileQueueStorage(File file, Options options) throws IOException {
        this(file, options, BlockStore.files());
    }

    /** With another file layer underneath (tests put one there that fails or loses power mid-write). */
    FileQueueStorage(File file, Options options, BlockStore store) throws IOException {
        this.file = file;
        this.options = options;
        this.store = store;
        store.delete(asideFile(".compact")); // a compaction that crashed before its rename left this behind
        if (!store.exists(file)) {
            createAside();
        } else {
            BlockFile existing = store.open(file);
            long length = existing.length();
            existing.close();
            if (length == 0) {
                createAside();
            }
        }
        this.blocks = store.open(file);
        try {
            this.current = readCurrentHeader();
        } catch (IOException | RuntimeException e) {
            blocks.close();
            throw e;
        }
    }

    @Override
    public synchronized void append(byte[] entry) throws IOException {
        checkOpen();
        if (entry.length > options.maxEntryBytes) {
            throw new IllegalArgumentException("entry of " + entry.length + " bytes exceeds maxEntryBytes "
                    + options.maxEntryBytes + " of queue file " + file);
        }
        long needed = ENTRY_HEADER + (long) entry.length;
        if (current.end + needed > options.maxFileBytes && current.head > DATA_START) {
            compact();
        }
        if (current.end + needed > options.maxFileBytes) {
            throw new IOException("queue file " + file + " is full: " + current.count + " entries use "
                    + (current.end - current.head) + " bytes; another " + needed + " would exceed maxFileBytes "
                    + options.maxFileBytes);
        }
        ByteBuffer b = ByteBuffer.allocate((int) needed);
        b.putInt(entry.length).putInt(crc(entry, 0, entry.length)).put(entry);
        mutate(() -> {
            blocks.write(current.end, b.array(), 0, b.capacity());
            blocks.sync(true); // the entry (and the grown length) is durable before any header names it
            // Commit the addition.
            commit(new Header(current.count + 1, current.sequence + 1, current.head, current.end + needed));
        });
    }

    @Override
    public synchronized List<byte[]> peek(int max) throws IOException {
        checkOpen();
        if (max < 0) {
            throw new IllegalArgumentException("peek of " + max + " entries");
        }
        int n = Math.min(max, current.count);
        List<byte[]> out = new ArrayList<>(n);
        long at = current.head;
        byte[] header = new byte[ENTRY_HEADER];
        for (int i = 0; i < n; i++) {
            int length = entryLength(at, header);
            byte[] data = new byte[length];
            blocks.read(at + ENTRY_HEADER, data, 0, length);
            int stored = ByteBuffer.wrap(header).getInt(4);
            int computed = crc(data, 0, length);
            if (stored != computed) {
                throw new IOException("queue file " + file + ": entry " + i + " at offset " + at + " ("
                        + length + " bytes) fails its CRC: stored 0x" + Integer.toHexString(stored)
                        + ", computed 0x" + Integer.toHexString(computed));
            }
            out.add(data);
            at += ENTRY_HEADER + length;
        }
        return out;
    }

    @Override
    public synchronized void remove(int n) throws IOException {
        checkOpen();
        if (n < 0 || n > current.count) {
            throw new IllegalArgumentException("cannot remove " + n + " entries from queue file " + file
                    + " holding " + current.count);
        }
        if (n == 0) {
            return;
        }
        if (n == current.count) {
            mutate(() -> {
                // Commit the removal of everything: the entries area starts afresh.
                commit(new Header(0, current.sequence + 1, DATA_START, DATA_START));
                blocks.setLength(DATA_START); // no sync needed: bytes past end are garbage either way
            });
            return;
        }
        long at = current.head;
        byte[] header = new byte[ENTRY_HEADER];
        for (int i = 0; i < n; i++) {
            at += ENTRY_HEADER + entryLength(at, header);
        }
        long newHead = at;
        // Commit the removal.
        mutate(() -> commit(new Header(current.count - n, current.sequence + 1, newHead, current.end)));
        long dead = current.head - DATA_START;
        if (dead > options.compactAfterBytes && dead > current.end - current.head) {
            try {
                compact();
            } catch (IOException e) {
                // The removal is committed and the queue is correct, only larger than it need be; the next
                // removal or a full append tries again. Not thrown: the caller's call did succeed.
                LOG.log(Level.WARNING, "compacting queue file " + file + " failed; keeping it as it is", e);
            }
        }
    }

    @Override
    public synchronized int size() throws IOException {
        checkOpen();
        return current.count;
    }

    /** The file this queue lives in. */
    public File file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            blocks.close();
        }
    }

    // ------------------------------------------------------------------------------------------ internals

    private interface Mutation {
        void run() throws IOException;
    }

    /**
     * Runs a change; when it fails, reads the header back so this object again describes what the file holds
     * (the change may or may not have reached its commit point).
     */
    private void mutate(Mutation m) throws IOException {
        try {
            m.run();
        } catch (IOException | RuntimeException e) {
            try {
                current = readCurrentHeader();
            } catch (IOException | RuntimeException again) {
                e.addSuppressed(again);
                closed = true;
                blocks.close();
            }
            throw e;
        }
    }

    /** Writes {@code next} into the slot that is not current and syncs it: the commit point of every change. */
    private void commit(Header next) throws IOException {
        byte[] slot = encode(next);
        blocks.write(slotOffset(next.sequence), slot, 0, slot.length);
        blocks.sync(false);
        current = next;
    }

    /**
     * Copies the live entries into a new file, syncs it and renames it over this one. Either name holds the
     * same entries, so a crash at any point leaves a correct queue.
     */
    private void compact() throws IOException {
        File aside = asideFile(".compact");
        store.delete(aside);
        long liveBytes = current.end - current.head;
        try (BlockFile out = store.open(aside)) {
            byte[] buffer = new byte[64 * 1024];
            for (long done = 0; done < liveBytes; ) {
                int chunk = (int) Math.min(buffer.length, liveBytes - done);
                blocks.read(current.head + done, buffer, 0, chunk);
                out.write(DATA_START + done, buffer, 0, chunk);
                done += chunk;
            }
            Header fresh = new Header(current.count, 1, DATA_START, DATA_START + liveBytes);
            byte[] slot = encode(fresh);
            out.write(slotOffset(fresh.sequence), slot, 0, slot.length);
            out.setLength(DATA_START + liveBytes);
            out.sync(true);
        }
        blocks.close();
        IOException renameFailure = null;
        try {
            store.replace(aside, file);
        } catch (IOException e) {
            renameFailure = e;
        }
        reopen(renameFailure);
        if (renameFailure != null) {
            throw renameFailure;
        }
    }

    /** Opens {@code file} again after a rename over it; when that fails this object is closed for good. */
    private void reopen(IOException earlier) throws IOException {
        BlockFile opened = null;
        try {
            opened = store.open(file);
            blocks = opened;
            current = readCurrentHeader();
        } catch (IOException | RuntimeException e) {
            closed = true;
            if (opened != null) {
                opened.close();
            }
            if (earlier != null) {
                e.addSuppressed(earlier);
            }
            throw e;
        }
    }

    private File asideFile(String suffix) {
        return new File(file.getPath() + suffix);
    }

    /** Writes an empty queue file beside {@code file}, syncs it and renames it into place. */
    private void createAside() throws IOException {
        File aside = asideFile(".new");
        store.delete(aside);
        try (BlockFile out = store.open(aside)) {
            byte[] slot = encode(new Header(0, 1, DATA_START, DATA_START));
            out.write(slotOffset(1), slot, 0, slot.length);
            out.setLength(DATA_START);
            out.sync(true);
        }
        store.replace(aside, file);
    }

    private Header readCurrentHeader() throws IOException {
        long length = blocks.length();
        if (length < DATA_START) {
            throw new IOException("queue file " + file + " is truncated: expected at least " + DATA_START
                    + " bytes of header, actual length " + length);
        }
        Header a = decode(0);
        Header b = decode(BLOCK);
        if (a == null && b == null) {
            throw new IOException("queue file " + file + " has no valid header slot (magic 0x"
                    + Integer.toHexString(MAGIC) + " and CRC checked at offsets 0 and " + BLOCK
                    + "); it is not a queue file or is damaged");
        }
        Header h = a == null ? b : b == null ? a : a.sequence > b.sequence ? a : b;
        // Every entry takes at least its 8-byte header: a count the entries area cannot hold is damage (or
        // forgery), and believing it would size a peek's list by it (a fuzzer's 536,870,915 entries in 103 bytes).
        if (h.head < DATA_START || h.head > h.end || h.count < 0 || (h.count == 0) != (h.head == h.end)
                || h.count > (h.end - h.head) / ENTRY_HEADER) {
            throw new IOException("queue file " + file + " header (sequence " + h.sequence + ") is inconsistent: "
                    + "count " + h.count + ", head " + h.head + ", end " + h.end);
        }
        if (h.end > length) {
            throw new IOException("queue file " + file + " is truncated: expected length at least " + h.end
                    + ", actual length " + length);
        }
        return h;
    }

    /** The slot at {@code offset}, or null when its magic or CRC is wrong (never written, or torn). */
    private Header decode(long offset) throws IOException {
        byte[] slot = new byte[SLOT_BYTES];
        blocks.read(offset, slot, 0, SLOT_BYTES);
        ByteBuffer b = ByteBuffer.wrap(slot);
        if (b.getInt(0) != MAGIC || b.getInt(32) != crc(slot, 0, 32)) {
            return null;
        }
        Header h = new Header(b.getInt(4), b.getLong(8), b.getLong(16), b.getLong(24));
        return slotOffset(h.sequence) == offset ? h : null;
    }

    private static byte[] encode(Header h) {
        ByteBuffer b = ByteBuffer.allocate(SLOT_BYTES);
        b.putInt(MAGIC).putInt(h.count).putLong(h.sequence).putLong(h.head).putLong(h.end);
        b.putInt(crc(b.array(), 0, 32)).putInt(0);
        return b.array();
    }

    /** Odd sequences live in slot 0, even ones in slot 1, so each commit writes the slot that is not current. */
    private static long slotOffset(long sequence) {
        return (sequence & 1) == 1 ? 0 : BLOCK;
    }

    /** Reads the entry header at {@code at} into {@code header} and returns its checked length. */
    private int entryLength(long at, byte[] header) throws IOException {
        blocks.read(at, header, 0, ENTRY_HEADER);
        int length = ByteBuffer.wrap(header).getInt(0);
        if (length < 0 || length > options.maxEntryBytes || at + ENTRY_HEADER + length > current.end) {
            throw new IOException("queue file " + file + ": entry at offset " + at + " claims " + length
                    + " bytes, which does not fit before end " + current.end + " (maxEntryBytes "
                    + options.maxEntryBytes + ")");
        }
        return length;
    }

    private static int crc(byte[] data, int offset, int len) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, len);
        return (int) crc.getValue();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("queue file " + file + " is closed");
        }
    }
}
