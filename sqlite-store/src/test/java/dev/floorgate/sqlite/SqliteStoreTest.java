package dev.floorgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {
    @TempDir
    Path dir;

    private static Schema schema() {
        return Schema.builder("test store").step(1, "t", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (x INTEGER)");
            }
        }).build();
    }

    @Test
    void opensWithThePragmasMigratesAndKeepsASecondOpenOut() throws Exception {
        Path file = dir.resolve("sub/a.db");
        try (SqliteStore store = SqliteStore.open(file, "test store", schema(), Durability.FULL)) {
            assertThat(store.versionFound()).isZero();
            assertThat(SqliteFiles.pragma(store.writeConnection(), "journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(SqliteFiles.pragma(store.writeConnection(), "synchronous")).isEqualTo("2"); // FULL
            assertThat(SqliteFiles.pragma(store.writeConnection(), "foreign_keys")).isEqualTo("1");
            assertThat(SqliteFiles.pragma(store.writeConnection(), "busy_timeout")).isEqualTo("5000");
            assertThat(dir.resolve("sub/a.db.lock")).exists();

            assertThatThrownBy(() -> SqliteStore.open(file, "test store", schema(), Durability.FULL))
                    .isInstanceOf(IOException.class).hasMessageContaining("in use")
                    .hasMessageContaining("a.db.lock");
        }
        try (SqliteStore again = SqliteStore.open(file, "test store", schema(), Durability.NORMAL)) {
            assertThat(again.versionFound()).as("lock released by close").isEqualTo(1);
            assertThat(SqliteFiles.pragma(again.writeConnection(), "synchronous")).isEqualTo("1"); // NORMAL
        }
    }

    @Test
    void aNewFileItsLockAndItsWalAreOwnerOnly() throws Exception {
        posixFileSystem(dir);
        Path file = dir.resolve("secret.db");
        try (SqliteStore store = SqliteStore.open(file, "test store", schema(), Durability.FULL);
                Statement s = store.writeConnection().createStatement()) {
            s.execute("INSERT INTO t VALUES (1)");
            for (String name : new String[] {"secret.db", "secret.db.lock", "secret.db-wal", "secret.db-shm"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name))))
                        .as(name).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anExistingFilesModeIsLeftToItsOwner() throws Exception {
        posixFileSystem(dir);
        Path file = dir.resolve("shared.db");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        try (SqliteStore store = SqliteStore.open(file, "test store", schema(), Durability.FULL)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        }
    }

    @Test
    void aRefusedFileLeavesNothingOpen() throws Exception {
        Path file = dir.resolve("b.db");
        Schema two = Schema.builder("test store").step(1, "t", c -> { }).step(2, "u", c -> { }).build();
        try (SqliteStore store = SqliteStore.open(file, "test store", two, Durability.FULL)) {
            assertThat(store.versionFound()).isZero();
        }
        assertThatThrownBy(() -> SqliteStore.open(file, "test store", schema(), Durability.FULL))
                .isInstanceOf(IOException.class).hasMessageContaining("newer");
        try (SqliteStore store = SqliteStore.open(file, "test store", two, Durability.FULL)) {
            assertThat(store.versionFound()).as("lock was released after the refusal").isEqualTo(2);
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
