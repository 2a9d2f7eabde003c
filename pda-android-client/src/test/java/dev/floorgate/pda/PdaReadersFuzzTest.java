package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.floorgate.pda.internal.BlockFile;
import dev.floorgate.pda.internal.SseParser;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzz targets of what the PDA reads from outside (docs/FUZZING.md): the gateway's event stream (SSE parser)
 * and its own queue file after a crash, a bad card or tampering (FileQueueStorage). Every build runs them over
 * the seeds and findings in {@code PdaReadersFuzzTestInputs/<method>/}; {@code ./floorgate fuzz
 * PdaReadersFuzzTest#method --minutes N} fuzzes one. A hang past the per-input {@link Timeout} is a finding.
 */
class PdaReadersFuzzTest {

    private static final int MAX_LINE = 64;
    private static final int MAX_DATA = 256;

    /**
     * Any stream yields events within the bounds, never an exception, and the same events whether it arrives
     * whole or in small pieces (lines and CR LF pairs split across reads).
     */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void sseParserReadsAnyStreamTheSameWholeOrSplit(byte[] input) throws IOException {
        String stream = new String(input, StandardCharsets.UTF_8);
        List<String> whole = new ArrayList<>();
        SseParser wholeParser = new SseParser(MAX_LINE, MAX_DATA, null, collector(whole));
        wholeParser.read(new StringReader(stream));

        List<String> split = new ArrayList<>();
        SseParser splitParser = new SseParser(MAX_LINE, MAX_DATA, null, collector(split));
        char[] chars = stream.toCharArray();
        int piece = 1;
        for (int at = 0; at < chars.length; ) {
            int n = Math.min(piece, chars.length - at);
            splitParser.feed(chars, at, n);
            at += n;
            piece = piece % 5 + 1;
        }
        splitParser.endOfStream();

        assertThat(split).as("events fed in pieces").containsExactlyElementsOf(whole);
        assertThat(splitParser.lastEventId()).isEqualTo(wholeParser.lastEventId());
    }

    private static SseParser.Handler collector(List<String> events) {
        return new SseParser.Handler() {
            @Override
            public void onEvent(String lastEventId, String type, String data) {
                assertThat(data.length()).as("event data").isLessThanOrEqualTo(MAX_DATA);
                events.add(lastEventId + "|" + type + "|" + data);
            }

            @Override
            public void onDiscarded(String reason) {
                events.add("discarded: " + reason);
            }
        };
    }

    /**
     * Any queue file opens or is refused with an IOException, and an opened one reads its entries or refuses
     * them with an IOException; nothing else is thrown and no allocation follows a size the file claims. The
     * input is the file in compact form: bytes 0..31 header slot 0 and 32..63 slot 1 (each at its own 4096-byte
     * block, CRC filled in so that the fuzzer reaches the fields behind it), the rest the entries area from
     * offset 8192. The file lives in memory (MemoryBlockStore): no disk syncs per input.
     */
    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void queueFileOpensOrIsRefused(byte[] input) throws IOException {
        MemoryBlockStore store = new MemoryBlockStore(1);
        File file = new File("fuzz.queue");
        try (BlockFile out = store.open(file)) {
            byte[] image = new byte[(int) FileQueueStorage.DATA_START + Math.max(0, input.length - 64)];
            slot(input, 0, image, 0);
            slot(input, 32, image, 4096);
            if (input.length > 64) {
                System.arraycopy(input, 64, image, (int) FileQueueStorage.DATA_START, input.length - 64);
            }
            out.write(0, image, 0, image.length);
            out.sync(true);
        }
        FileQueueStorage.Options options = FileQueueStorage.Options.defaults()
                .maxEntryBytes(4096).maxFileBytes(1 << 20).compactAfterBytes(4096);
        FileQueueStorage queue;
        try {
            queue = new FileQueueStorage(file, options, store);
        } catch (IOException refused) {
            assertThat(refused.getMessage()).contains("fuzz.queue");
            return;
        }
        try {
            int size = queue.size();
            assertThat(size).isNotNegative();
            try {
                List<byte[]> entries = queue.peek(Integer.MAX_VALUE);
                assertThat(entries).hasSize(size);
                if (size > 0) {
                    queue.remove(1);
                    assertThat(queue.size()).isEqualTo(size - 1);
                }
                queue.append(new byte[] {'{', '}'});
            } catch (IOException refused) {
                assertThat(refused.getMessage()).contains("fuzz.queue");
            }
        } finally {
            queue.close();
        }
    }

    /** Copies 32 header bytes of {@code input} to {@code offset} with their CRC-32 after them. */
    private static void slot(byte[] input, int from, byte[] image, int offset) {
        int n = Math.max(0, Math.min(32, input.length - from));
        if (n > 0) {
            System.arraycopy(input, from, image, offset, n);
        }
        CRC32 crc = new CRC32();
        crc.update(image, offset, 32);
        ByteBuffer.wrap(image).putInt(offset + 32, (int) crc.getValue());
    }
}
