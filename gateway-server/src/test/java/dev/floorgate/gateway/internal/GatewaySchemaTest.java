package dev.floorgate.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.sqlite.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gateway.db's numbered schema: a new file is version 2 with every table and index of {@link GatewaySchema}; a
 * file made before versioning (user_version 0, the tables there) is stamped 1 with its rows and migrated to 2
 * (admin actions and failed sign-ins parted by kind); one that lacks a table,
 * or claims a version this code does not know, is refused with a message naming the file and what is wrong, and
 * left as it was. (A real file made by the old gateway: {@code LegacyGatewayDataTest}.)
 */
class GatewaySchemaTest {
    private static final Pattern NAME = Pattern.compile("CREATE (?:UNIQUE )?(TABLE|INDEX) IF NOT EXISTS (\\w+)");

    @TempDir
    Path dir;

    @Test
    void aNewFileIsVersionThreeWithEveryTableAndIndexAndReopeningKeepsTheRows() throws Exception {
        List<String> declared = new ArrayList<>();
        for (String ddl : GatewaySchema.statements()) {
            Matcher m = NAME.matcher(ddl);
            assertThat(m.find()).as(ddl).isTrue();
            declared.add(m.group(1).toLowerCase() + " " + m.group(2));
        }
        assertThat(declared).contains("table devices", "table print_jobs", "table rejected_ops",
                "table admin_audit", "table adopted_printers", "index print_jobs_queue");
        assertThat(declared.stream().filter(d -> d.startsWith("table ")).map(d -> d.substring(6)))
                .as("the baseline names every table of version 1")
                .containsExactlyInAnyOrder(GatewaySchema.TABLES);
        for (String ddl : GatewaySchema.statementsOfVersion2()) {
            Matcher m = NAME.matcher(ddl);
            if (m.find()) {
                declared.add(m.group(1).toLowerCase() + " " + m.group(2));
            }
        }
        declared.remove("table admin_audit"); // version 2 moves its rows and drops it
        assertThat(declared).contains("table admin_actions", "table sign_in_failures");
        for (String ddl : GatewaySchema.statementsOfVersion3()) {
            Matcher m = NAME.matcher(ddl);
            if (m.find()) {
                declared.add(m.group(1).toLowerCase() + " " + m.group(2));
            }
        }
        assertThat(declared).contains("index print_jobs_in_flight");
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            assertThat(db.versionFound()).isZero();
            assertThat(db.read(Schema::userVersion)).isEqualTo(3);
            assertThat(objects(db)).containsExactlyInAnyOrderElementsOf(declared);
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO adopted_printers VALUES ('p1', 'tcp://10.0.0.9:9100', '', 'now', 'admin')");
                }
                return null;
            });
        }
        try (GatewayDatabase again = GatewayDatabase.open(dir)) {
            assertThat(again.versionFound()).as("reopening runs no step").isEqualTo(3);
            assertThat(objects(again)).containsExactlyInAnyOrderElementsOf(declared);
            assertThat(count(again, "adopted_printers")).isEqualTo(1);
        }
    }

    @Test
    void anUnversionedFileWithTheTablesIsStampedVersionOneWithItsRowsThenMigratedToThree() throws Exception {
        try (Connection c = plain(dir.resolve("gateway.db")); Statement s = c.createStatement()) {
            for (String ddl : GatewaySchema.statements()) { // what the gateway did before user_version
                s.execute(ddl);
            }
            s.execute("INSERT INTO adopted_printers VALUES ('p1', 'tcp://10.0.0.9:9100', 'old', 'then', 'admin')");
            s.execute("INSERT INTO admin_audit (at, actor, action, target, detail, status) VALUES "
                    + "('t1', 'admin', 'device.revoke', 'pda-1', NULL, 200), "
                    + "('t2', 'admin-token', 'sign-in', NULL, 'wrong user name or password', 401), "
                    + "('t3', 'admin', 'sign-in', NULL, NULL, 200), "
                    + "('t4', 'admin', 'sign-in', NULL, 'too many wrong passwords', 429)");
            s.execute("INSERT INTO enrollment_codes VALUES ('h1', 'acme', 'SH01', 't', 't9', NULL, NULL), "
                    + "('h2', 'acme', 'SH01', 't', 't9', 't5', 'pda-1')");
        }
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            assertThat(db.versionFound()).isZero();
            assertThat(db.read(Schema::userVersion)).isEqualTo(3);
            assertThat(count(db, "adopted_printers")).isEqualTo(1);
            assertThat(column(db, "SELECT id || ' ' || actor || ' ' || action FROM admin_actions ORDER BY id"))
                    .as("admin actions and good sign-ins move with their ids")
                    .containsExactly("1 admin device.revoke", "3 admin sign-in");
            assertThat(column(db, "SELECT username || ' ' || status || ' ' || source FROM sign_in_failures"))
                    .as("a failed sign-in's typed name is data, no longer an actor")
                    .containsExactly("admin-token 401 before version 2", "admin 429 before version 2");
            assertThat(column(db, "SELECT code_hash || ' ' || COALESCE(device_id, '-') FROM enrollment_codes"))
                    .as("unused SHA-256 codes of version 1 are expired (deleted), used ones stay as history")
                    .containsExactly("h2 -");
            assertThat(db.read(Schema::tables)).doesNotContain("admin_audit");
        }
    }

    @Test
    void anUnversionedFileMissingATableIsRefusedNamingItAndLeftAsItWas() throws Exception {
        try (Connection c = plain(dir.resolve("gateway.db")); Statement s = c.createStatement()) {
            for (String ddl : GatewaySchema.statements()) {
                if (!ddl.contains("print_job_actions")) {
                    s.execute(ddl);
                }
            }
        }
        assertThatThrownBy(() -> GatewayDatabase.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("gateway.db").toString())
                .hasMessageContaining("has no schema version and lacks tables [print_job_actions]")
                .hasMessageContaining("refusing to adopt it");
        try (Connection c = plain(dir.resolve("gateway.db"))) {
            assertThat(Schema.userVersion(c)).isZero();
            assertThat(Schema.tables(c)).doesNotContain("print_job_actions").contains("print_jobs");
        }
    }

    @Test
    void aFileFromANewerGatewayIsRefusedWithBothVersionsAndLeftAsItWas() throws Exception {
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            assertThat(db.read(Schema::userVersion)).isEqualTo(3);
        }
        try (Connection c = plain(dir.resolve("gateway.db")); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 7");
        }
        assertThatThrownBy(() -> GatewayDatabase.open(dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("gateway.db " + dir.resolve("gateway.db"))
                .hasMessageContaining("has schema version 7, newer than this code's 3");
        try (Connection c = plain(dir.resolve("gateway.db")); Statement s = c.createStatement()) {
            assertThat(Schema.userVersion(c)).isEqualTo(7);
            s.execute("PRAGMA user_version = 3");
        }
        try (GatewayDatabase again = GatewayDatabase.open(dir)) {
            assertThat(again.versionFound()).as("the refusal released the lock and left nothing open").isEqualTo(3);
        }
    }

    @Test
    void aVersionTwoFileOfTodaysGatewayGainsTheCounterColumnsEmptyAndKeepsItsJobs() throws Exception {
        try (Connection c = plain(dir.resolve("gateway.db")); Statement s = c.createStatement()) {
            for (String ddl : GatewaySchema.statements()) {
                s.execute(ddl);
            }
            for (String ddl : GatewaySchema.statementsOfVersion2()) {
                s.execute(ddl);
            }
            s.execute("PRAGMA user_version = 2");
            s.execute("INSERT INTO print_jobs (job_id, seq, tenant, printer, data_json, zpl, copies, request_hash, "
                    + "state, attempts, created_at, updated_at, created_by) VALUES ('j1', 1, 'acme', 'p1', '{}', "
                    + "'^XA^XZ', 1, 'h', 'PRINTING', 1, 't', 't', 'admin')");
        }
        try (GatewayDatabase db = GatewayDatabase.open(dir)) {
            assertThat(db.versionFound()).isEqualTo(2);
            assertThat(db.read(Schema::userVersion)).isEqualTo(3);
            assertThat(column(db, "SELECT job_id || ' ' || state || ' ' || COALESCE(counter_start, 'none') || ' ' "
                    + "|| labels_confirmed FROM print_jobs")).as("a job of version 2 is not closed-loop")
                    .containsExactly("j1 PRINTING none 0");
        }
    }

    static Connection plain(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    private static int count(GatewayDatabase db, String table) throws SQLException {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static List<String> column(GatewayDatabase db, String sql) throws SQLException {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private static List<String> objects(GatewayDatabase db) throws Exception {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL "
                            + "AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
            return out;
        });
    }
}
