package dev.floorgate.testing;

import dev.floorgate.sqlite.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pins what each released step of a SQLite {@link Schema} makes, so a step is never edited once released (Schema's
 * contract): a gateway whose file is already past that step never runs it again, so an edit would leave deployed
 * files and new ones with different tables. For each version n the schema's first n steps run on a new file, and
 * the SHA-256 of its {@code sqlite_master} (type, name, table and SQL of every table, index, view and trigger) is
 * compared with the line {@code <sha256>  <what> v<n>} of the module's pin file. A version with no line is new and
 * is reported with the line to add (in the same change, which releases it). An upgrade of SQLite that stores a
 * statement's text differently would show here too: check that nothing else changed, then pin again.
 */
public final class SchemaPins {
    private SchemaPins() {
    }

    /**
     * The problems found, empty when every step of every schema matches its pin: an edited released step, a new
     * step to pin, or a pinned step that is gone.
     *
     * @param pinResource the pin file on the test class path, e.g. {@code /released-schemas.sha256}
     */
    public static List<String> check(Class<?> test, String pinResource, Path dir, Schema... schemas)
            throws IOException, SQLException {
        Map<String, String> pinned = new LinkedHashMap<>();
        try (InputStream in = test.getResourceAsStream(pinResource)) {
            if (in == null) {
                throw new IOException("no pin file " + pinResource + " on the test class path of " + test.getName());
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    String[] parts = line.trim().split("\\s+", 2);
                    pinned.put(parts[1], parts[0]);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Schema schema : schemas) {
            for (int n = 1; n <= schema.latest(); n++) {
                actual.put(schema.what() + " v" + n, made(schema.upTo(n), dir.resolve(schema.what().replace(' ', '-')
                        + "-v" + n + ".db")));
            }
        }
        actual.forEach((step, hash) -> {
            String was = pinned.get(step);
            if (was == null) {
                problems.add(step + " is new: add the line '" + hash + "  " + step + "' to " + pinResource
                        + " in the same change");
            } else if (!was.equals(hash)) {
                problems.add(step + " makes other tables than when it was released (sqlite_master SHA-256 " + was
                        + " -> " + hash + "): files already past it keep the old ones; undo the edit and add a new "
                        + "step instead");
            }
        });
        pinned.keySet().stream().filter(s -> !actual.containsKey(s)).forEach(s -> problems.add(s + " was released "
                + "and is gone: deployed files are at that version; keep the step"));
        return problems;
    }

    /** The SHA-256 of what the schema makes in a new file. */
    private static String made(Schema schema, Path file) throws IOException, SQLException {
        Files.deleteIfExists(file);
        StringBuilder master = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            schema.migrate(c, file);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql "
                    + "FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
                while (rs.next()) {
                    master.append(rs.getString(1)).append('\t').append(rs.getString(2)).append('\t')
                            .append(rs.getString(3)).append('\t').append(rs.getString(4)).append('\n');
                }
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(master.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
