package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of appends: a child JVM ({@link QueueAppenderMain}) appends and removes in a loop and
 * prints each call after it returned; it is killed with SIGKILL at a random moment. Reopened, the file must hold
 * exactly what the printed calls left, or that plus the one call in flight, in order, and stay usable. Three
 * rounds on the same file.
 */
class FileQueueStorageKillTest {
    private static final Pattern PROTOCOL_LINE = Pattern.compile("(A \\d+|R 5) ok");

    @TempDir
    Path dir;

    @Test
    void aQueueKilledMidAppendHoldsExactlyTheCommittedEntries() throws Exception {
        File file = dir.resolve("killed.queue").toFile();
        List<String> expected = new ArrayList<>(); // what the file held before the round
        for (int round = 0; round < 3; round++) {
            long first = round * 1_000_000L;
            List<String> lines = runAndKill(file, first, 40 + round * 60);
            assertThat(lines.get(0)).isEqualTo("ready " + expected.size() + " ok");

            // Replay the printed (committed) calls on the model.
            List<String> model = new ArrayList<>(expected);
            List<String> foreign = new ArrayList<>();
            long lastAppended = first - 1;
            for (String line : lines.subList(1, lines.size())) {
                if (!PROTOCOL_LINE.matcher(line).matches()) {
                    foreign.add(line); // a line cut by the kill (the call in flight), or not the child's own
                    continue;
                }
                if (line.startsWith("A ")) {
                    lastAppended = Long.parseLong(line.substring(2, line.length() - 3));
                    model.add("entry-" + lastAppended);
                } else if (line.startsWith("R 5")) {
                    model.subList(0, 5).clear();
                }
            }
            assertThat(lastAppended - first).as("appends in round %d", round).isGreaterThanOrEqualTo(30);
            if (!foreign.isEmpty()) { // only the very last line may be cut short by the kill
                assertThat(foreign).containsExactly(lines.get(lines.size() - 1));
            }

            List<String> found;
            try (FileQueueStorage q = new FileQueueStorage(file)) {
                found = strings(q.peek(Integer.MAX_VALUE));
                assertThat(q.size()).isEqualTo(found.size());
            }
            // The call in flight: the next append, or the removal that follows every tenth append.
            List<String> nextAppend = new ArrayList<>(model);
            nextAppend.add("entry-" + (lastAppended + 1));
            List<String> nextRemove = new ArrayList<>(model);
            if (lastAppended % 10 == 9 && nextRemove.size() >= 5) {
                nextRemove.subList(0, 5).clear();
            }
            assertThat(found.equals(model) || found.equals(nextAppend) || found.equals(nextRemove))
                    .as("round %d after %d printed calls: found %s, committed %s; other lines %s", round,
                            lines.size() - 1, tail(found), tail(model), foreign)
                    .isTrue();
            expected = found;
        }
        try (FileQueueStorage q = new FileQueueStorage(file)) {
            q.append("after the kills".getBytes(StandardCharsets.UTF_8));
            List<String> all = strings(q.peek(Integer.MAX_VALUE));
            assertThat(all).hasSize(expected.size() + 1).endsWith("after the kills");
            q.remove(q.size());
            assertThat(q.size()).isZero();
        }
    }

    /**
     * Starts the child, SIGKILLs it once it printed {@code minLines} lines (plus a random few milliseconds), and
     * returns all it printed. Killed through its {@link ProcessHandle}: {@link Process#destroyForcibly()} also
     * closes our end of its stdout, which would throw away lines still in the pipe.
     */
    private static List<String> runAndKill(File file, long first, int minLines) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        // JVM warnings go to stdout by default: send them to stderr, stdout carries only the child's lines
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-cp", System.getProperty("java.class.path"), QueueAppenderMain.class.getName(),
                file.getPath(), Long.toString(first))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                lines.add("reader failed: " + e);
            }
        });
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.size() < minLines && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(2);
            }
            assertThat(lines).as("child printed too little before the kill").hasSizeGreaterThanOrEqualTo(minLines);
            Thread.sleep(ThreadLocalRandom.current().nextInt(20));
            assertThat(p.isAlive()).as("child still appending when killed").isTrue();
        } finally {
            p.toHandle().destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(30_000);
        }
        assertThat(reader.isAlive()).isFalse();
        assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return new ArrayList<>(lines);
    }

    private static String tail(List<String> entries) {
        int from = Math.max(0, entries.size() - 4);
        return entries.size() + " entries ending " + entries.subList(from, entries.size());
    }

    private static List<String> strings(List<byte[]> entries) {
        List<String> out = new ArrayList<>();
        for (byte[] e : entries) {
            out.add(new String(e, StandardCharsets.UTF_8));
        }
        return out;
    }
}
