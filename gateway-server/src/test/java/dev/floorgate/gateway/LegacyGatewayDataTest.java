package dev.floorgate.gateway;

import static dev.floorgate.gateway.PrintTesting.assertStatus;
import static dev.floorgate.gateway.PrintTesting.awaitState;
import static dev.floorgate.gateway.PrintTesting.binJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.gateway.internal.GatewayDatabase;
import dev.floorgate.sqlite.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrade from a real gateway.db written by the pre-redesign gateway (commit 3ea5e35, before gateway.db had a schema
 * version), made through its HTTP API as {@code gateway-server/src/test/resources/legacy/README.md} tells: the file
 * is stamped version 1 without a changed row or schema object, and today's gateway runs on it: the old device token
 * authenticates (the revoked one does not), the admin's changed password signs in, the operator is still signed
 * in, the open rejection is still open, the held and queued jobs print once the printer is there, the maybe-printed
 * one waits for a person, and the file takes new writes. Old files it cannot trust are refused with a clear message.
 */
class LegacyGatewayDataTest {
    static final String FIXTURE = "/legacy/gateway-3ea5e35.db";
    static final String DEVICE_TOKEN = "fgd_tPcWUQEtwQ0H9Th3JqbO7hf2mVkc2YYSn_UEb1dUZl0";
    static final String REVOKED_TOKEN = "fgd_WVXRa3jr91bDxBPiHWqB8gf8xpNE5X1uwHTBil2dZuY";
    static final String ADMIN_PASSWORD = "legacy-Passw0rd-2026";
    private static final String PRINTER_OPTIONS = "?statusTimeout=1s&pollInterval=0&reconnectMin=50ms"
            + "&reconnectMax=200ms";

    @TempDir
    Path dir;

