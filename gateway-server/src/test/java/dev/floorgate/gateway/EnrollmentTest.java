package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentTest {
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

    @Test
    void aCodeEnrollsOneDeviceOnceAndItsTokenAuthenticates() throws Exception {
        HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment-codes", TestGateway.ADMIN_TOKEN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
        assertThat(code.statusCode()).isEqualTo(201);
        String c = TestGateway.field(code.body(), "code");
        assertThat(c).matches("[0-9A-Z]{5}-[0-9A-Z]{5}");

        HttpResponse<String> first = gateway.post("/api/v1/devices/enroll", null,
                "{\"code\":\"" + c.toLowerCase() + "\",\"deviceId\":\"pda-17\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(TestGateway.field(first.body(), "token")).startsWith("fgd_");

        HttpResponse<String> second = gateway.post("/api/v1/devices/enroll", null,
                "{\"code\":\"" + c + "\",\"deviceId\":\"pda-18\"}");
        assertThat(second.statusCode()).isEqualTo(403);
        // issue 22: one refusal for unknown, used and expired codes (it used to say "already used")
        assertThat(second.body()).contains("ENROLLMENT_REFUSED").contains("not valid");
    }

    @Test
    void adminEndpointsRefuseWithoutTheAdminToken() throws Exception {
        assertThat(gateway.post("/api/v1/admin/enrollment-codes", null, "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}")
                .statusCode()).isEqualTo(401);
        assertThat(gateway.post("/api/v1/admin/enrollment-codes", "wrong", "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}")
                .statusCode()).isEqualTo(401);
        String deviceToken = gateway.enroll("pda-1", "acme", "SH01");
        assertThat(gateway.get("/api/v1/admin/devices", deviceToken).statusCode()).isEqualTo(401);
        assertThat(gateway.get("/api/v1/admin/devices", TestGateway.ADMIN_TOKEN).body()).contains("pda-1");
    }

    @Test
    void unknownExpiredAndMalformedCodesAreRefusedWithOneGenericReason() throws Exception {
        HttpResponse<String> unknown = gateway.post("/api/v1/devices/enroll", null,
                "{\"code\":\"AAAAA-BBBBB\",\"deviceId\":\"pda-1\"}");
        assertThat(unknown.statusCode()).isEqualTo(403);
        assertThat(unknown.body()).contains("not valid (unknown, already used or expired)");

        // issue 22: a negative ttlMinutes is refused now (400), so the code is expired in gateway.db instead
        HttpResponse<String> expiredCode = gateway.post("/api/v1/admin/enrollment-codes", TestGateway.ADMIN_TOKEN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"ttlMinutes\":1}");
        gateway.context().getBean(dev.floorgate.gateway.internal.GatewayDatabase.class).inTransaction(c -> {
            try (java.sql.Statement s = c.createStatement()) {
                return s.executeUpdate("UPDATE enrollment_codes SET expires_at = '2020-01-01T00:00:00Z'");
            }
        });
        HttpResponse<String> expired = gateway.post("/api/v1/devices/enroll", null, "{\"code\":\""
                + TestGateway.field(expiredCode.body(), "code") + "\",\"deviceId\":\"pda-1\"}");
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).as("the same words as for an unknown code").isEqualTo(unknown.body());

        HttpResponse<String> badId = gateway.post("/api/v1/devices/enroll", null,
                "{\"code\":\"AAAAA-BBBBB\",\"deviceId\":\"pda 1; drop\"}");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("deviceId");
    }

    @Test
    void aRevokedTokenStopsWorkingAndADeviceIdCannotMoveToAnotherTenant() throws Exception {
        String token = gateway.enroll("pda-9", "acme", "SH01");
        assertThat(gateway.get("/api/v1/events?probe=1", null).statusCode()).isEqualTo(401);
        HttpResponse<String> revoke = gateway.post("/api/v1/admin/devices/pda-9/revoke", TestGateway.ADMIN_TOKEN, "{}");
        assertThat(revoke.body()).contains("\"revoked\":true");
        assertThat(gateway.get("/api/v1/tasks", token).statusCode()).isIn(401, 404);

        HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment-codes", TestGateway.ADMIN_TOKEN,
                "{\"tenant\":\"beta\",\"warehouse\":\"SH01\"}");
        HttpResponse<String> steal = gateway.post("/api/v1/devices/enroll", null, "{\"code\":\""
                + TestGateway.field(code.body(), "code") + "\",\"deviceId\":\"pda-9\"}");
        assertThat(steal.statusCode()).isEqualTo(409);
    }
}
