package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileQueueStorageTest {
    @TempDir
    Path dir;

    private File file() {
        return dir.resolve("ops.queue").toFile();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> strings(List<byte[]> entries) {
        List<String> out = new ArrayList<>();
        for (byte[] e : entries) {
            out.add(new String(e, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void entriesComeBackInOrderAcrossReopenAndRemoveTakesFromTheHead() throws IOException {
        try (FileQueueStorage q = new FileQueueStorage(file())) {
            assertThat(q.size()).isZero();
            assertThat(q.peek(10)).isEmpty();
            q.append(bytes("a"));
            q.append(bytes(""));
            q.append(bytes("ccc"));
            assertThat(strings(q.peek(2))).containsExactly("a", "");
        }
        try (FileQueueStorage q = new FileQueueStorage(file())) {
            assertThat(strings(q.peek(10))).containsExactly("a", "", "ccc");
            q.remove(2);
            q.append(bytes("d"));
        }
        try (FileQueueStorage q = new FileQueueStorage(file())) {
            assertThat(strings(q.peek(10))).containsExactly("ccc", "d");
            assertThat(q.size()).isEqualTo(2);
        }
    }

    @Test
    void aNewFileIsWrittenAsideAndHasTheDocumentedLayout() throws IOException {
        try (FileQueueStorage q = new FileQueueStorage(file())) {
            q.append(bytes("xyz"));
        }
        assertThat(new File(file().getPath() + ".new")).doesNotExist();
        try (RandomAccessFile raf = new RandomAccessFile(file(), "r")) {
            assertThat(raf.length()).isEqualTo(8192 + 8 + 3);
            raf.seek(FileQueueStorage.BLOCK); // sequence 2 lives in slot 1
            assertThat(raf.readInt()).isEqualTo(0x46475131);
            assertThat(raf.readInt()).as("count").isEqualTo(1);
            assertThat(raf.readLong()).as("sequence").isEqualTo(2);
            assertThat(raf.readLong()).as("head").isEqualTo(8192);
            assertThat(raf.readLong()).as("end").isEqualTo(8192 + 11);
            raf.seek(8192);
            assertThat(raf.readInt()).as("entry length").isEqualTo(3);
        }
    }

    @Test
    void emptyingTheQueueResetsTheFileAndCompactionKeepsTheLiveEntries() throws IOException {
        FileQueueStorage.Options small = FileQueueStorage.Options.defaults().compactAfterBytes(100);
        try (FileQueueStorage q = new FileQueueStorage(file(), small)) {
            for (int i = 0; i < 20; i++) {
                q.append(bytes("entry-" + i + "-with-some-padding"));
            }
            q.remove(20);
            assertThat(file().length()).isEqualTo(FileQueueStorage.DATA_START);
            for (int i = 0; i < 20; i++) {
                q.append(bytes("entry-" + i + "-with-some-padding"));
            }
            long before = file().length();
            q.remove(15); // 15 dead entries > 100 bytes and > the 5 live ones: compacted
            assertThat(file().length()).isLessThan(before);
            assertThat(strings(q.peek(10))).containsExactly("entry-15-with-some-padding",
                    "entry-16-with-some-padding", "entry-17-with-some-padding", "entry-18-with-some-padding",
                    "entry-19-with-some-padding");
            q.append(bytes("after"));
        }
        try (FileQueueStorage q = new FileQueueStorage(file(), small)) {
            assertThat(q.size()).isEqualTo(6);
            assertThat(strings(q.peek(10)).get(5)).isEqualTo("after");
        }
    }

    @Test
    void boundsAreEnforcedWithTheNumbersInTheMessage() throws IOException {
        FileQueueStorage.Options tight = FileQueueStorage.Options.defaults().maxEntryBytes(100)
                .maxFileBytes(FileQueueStorage.DATA_START + 250);
        try (FileQueueStorage q = new FileQueueStorage(file(), tight)) {
            assertThatThrownBy(() -> q.append(new byte[101]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("101 bytes exceeds maxEntryBytes 100");
            q.append(new byte[100]);
            q.append(new byte[100]);
            assertThatThrownBy(() -> q.append(new byte[100]))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("is full: 2 entries use 216 bytes");
            q.remove(1); // head moves: a full append now compacts first and fits
            q.append(new byte[100]);
            assertThat(q.size()).isEqualTo(2);
            assertThatThrownBy(() -> q.remove(3)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot remove 3 entries").hasMessageContaining("holding 2");
        }
        assertThatThrownBy(() -> FileQueueStorage.Options.defaults().maxEntryBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDamagedEntryIsReportedNotReturned() throws IOException {
        try (FileQueueStorage q = new FileQueueStorage(file())) {
            q.append(bytes("first"));
            q.append(bytes("second"));
        }
        try (RandomAccessFile raf = new RandomAccessFile(file(), "rw")) {
            raf.seek(8192 + 8 + 5 + 8 + 2); // inside "second"
            raf.write('X');
        }
        try (FileQueueStorage q = new FileQueueStorage(file())) {
            assertThat(strings(q.peek(1))).containsExactly("first");
            assertThatThrownBy(() -> q.peek(2)).isInstanceOf(IOException.class)
                    .hasMessageContaining("entry 1 at offset 8205").hasMessageContaining("fails its CRC");
        }
    }

    @Test
    void aFileThatIsNotAQueueOrIsTruncatedIsRefused() throws IOException {
        File other = dir.resolve("not-a-queue").toFile();
        try (RandomAccessFile raf = new RandomAccessFile(other, "rw")) {
            raf.setLength(9000);
        }
        assertThatThrownBy(() -> new FileQueueStorage(other)).isInstanceOf(IOException.class)
                .hasMessageContaining("has no valid header slot");

        try (FileQueueStorage q = new FileQueueStorage(file())) {
            q.append(new byte[50]);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file(), "rw")) {
            raf.setLength(8192 + 20);
        }
        assertThatThrownBy(() -> new FileQueueStorage(file())).isInstanceOf(IOException.class)
                .hasMessageContaining("is truncated: expected length at least 8250, actual length 8212");
    }

    /**
     * Fuzzing finding (PdaReadersFuzzTest, crash-2b8ccc0a...): a header whose CRC is right but whose count says
     * 536,870,915 entries in a 103-byte entries area opened, and {@code peek(Integer.MAX_VALUE)} sized its list
     * by that count: OutOfMemoryError. Every entry takes at least its 8-byte header, so such a count is refused.
     */
    @Test
    void aHeaderCountingMoreEntriesThanItsBytesCanHoldIsRefused() throws IOException {
        try (FileQueueStorage q = new FileQueueStorage(file())) {
            q.append(bytes("{\"opId\":\"op-1\"}"));
            q.append(bytes("{}"));
        }
        // the current slot is slot 0 or 1 by its sequence; rewrite its count and its CRC
        try (RandomAccessFile raf = new RandomAccessFile(file(), "rw")) {
            for (long offset : new long[] {0, 4096}) {
                byte[] slot = new byte[40];
                raf.seek(offset);
                raf.readFully(slot);
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(slot);
                b.putInt(4, 0x20000003);
                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(slot, 0, 32);
                b.putInt(32, (int) crc.getValue());
                raf.seek(offset);
                raf.write(slot);
            }
        }
        assertThatThrownBy(() -> new FileQueueStorage(file())).isInstanceOf(IOException.class)
                .hasMessageContaining("is inconsistent: count 536870915, head 8192, end 8225");
    }

    @Test
    void aClosedQueueRefusesUse() throws IOException {
        FileQueueStorage q = new FileQueueStorage(file());
        q.close();
        assertThatThrownBy(() -> q.append(new byte[1])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }
}
