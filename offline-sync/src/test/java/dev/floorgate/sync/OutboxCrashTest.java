package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 1: an acknowledged operation survives {@code kill -9}. A child JVM appends in a loop and prints each
 * opId after its future completed; it is killed with SIGKILL at different moments (before the first commit, early,
 * mid-burst, after a checkpoint's worth of pages), each time reopening the file the previous crash left behind.
 * After each kill every printed opId must be in the outbox, exactly once, and the file must pass
 * {@code PRAGMA integrity_check}.
 */
class OutboxCrashTest {
    static final int READY_BYTES = "READY\n".length();
    static final int ACK_LINE_BYTES = "ACK 0190f5c2-0000-7000-8000-000000000000\n".length();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedOperationSurvivesSigkillAtAnyMoment() throws Exception {
        Path file = dir.resolve("outbox.db");
        int[] killAfterAcks = {0, 40, 700, 3000, 151};
        long totalAcked = 0;
        for (int round = 0; round < killAfterAcks.length; round++) {
            Set<String> acked = runAndKill(file, killAfterAcks[round], round);
            totalAcked += acked.size();

            assertThat(Ops.integrityCheck(file)).as("round %d", round).isEqualTo("ok");
            assertThat(Ops.count(file, "SELECT COUNT(*) - COUNT(DISTINCT op_id) FROM operations")).isZero();
            try (Outbox outbox = Outbox.open(file, new DiskGuard(dir, 0))) {
                List<String> missing = new ArrayList<>();
                for (String opId : acked) {
                    if (outbox.find(opId).isEmpty()) {
                        missing.add(opId);
                    }
                }
                assertThat(missing).as("acknowledged before kill %d but missing after", round).isEmpty();
            }
        }
        long rows = Ops.count(file, "SELECT COUNT(*) FROM operations");
        System.out.printf("crash test: %d kills, %d acknowledged opIds printed, %d rows in the outbox%n",
                killAfterAcks.length, totalAcked, rows);
        assertThat(rows).isGreaterThanOrEqualTo(Ops.count(file, "SELECT COUNT(DISTINCT op_id) FROM operations"));
    }

    /**
     * Starts the child, kills it with SIGKILL once it has printed {@code killAfter} acknowledgements, and returns
     * every opId it printed. Its stdout goes to a file: the kernel keeps what was written before the kill.
     */
    private Set<String> runAndKill(Path file, int killAfter, int round) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), OutboxCrashChild.class.getName(), file.toString(), "8");
        Path stdout = dir.resolve("child-" + round + ".out");
        Path stderr = dir.resolve("child-" + round + ".err");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process child = pb.start();
        long wanted = READY_BYTES + (long) ACK_LINE_BYTES * killAfter;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.size(stdout) < wanted && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(child.isAlive()).as("child alive before the kill (stderr in %s)", stderr).isTrue();
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close, no flush
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL

        Set<String> acked = new LinkedHashSet<>(); // a resent opId is printed again
        int lines = 0;
        for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
            if (line.startsWith("ACK ") && line.length() == ACK_LINE_BYTES - 1) {
                acked.add(line.substring(4));
                lines++;
            }
        }
        assertThat(lines).isGreaterThanOrEqualTo(killAfter);
        return acked;
    }
}
