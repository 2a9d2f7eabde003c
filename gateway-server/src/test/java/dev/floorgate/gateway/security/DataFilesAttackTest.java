package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 6c, files: another local user (or a backup job running as one) could read the admin password
 * hash, the device token hashes, the outbox, the cached orders and the site CA key, because the data folder was
 * 0755 and its files 0644. A real gateway (HTTPS on, so the TLS keys are made too) now leaves nothing in its data
 * folder that the group or others may read, and a folder left wide open by an older gateway is closed at start.
 */
class DataFilesAttackTest {
    @TempDir
    Path tmp;

    private static List<String> notOwnerOnly(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> {
                try {
                    String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                    return !mode.endsWith("------");
                } catch (java.nio.file.NoSuchFileException e) {
                    return false;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(p -> p + " " + modeOf(p)).collect(Collectors.toList());
        }
    }

    private static String modeOf(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (java.io.IOException e) {
            return "gone";
        }
    }

    @Test
    void aNewGatewaysDataFolderIsOwnerOnly() throws Exception {
        posixFileSystem(tmp);
        Path dataDir = tmp.resolve("data");
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true))) {
            gateway.enroll("pda-files", "acme", "WH1"); // writes gateway.db (and its WAL)
            assertThat(Files.list(dataDir).map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .contains("gateway.db", "gateway.db.lock", "tls");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            assertThat(notOwnerOnly(dataDir)).isEmpty();
        }
    }

    @Test
    void aWorldReadableFolderFromAnOlderGatewayIsClosedAtStart() throws Exception {
        posixFileSystem(tmp);
        Path dataDir = tmp.resolve("data");
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true))) {
            gateway.enroll("pda-files", "acme", "WH1");
        }
        // what an older gateway (umask 022) left behind
        try (Stream<Path> all = Files.walk(dataDir)) {
            for (Path p : all.collect(Collectors.toList())) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.writeString(dataDir.resolve("notes.txt"), "left by site IT");
        Files.setPosixFilePermissions(dataDir.resolve("notes.txt"), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(notOwnerOnly(dataDir)).isNotEmpty();

        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true))) {
            assertThat(gateway.get("/health", null).statusCode()).isEqualTo(200);
            assertThat(notOwnerOnly(dataDir)).isEmpty();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("tls"))))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("notes.txt"))))
                    .isEqualTo("rw-------");
        }
    }

    /**
     * The gateway runs on Debian, where data files are owner-only by their POSIX mode; a test machine without POSIX
     * permissions would leave that promise unchecked, so it fails here instead of being skipped.
     */
    private static void posixFileSystem(Path folder) {
        assertThat(folder.getFileSystem().supportedFileAttributeViews()).as("POSIX permissions on " + folder)
                .contains("posix");
    }
}
