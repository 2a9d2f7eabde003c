package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's Flyway migrations (db/migration, and db/tenant for every tenant schema) are never edited once released:
 * Flyway keeps each applied migration's checksum and refuses to start a core whose migration text changed since
 * ("Migration checksum mismatch"), so an edited comment alone would stop every deployed core at its next start. A
 * change goes into a new migration. src/test/resources/released-migrations.sha256 pins each file's SHA-256; a new
 * migration is added to it in the same change ({@code cd src/main/resources && sha256sum db/migration/*.sql
 * db/tenant/*.sql}), which makes that file released from then on.
 */
class ReleasedMigrationsTest {
    private static final Path RESOURCES = Paths.get("src", "main", "resources");

    @Test
    void noReleasedMigrationChangedAndEveryMigrationIsPinned() throws Exception {
        Map<String, String> pinned = new TreeMap<>();
        try (InputStream in = ReleasedMigrationsTest.class.getResourceAsStream("/released-migrations.sha256")) {
            assertThat(in).as("released-migrations.sha256 on the test classpath").isNotNull();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] parts = line.trim().split("\\s+", 2);
                    pinned.put(parts[1], parts[0]);
                }
            }
        }
        Map<String, String> actual = new TreeMap<>();
        for (String dir : List.of("db/migration", "db/tenant")) {
            try (Stream<Path> files = Files.list(RESOURCES.resolve(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                    actual.put(dir + "/" + f.getFileName(), sha256(f));
                }
            }
        }
        assertThat(actual).as("the migrations found under " + RESOURCES.toAbsolutePath()).isNotEmpty();
        List<String> problems = new ArrayList<>();
        actual.forEach((file, hash) -> {
            String was = pinned.get(file);
            if (was == null) {
                problems.add(file + " is new: add its line (" + hash + "  " + file + ") to "
                        + "released-migrations.sha256 in the same change");
            } else if (!was.equals(hash)) {
                problems.add(file + " changed after it was released (SHA-256 " + was + " -> " + hash + "): Flyway "
                        + "refuses a deployed core whose applied migration changed; undo the edit and add a new "
                        + "migration instead");
            }
        });
        pinned.keySet().stream().filter(f -> !actual.containsKey(f)).forEach(f -> problems.add(f
                + " was released and is gone: a deployed core's history names it; keep it"));
        assertThat(problems).isEmpty();
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
