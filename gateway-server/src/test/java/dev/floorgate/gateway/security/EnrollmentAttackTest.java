package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.GatewayDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 6a, replayed on a real gateway: a fresh enrollment code taking over an enrolled (or revoked)
 * device id, unthrottled code guessing, refusals that tell unknown / used / expired apart, unchecked ttlMinutes,
 * and codes stored as an unsalted SHA-256.
 */
class EnrollmentAttackTest {
    static final String ADMIN = TestGateway.ADMIN_TOKEN;

    @TempDir
    Path dataDir;
    TestGateway gateway;

    @BeforeEach
    void start() {
        gateway = new TestGateway(dataDir, Map.of());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    String code(String extra) throws Exception {
        HttpResponse<String> r = gateway.post("/api/v1/admin/enrollment-codes", ADMIN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"" + extra + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestGateway.field(r.body(), "code");
    }

    HttpResponse<String> enroll(String code, String deviceId) throws Exception {
        return gateway.post("/api/v1/devices/enroll", null, "{\"code\":\"" + code + "\",\"deviceId\":\"" + deviceId
                + "\"}");
    }

    @Test
    void aFreshGenericCodeCannotTakeOverAnEnrolledDeviceIdOnlyACodeIssuedForItCan() throws Exception {
        String victim = gateway.enroll("pda-1", "acme", "SH01");
        String generic = code("");
        HttpResponse<String> takeover = enroll(generic, "pda-1");
        assertThat(takeover.statusCode()).as(takeover.body()).isEqualTo(409);
        assertThat(takeover.body()).contains("DEVICE_ID_TAKEN").contains("code issued for that device id");
        assertThat(gateway.get("/api/v1/pick/context", victim).statusCode()).as("the victim's token still works")
                .isEqualTo(200);
        assertThat(enroll(generic, "pda-2").statusCode()).as("the refused attempt did not spend the code")
                .isEqualTo(200);

        String forOther = code(",\"deviceId\":\"pda-3\"");
        assertThat(enroll(forOther, "pda-1").statusCode()).as("a code for pda-3 does not enroll pda-1")
                .isEqualTo(403);
        HttpResponse<String> page = gateway.post("/api/v1/admin/enrollment", ADMIN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"deviceId\":\"pda-1\"}"); // the admin page's path
        assertThat(page.statusCode()).as(page.body()).isEqualTo(201);
        String forPda1 = TestGateway.field(page.body(), "code");
        HttpResponse<String> again = enroll(forPda1, "pda-1");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/pick/context", victim).statusCode()).as("site IT re-enrolled it: old token dead")
                .isEqualTo(401);
        assertThat(gateway.get("/api/v1/pick/context", TestGateway.field(again.body(), "token")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRevokedDeviceIsNotUnRevokedByEnrollment() throws Exception {
        String token = gateway.enroll("pda-9", "acme", "SH01");
        assertThat(gateway.post("/api/v1/admin/devices/pda-9/revoke", ADMIN, "{}").statusCode()).isEqualTo(200);
        for (String code : new String[] {code(""), code(",\"deviceId\":\"pda-9\"")}) {
            HttpResponse<String> r = enroll(code, "pda-9");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
            assertThat(r.body()).contains("revoked");
        }
        assertThat(gateway.get("/api/v1/pick/context", token).statusCode()).isEqualTo(401);
        assertThat(gateway.get("/api/v1/admin/devices", ADMIN).body()).containsPattern(
                "\"deviceId\":\"pda-9\"[^}]*\"revokedAt\":\"20");
    }

    @Test
    void unknownUsedAndExpiredCodesGetOneRefusalAndGuessingFromOneAddressIsThrottled() throws Exception {
        String used = code("");
        assertThat(enroll(used, "pda-1").statusCode()).isEqualTo(200);
        String expired = code(",\"ttlMinutes\":1");
        gateway.context().getBean(GatewayDatabase.class).inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE enrollment_codes SET expires_at = '2020-01-01T00:00:00Z' "
                        + "WHERE used_at IS NULL");
            }
        });
        HttpResponse<String> a = enroll("ZZZZZ-ZZZZZ", "pda-2");
        HttpResponse<String> b = enroll(used, "pda-2");
        HttpResponse<String> c = enroll(expired, "pda-2");
        assertThat(List.of(a.statusCode(), b.statusCode(), c.statusCode())).containsOnly(403);
        assertThat(a.body()).contains("ENROLLMENT_REFUSED").isEqualTo(b.body()).isEqualTo(c.body());

        int throttled = 0;
        for (int i = 0; i < 12; i++) { // 3 failures so far: 7 more reach the limit of 10
            HttpResponse<String> r = enroll(String.format("GUESS-%05d", i), "pda-2");
            if (r.statusCode() == 429) {
                assertThat(r.body()).contains("TOO_MANY_ATTEMPTS");
                throttled++;
            } else {
                assertThat(r.statusCode()).isEqualTo(403);
            }
        }
        assertThat(throttled).as("10 failed enrollments per address, then it waits").isEqualTo(5);
        String good = code("");
        assertThat(enroll(good, "pda-2").statusCode()).as("even a good code waits at that address").isEqualTo(429);
        assertThat(FromAddress.post("127.0.0.2", gateway.plainPort(), "/api/v1/devices/enroll",
                "{\"code\":\"" + good + "\",\"deviceId\":\"pda-2\"}").status()).as("another address does not")
                .isEqualTo(200);
    }

    @Test
    void ttlMinutesIsCheckedOnEveryPathNamingTheRange() throws Exception {
        for (String path : new String[] {"/api/v1/admin/enrollment-codes", "/api/v1/admin/enrollment"}) {
            for (String ttl : new String[] {"-1", "0", "10081", "9223372036854775807", "-9223372036854775808"}) {
                HttpResponse<String> r = gateway.post(path, ADMIN, "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                        + "\"ttlMinutes\":" + ttl + "}");
                assertThat(r.statusCode()).as(path + " " + ttl + ": " + r.body()).isEqualTo(400);
                assertThat(r.body()).as(path + " " + ttl).contains("ttlMinutes").contains("1 to 10080");
            }
            HttpResponse<String> overflow = gateway.post(path, ADMIN, "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                    + "\"ttlMinutes\":99999999999999999999999}");
            assertThat(overflow.statusCode()).as(path + " overflow: " + overflow.body()).isEqualTo(400);
            assertThat(overflow.body()).contains("ttlMinutes");
            assertThat(gateway.post(path, ADMIN, "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"ttlMinutes\":10080}")
                    .statusCode()).isEqualTo(201);
        }
    }

    @Test
    void codesAreStoredAsAnHmacWithAServerKeyOnlyTheOwnerReads() throws Exception {
        String code = code("");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(code.replace("-", "").getBytes(StandardCharsets.UTF_8)));
        List<String> stored = gateway.context().getBean(GatewayDatabase.class).read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT code_hash FROM "
                    + "enrollment_codes")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertThat(stored).hasSize(1).doesNotContain(sha256, code, code.replace("-", ""));
        Path key = dataDir.resolve("enrollment.key");
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(enroll(code, "pda-1").statusCode()).isEqualTo(200);
    }
}
