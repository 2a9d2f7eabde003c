package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Site IT's sign-in and the page's own endpoints, over the API; every action lands in the audit. */
class AdminApiTest {
    static final String PASSWORD = "forklift-on-aisle-9";

    @TempDir
    Path dataDir;
    TestGateway gateway;

    @BeforeEach
    void start() {
        gateway = new TestGateway(dataDir, Map.of("fg.web.login-failures", 3, "fg.web.login-lockout", "2s"));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    HttpResponse<String> login(String password) throws Exception {
        return gateway.post("/api/v1/admin/login", null, "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
    }

    /** Signs in with the initial password and changes it; returns the session token. */
    String signedIn() throws Exception {
        HttpResponse<String> first = login("floorgate");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String token = TestGateway.field(first.body(), "token");
        HttpResponse<String> changed = gateway.post("/api/v1/admin/password", token,
                "{\"currentPassword\":\"floorgate\",\"newPassword\":\"" + PASSWORD + "\"}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        return token;
    }

    @Test
    void theInitialPasswordSignsInButOpensNothingUntilItIsChanged() throws Exception {
        HttpResponse<String> first = login("floorgate");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"mustChangePassword\":true");
        String token = TestGateway.field(first.body(), "token");
        assertThat(token).startsWith("fgs_");
        HttpResponse<String> refused = gateway.get("/api/v1/admin/overview", token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("PASSWORD_CHANGE_REQUIRED");
        assertThat(gateway.get("/api/v1/admin/devices", token).statusCode()).isEqualTo(403);

        HttpResponse<String> weak = gateway.post("/api/v1/admin/password", token,
                "{\"currentPassword\":\"floorgate\",\"newPassword\":\"short\"}");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(weak.body()).contains("WEAK_PASSWORD");
        HttpResponse<String> same = gateway.post("/api/v1/admin/password", token,
                "{\"currentPassword\":\"floorgate\",\"newPassword\":\"floorgate\"}");
        assertThat(same.statusCode()).isEqualTo(400);
        HttpResponse<String> wrong = gateway.post("/api/v1/admin/password", token,
                "{\"currentPassword\":\"nope\",\"newPassword\":\"" + PASSWORD + "\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);

        HttpResponse<String> ok = gateway.post("/api/v1/admin/password", token,
                "{\"currentPassword\":\"floorgate\",\"newPassword\":\"" + PASSWORD + "\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/admin/overview", token).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/admin/devices", token).statusCode())
                .as("a session is accepted wherever the admin token is").isEqualTo(200);
        assertThat(login("floorgate").statusCode()).as("the initial password is gone").isEqualTo(401);
        assertThat(login(PASSWORD).body()).contains("\"mustChangePassword\":false");
    }

    @Test
    void wrongPasswordsLockTheAccountForAWhileAndSignOutEndsTheSession() throws Exception {
        String token = signedIn();
        for (int i = 0; i < 3; i++) {
            assertThat(login("guess-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = login(PASSWORD);
        assertThat(locked.statusCode()).as("even the right password while locked").isEqualTo(429);
        assertThat(locked.body()).contains("LOCKED_OUT");
        Thread.sleep(2100);
        assertThat(login(PASSWORD).statusCode()).isEqualTo(200);

        assertThat(gateway.post("/api/v1/admin/logout", token, "{}").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/api/v1/admin/overview", token).statusCode()).isEqualTo(401);
        assertThat(login("nobody-knows").body()).contains("wrong user name or password");
    }

    @Test
    void theOverviewSaysWhoTheGatewayIsWhatWaitsAndWhatNeedsAPerson() throws Exception {
        String token = signedIn();
        gateway.enroll("pda-1", "acme", "SH01"); // enrolled, never seen since: stale after the (test) threshold
        HttpResponse<String> o = gateway.get("/api/v1/admin/overview", token);
        assertThat(o.statusCode()).isEqualTo(200);
        assertThat(o.body()).contains("\"gateway\":{\"name\":").contains("\"version\":").contains("\"uptimeSeconds\":")
                .contains("\"core\":{\"configured\":false").contains("\"sync\":{\"unsynced\":0")
                .contains("\"deviceId\":\"pda-1\"").contains("\"printers\":[]").contains("\"attention\":[");
        assertThat(o.body()).as("the enrolled PDA has made no request yet")
                .contains("\"kind\":\"stale-pdas\"").contains("\"section\":\"devices\"");
        assertThat(gateway.get("/api/v1/admin/overview", TestGateway.ADMIN_TOKEN).statusCode())
                .as("the admin token works too").isEqualTo(200);
        String device = gateway.enroll("pda-2", "acme", "SH01");
        assertThat(gateway.get("/api/v1/admin/overview", device).statusCode()).as("not for a device")
                .isEqualTo(401);
    }

    @Test
    void anEnrollmentCodeComesWithItsQrAndEveryActionIsAudited() throws Exception {
        String token = signedIn();
        HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment", token,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"ttlMinutes\":5}");
        assertThat(code.statusCode()).as(code.body()).isEqualTo(201);
        String url = TestGateway.field(code.body(), "url");
        assertThat(url).matches("https?://[^/]+/pick/#enroll=[0-9A-Z]{5}-[0-9A-Z]{5}");
        assertThat(code.body()).contains("\"qrSvg\":\"<svg ").contains("<path fill=");
        HttpResponse<String> enrolled = gateway.post("/api/v1/devices/enroll", null, "{\"code\":\""
                + TestGateway.field(code.body(), "code") + "\",\"deviceId\":\"pda-9\"}");
        assertThat(enrolled.statusCode()).isEqualTo(200);
        assertThat(gateway.post("/api/v1/admin/devices/pda-9/revoke", token, "{}").statusCode()).isEqualTo(200);
        assertThat(gateway.post("/api/v1/admin/sync-now", TestGateway.ADMIN_TOKEN, "{}").body())
                .contains("offline mode");
        assertThat(gateway.post("/api/v1/admin/enrollment", token, "{\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                + "\"ttlMinutes\":0}").statusCode()).isEqualTo(400);

        String audit = gateway.get("/api/v1/admin/audit?limit=20", token).body();
        assertThat(audit).contains("\"actor\":\"admin\",\"action\":\"device.revoke\",\"target\":\"pda-9\"")
                .contains("\"actor\":\"admin-token\",\"action\":\"sync.now\"")
                .contains("\"action\":\"enrollment-code.create\"").contains("\"status\":400")
                .contains("\"action\":\"password.change\"").contains("\"action\":\"sign-in\"");
        assertThat(audit).as("codes are secrets: never in the audit")
                .doesNotContain(TestGateway.field(code.body(), "code"));
    }

    @Test
    void theSiteCaFingerprintTravelsInTheQrWhenHttpsIsOn() throws Exception {
        gateway.close();
        gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true));
        HttpResponse<String> code = gateway.post("/api/v1/admin/enrollment", TestGateway.ADMIN_TOKEN,
                "{\"tenant\":\"acme\",\"warehouse\":\"SH01\"}");
        String fp = gateway.get("/ca.crt", null).headers().firstValue("X-FG-CA-SHA256").orElseThrow();
        assertThat(TestGateway.field(code.body(), "url")).startsWith("https://").endsWith("&fp=" + fp);
        assertThat(TestGateway.field(code.body(), "caFingerprint").replace(":", "").toLowerCase()).isEqualTo(fp);
    }
}
