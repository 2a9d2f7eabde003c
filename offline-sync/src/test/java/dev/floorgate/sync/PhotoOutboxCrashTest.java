package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An added photo survives {@code kill -9} (issue 17): a child JVM adds photos in a loop and prints each after
 * {@code add} returned; it is killed with SIGKILL at different moments, each time on the folder the previous crash
 * left. After each kill every printed photo is a PENDING row whose file holds bytes with its SHA-256, no temp file
 * is left after reopen, and every file left is one a row needs.
 */
class PhotoOutboxCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyAddedPhotoSurvivesSigkillAndNothingUnneededIsLeft() throws Exception {
        Path photosDir = dir.resolve("photos");
        int[] killAfterAcks = {0, 7, 40, 3};
        int total = 0;
        for (int round = 0; round < killAfterAcks.length; round++) {
            Map<Long, String> acked = runAndKill(photosDir, killAfterAcks[round], round);
            total += acked.size();
            assertThat(Ops.integrityCheck(photosDir.resolve("photos.db"))).isEqualTo("ok");
            try (PhotoOutbox photos = PhotoOutbox.open(photosDir, new DiskGuard(dir, 0),
                    PhotoOptions.builder().diskFloorBytes(0).build())) {
                for (Map.Entry<Long, String> e : acked.entrySet()) {
                    StoredPhoto p = photos.find(e.getKey());
                    assertThat(p).as("photo %d acknowledged before kill %d", e.getKey(), round).isNotNull();
                    assertThat(p.state()).isEqualTo(PhotoState.PENDING);
                    assertThat(p.sha256()).isEqualTo(e.getValue());
                    assertThat(Jpegs.sha256(Files.readAllBytes(photos.fileOf(p.sha256())))).isEqualTo(p.sha256());
                }
                Set<String> rowShas = new HashSet<>();
                for (StoredPhoto p : photos.pending(0, Integer.MAX_VALUE)) {
                    rowShas.add(p.sha256() + ".jpg");
                }
                Set<String> left;
                try (Stream<Path> s = Files.list(photosDir.resolve("files"))) {
                    left = s.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
                }
                assertThat(left).as("files after reopen %d", round).isEqualTo(rowShas);
                assertThat(photos.stats().missingFiles()).isZero();
            }
        }
        System.out.printf("photo crash test: %d kills, %d acknowledged photos%n", killAfterAcks.length, total);
    }

    private Map<Long, String> runAndKill(Path photosDir, int killAfter, int round) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), PhotoOutboxCrashChild.class.getName(),
                photosDir.toString(), Long.toString(round * 10_000_000L));
        Path stdout = dir.resolve("child-" + round + ".out");
        Path stderr = dir.resolve("child-" + round + ".err");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process child = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (acks(stdout).size() < killAfter && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        if (killAfter == 0) {
            while (!Files.readString(stdout).startsWith("READY") && child.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
        }
        assertThat(child.isAlive()).as("child alive before the kill (stderr in %s)", stderr).isTrue();
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        Map<Long, String> acked = acks(stdout);
        assertThat(acked.size()).isGreaterThanOrEqualTo(killAfter);
        return acked;
    }

    /** Complete ACK lines only (a line cut by the kill is not an acknowledgement). */
    private static Map<Long, String> acks(Path stdout) throws Exception {
        Map<Long, String> out = new LinkedHashMap<>();
        String text = Files.readString(stdout, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return out;
        }
        for (String line : text.substring(0, end).split("\n")) {
            String[] f = line.split(" ");
            if (f.length == 3 && f[0].equals("ACK") && f[2].length() == 64) {
                out.put(Long.parseLong(f[1]), f[2]);
            }
        }
        return out;
    }
}