    @Test
    void theOldFileIsStampedVersionOneThenMigratedToThreeWithEveryRowAndTheSchemaOfANewFile() throws Exception {
        Path data = copyFixture(dir.resolve("data"));
        Map<String, List<List<Object>>> rowsBefore;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("gateway.db"));
                Statement s = c.createStatement()) {
            assertThat(Schema.userVersion(c)).as("the old gateway had no schema version").isZero();
            // a failed sign-in as the old gateway recorded it: the typed name (forged) as the actor
            s.execute("INSERT INTO admin_audit (at, actor, action, target, detail, status) VALUES "
                    + "('2026-12-05T06:49:00Z', 'admin-token', 'sign-in', NULL, 'wrong user name or password', 401)");
            rowsBefore = rows(c);
        }
        assertThat(rowsBefore).extractingByKeys("devices", "enrollment_codes", "operator_sessions", "admin_users",
                "admin_sessions", "admin_audit", "rejected_ops", "adopted_printers", "print_jobs", "print_job_actions")
                .extracting(List::size).containsExactly(2, 3, 1, 1, 2, 14, 2, 1, 12, 2);

        List<List<Object>> schemaAfter;
        try (GatewayDatabase db = GatewayDatabase.open(data)) {
            assertThat(db.versionFound()).isZero();
            assertThat(db.read(Schema::userVersion)).isEqualTo(3);
            Map<String, List<List<Object>>> after = db.read(LegacyGatewayDataTest::rows);
            for (String table : List.of("devices", "operator_sessions", "admin_users", "admin_sessions",
                    "rejected_ops", "adopted_printers", "print_job_actions")) {
                assertThat(after.get(table)).as("every row, every value of " + table).isEqualTo(rowsBefore.get(table));
            }
            List<List<Object>> jobsBefore = rowsBefore.get("print_jobs");
            List<List<Object>> jobsAfter = after.get("print_jobs");
            assertThat(jobsAfter).hasSameSizeAs(jobsBefore);
            for (int i = 0; i < jobsBefore.size(); i++) {
                int width = jobsBefore.get(i).size();
                assertThat(jobsAfter.get(i).subList(0, width)).as("every value of print job row " + i)
                        .isEqualTo(jobsBefore.get(i));
                assertThat(jobsAfter.get(i).subList(width, jobsAfter.get(i).size()))
                        .as("version 3's counter columns, empty: labels, counter_start, counter_serial, "
                                + "labels_confirmed, sent_at").containsExactly(null, null, null, 0, null);
            }
            assertThat(after).doesNotContainKey("admin_audit");
            assertThat(after.get("admin_actions")).as("the 13 admin actions and good sign-ins, ids and values kept")
                    .isEqualTo(rowsBefore.get("admin_audit").subList(0, 13));
            assertThat(after.get("sign_in_failures")).as("the failed sign-in moved, its typed name as data")
                    .containsExactly(List.of(1, "2026-12-05T06:49:00Z", "before version 2", "admin-token",
                            "wrong user name or password", 401));
            List<List<Object>> usedCodes = new ArrayList<>();
            for (List<Object> code : rowsBefore.get("enrollment_codes")) {
                if (code.get(5) != null) {
                    List<Object> withDevice = new ArrayList<>(code);
                    withDevice.add(null);
                    usedCodes.add(withDevice);
                }
            }
            assertThat(after.get("enrollment_codes")).as("the unused SHA-256 code is expired (deleted); the used "
                    + "ones stay, issued for no device id").hasSize(2).isEqualTo(usedCodes);
            schemaAfter = db.read(LegacyGatewayDataTest::schemaObjects);
        }
        try (GatewayDatabase fresh = GatewayDatabase.open(dir.resolve("fresh"))) {
            assertThat(fresh.read(LegacyGatewayDataTest::schemaObjects))
                    .as("a new file has the migrated file's tables, columns and indexes, statement for statement")
                    .isEqualTo(schemaAfter);
        }
        try (GatewayDatabase again = GatewayDatabase.open(data)) {
            assertThat(again.versionFound()).as("reopening runs no step").isEqualTo(3);
            assertThat(again.read(LegacyGatewayDataTest::rows).get("admin_actions")).hasSize(13);
        }
    }

    @Test
    void todaysGatewayRunsOnTheOldFileAndItTakesNewWrites() throws Exception {
        Path data = copyFixture(dir.resolve("data"));
        Path labels = dir.resolve("labels");
        try (PrinterSimulator printer = PrinterSimulator.builder().captureDir(labels).start();
                PrinterSimulator slow = PrinterSimulator.builder().captureDir(dir.resolve("slow-labels")).start()) {
            try (TestGateway gateway = new TestGateway(data, Map.of(
                    "fg.printers.pack-1.url", "tcp://127.0.0.1:" + printer.port() + PRINTER_OPTIONS,
                    "fg.printers.slow-1.url", "tcp://127.0.0.1:" + slow.port() + PRINTER_OPTIONS,
                    "fg.print.hold-poll-interval", "100ms",
                    "fg.print.retention", "36500d"))) { // the fixture's finished jobs stay, whatever today's date
                String admin = TestGateway.ADMIN_TOKEN;
                assertStatus(gateway.get("/api/v1/print-jobs/legacy-maybe-2", REVOKED_TOKEN), 401);
                HttpResponse<String> context = gateway.get("/api/v1/pick/context", DEVICE_TOKEN);
                assertStatus(context, 200);
                assertThat(context.body()).contains("\"deviceId\":\"pda-legacy-1\"").contains("\"operator\":\"OP-0042\"");
                String rejections = gateway.get("/api/v1/pick/rejections", DEVICE_TOKEN).body();
                assertThat(rejections).contains("0190f5c2-7b1a-7c3e-8f00-00000000a002")
                        .doesNotContain("0190f5c2-7b1a-7c3e-8f00-00000000a001");

                assertStatus(gateway.post("/api/v1/admin/login", null,
                        "{\"username\":\"admin\",\"password\":\"floorgate\"}"), 401);
                HttpResponse<String> login = gateway.post("/api/v1/admin/login", null,
                        "{\"username\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}");
                assertStatus(login, 200);
                assertThat(login.body()).contains("\"mustChangePassword\":false");
                assertThat(gateway.get("/api/v1/devices", admin).body()).contains("adopted-1");

                // pack-1 is back with paper: its held job goes out, then the one queued behind it, once each
                String held = awaitState(gateway, DEVICE_TOKEN, "legacy-held-2", "PRINTED");
                assertThat(held).contains("\"attempts\":2");
                awaitState(gateway, DEVICE_TOKEN, "legacy-queued-2", "PRINTED");
                assertThat(printer.awaitPrinted(2, Duration.ofSeconds(10))).isTrue();
                assertThat(new String(printer.received(), java.nio.charset.StandardCharsets.US_ASCII))
                        .contains("^FDHeld^FS").contains("^FDQueued^FS").doesNotContain("Maybe printed");
                String maybe = gateway.get("/api/v1/print-jobs/legacy-maybe-2", DEVICE_TOKEN).body();
                assertThat(slow.labelCount()).as("a maybe-printed job is not sent again by itself").isZero();
                assertThat(maybe).contains("\"state\":\"MAYBE_PRINTED\"").contains("\"fault\":\"send failed\"");
                String discarded = gateway.get("/api/v1/print-jobs/legacy-discarded-2", admin).body();
                assertThat(discarded).contains("\"state\":\"FAILED\"").contains("\"reason\":\"wrong label\"");
                assertThat(gateway.get("/api/v1/print-jobs?state=PRINTED&limit=100", admin).body())
                        .contains("legacy-printed-1", "legacy-template-1", "legacy-marked-2");

                // new writes on the old file
                assertStatus(gateway.post("/api/v1/print-jobs", DEVICE_TOKEN, binJob("after-upgrade-1", "pack-1",
                        "B-02-01")), 202);
                awaitState(gateway, DEVICE_TOKEN, "after-upgrade-1", "PRINTED");
                String newToken = gateway.enroll("pda-after-upgrade", "acme", "SH01");
                assertStatus(gateway.get("/api/v1/pick/context", newToken), 200);
                assertThat(gateway.post("/api/v1/print-jobs/legacy-maybe-2/reprint", admin,
                        "{\"reason\":\"no label on the parcel\"}").body()).contains("\"state\":\"QUEUED\"");
                awaitState(gateway, DEVICE_TOKEN, "legacy-maybe-2", "PRINTED");
                assertThat(slow.awaitPrinted(1, Duration.ofSeconds(10))).isTrue();
                assertThat(slow.labelCount()).as("reprinted once, by a person").isEqualTo(1);
            }
        }
        try (GatewayDatabase reopened = GatewayDatabase.open(data)) {
            assertThat(reopened.versionFound()).isEqualTo(3);
            Map<String, List<List<Object>>> rows = reopened.read(LegacyGatewayDataTest::rows);
            assertThat(rows.get("print_jobs")).hasSize(13);
            assertThat(rows.get("devices")).hasSize(3);
            assertThat(rows.get("print_job_actions")).hasSize(3);
        }
    }

    @Test
    void anOldFileMissingATableIsRefusedNamingIt() throws Exception {
        Path data = copyFixture(dir.resolve("data"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("gateway.db"));
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE adopted_printers");
        }
        assertThatThrownBy(() -> GatewayDatabase.open(data)).isInstanceOf(IOException.class)
                .hasMessageContaining(data.resolve("gateway.db").toString())
                .hasMessageContaining("has no schema version and lacks tables [adopted_printers] of version 1");
        assertThatThrownBy(() -> new TestGateway(data, Map.of()).close())
                .as("the gateway does not start on it, and says why")
                .hasStackTraceContaining("lacks tables [adopted_printers]");
    }

    @Test
    void aFileClaimingANewerVersionIsRefusedUntouched() throws Exception {
        Path data = copyFixture(dir.resolve("data"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("gateway.db"));
                Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 4");
        }
        assertThatThrownBy(() -> GatewayDatabase.open(data)).isInstanceOf(IOException.class)
                .hasMessageContaining("has schema version 4, newer than this code's 3; refusing to open it");
        assertThatThrownBy(() -> new TestGateway(data, Map.of()).close())
                .hasStackTraceContaining("has schema version 4, newer than this code's 3");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("gateway.db"))) {
            assertThat(Schema.userVersion(c)).isEqualTo(4);
            assertThat(rows(c).get("print_jobs")).hasSize(12);
        }
    }

    private static Path copyFixture(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        try (InputStream in = LegacyGatewayDataTest.class.getResourceAsStream(FIXTURE)) {
            assertThat(in).as(FIXTURE).isNotNull();
            Files.copy(in, dataDir.resolve("gateway.db"));
        }
        return dataDir;
    }

    /** Every row of every table (sqlite_sequence included), in rowid order, as the driver returns its values. */
    static Map<String, List<List<Object>>> rows(Connection c) throws SQLException {
        Map<String, List<List<Object>>> out = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        for (String table : tables) {
            List<List<Object>> rows = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            out.put(table, rows);
        }
        return out;
    }

    /** Every table and index: type, name, table and the statement that made it. */
    static List<List<Object>> schemaObjects(Connection c) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")) {
            while (rs.next()) {
                out.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? "(automatic)" : rs.getString(4)));
            }
        }
        return out;
    }
}
