package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The crash claim of {@link FileQueueStorage}, tape style and stronger: a script of appends and removes (with
 * compactions and resets on the way) runs over {@link MemoryBlockStore}, and the failure is put at every single
 * write in turn. After a power failure the disk image keeps synced bytes and a random selection of unsynced
 * sectors; reopened, the queue must hold exactly the entries of the calls that returned, or those plus the call
 * in flight. After an I/O error with the system up, the same object must go on correctly.
 */
class FileQueueStorageCrashTest {
    private static final File FILE = new File("/mem/ops.queue");
    private static final FileQueueStorage.Options OPTIONS = FileQueueStorage.Options.defaults()
            .maxEntryBytes(1000).maxFileBytes(FileQueueStorage.DATA_START + 2600).compactAfterBytes(200);
    /** Positive: append an entry of that many bytes; negative: remove that many; 0 never used. */
    private static final int[] SCRIPT = {
        +1, +17, +300, +5, +120, -2, +64, +250, -3, +1, +200, +33, -5, +90, +80, +70, -1, +260, +260, +260, +260,
        +260, +400, -2, +40, +300, +300, -1, +10, -6, +50};
    private static final int SEEDS = 4;

    @Test
    void theScriptExercisesCompactionResetAndAFullFile() throws IOException {
        MemoryBlockStore store = new MemoryBlockStore(1);
        List<byte[]> model = new ArrayList<>();
        FileQueueStorage q = new FileQueueStorage(FILE, OPTIONS, store);
        for (int i = 0; i < SCRIPT.length; i++) {
            step(q, model, i);
        }
        assertThat(contents(q)).containsExactlyElementsOf(model);
        assertThat(store.replaces()).as("new file + compactions on remove and on a full append").isGreaterThanOrEqualTo(3);
        assertThat(store.writes()).isGreaterThan(60);
    }

    @Test
    void afterAPowerFailureAtAnyWriteTheFileHoldsExactlyTheCommittedEntries() throws IOException {
        int totalWrites = dryRunWrites();
        int checked = 0;
        for (int k = 1; k <= totalWrites; k++) {
            for (long seed = 0; seed < SEEDS; seed++) {
                MemoryBlockStore store = new MemoryBlockStore(seed);
                store.failAtWrite(k);
                List<byte[]> model = new ArrayList<>();
                List<byte[]> ifInFlightCommitted = null;
                try {
                    FileQueueStorage q = new FileQueueStorage(FILE, OPTIONS, store);
                    for (int i = 0; i < SCRIPT.length; i++) {
                        ifInFlightCommitted = applied(model, i);
                        step(q, model, i);
                        ifInFlightCommitted = null;
                    }
                    fail("write " + k + " of " + totalWrites + " did not fail");
                } catch (IOException powerFailure) {
                    assertThat(powerFailure.getMessage()).contains("power");
                }
                MemoryBlockStore after = store.crash(seed * 7919 + k);
                FileQueueStorage reopened = new FileQueueStorage(FILE, OPTIONS, after);
                List<byte[]> found = contents(reopened);
                if (!sameEntries(found, model)) {
                    assertThat(ifInFlightCommitted).as("power failure at write %d (seed %d): found %s, committed %s",
                            k, seed, describe(found), describe(model)).isNotNull();
                    assertThat(sameEntries(found, ifInFlightCommitted)).as("power failure at write %d (seed %d): "
                            + "found %s, expected %s or %s", k, seed, describe(found), describe(model),
                            describe(ifInFlightCommitted)).isTrue();
                }
                // and the reopened queue stays usable
                reopened.append(entry(999, 33));
                assertThat(reopened.size()).isEqualTo(found.size() + 1);
                reopened.remove(reopened.size());
                assertThat(reopened.size()).isZero();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(totalWrites * SEEDS);
    }

    @Test
    void afterAnIoErrorAtAnyWriteTheSameObjectGoesOnCorrectly() throws IOException {
        int totalWrites = dryRunWrites();
        for (int k = 1; k <= totalWrites; k++) {
            for (long seed = 0; seed < SEEDS; seed++) {
                MemoryBlockStore store = new MemoryBlockStore(seed);
                store.errorAtWrite(k);
                FileQueueStorage q;
                try {
                    q = new FileQueueStorage(FILE, OPTIONS, store);
                } catch (IOException creationFailed) {
                    q = new FileQueueStorage(FILE, OPTIONS, store); // the error happened while creating the file
                }
                List<byte[]> model = new ArrayList<>();
                for (int i = 0; i < SCRIPT.length; i++) {
                    List<byte[]> ifCommitted = applied(model, i);
                    try {
                        step(q, model, i);
                    } catch (IOException error) {
                        List<byte[]> now = contents(q);
                        if (sameEntries(now, ifCommitted)) {
                            model = ifCommitted; // the failed call reached its commit point
                        } else {
                            assertThat(sameEntries(now, model)).as("I/O error at write %d (seed %d), step %d: "
                                    + "found %s", k, seed, i, describe(now)).isTrue();
                        }
                    }
                }
                assertThat(sameEntries(contents(q), model)).isTrue();
                q.close();
                FileQueueStorage reopened = new FileQueueStorage(FILE, OPTIONS, store);
                assertThat(sameEntries(contents(reopened), model)).as("reopened after I/O error at write %d", k)
                        .isTrue();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static int dryRunWrites() throws IOException {
        MemoryBlockStore store = new MemoryBlockStore(0);
        FileQueueStorage q = new FileQueueStorage(FILE, OPTIONS, store);
        List<byte[]> model = new ArrayList<>();
        for (int i = 0; i < SCRIPT.length; i++) {
            step(q, model, i);
        }
        return store.writes();
    }

    /** Runs step {@code i} on the queue, then on the model (only when the queue call returned). */
    private static void step(FileQueueStorage q, List<byte[]> model, int i) throws IOException {
        int s = SCRIPT[i];
        if (s > 0) {
            byte[] e = entry(i, s);
            q.append(e);
            model.add(e);
        } else {
            int n = Math.min(-s, model.size());
            q.remove(n);
            model.subList(0, n).clear();
        }
    }

    /** The model as it would be after step {@code i}. */
    private static List<byte[]> applied(List<byte[]> model, int i) {
        List<byte[]> next = new ArrayList<>(model);
        int s = SCRIPT[i];
        if (s > 0) {
            next.add(entry(i, s));
        } else {
            next.subList(0, Math.min(-s, next.size())).clear();
        }
        return next;
    }

    static byte[] entry(int i, int length) {
        byte[] e = new byte[length];
        byte[] label = ("entry-" + i + "|").getBytes(StandardCharsets.US_ASCII);
        for (int j = 0; j < length; j++) {
            e[j] = j < label.length ? label[j] : (byte) (i * 31 + j);
        }
        return e;
    }

    private static List<byte[]> contents(FileQueueStorage q) throws IOException {
        return q.peek(Integer.MAX_VALUE);
    }

    private static boolean sameEntries(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String describe(List<byte[]> entries) {
        List<String> out = new ArrayList<>();
        for (byte[] e : entries) {
            String s = new String(e, StandardCharsets.ISO_8859_1);
            int bar = s.indexOf('|');
            out.add((bar > 0 ? s.substring(0, bar) : "?") + "(" + e.length + ")");
        }
        return out.toString();
    }
}
