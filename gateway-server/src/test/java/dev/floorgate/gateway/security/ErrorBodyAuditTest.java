package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.GatewayDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 findings 6d and 6e: provokes every error class of the LAN API and the pages' JSON endpoints through a
 * real gateway (bad JSON, 100,000 nested {@code [}, wrong types, unknown routes, methods and ids, a body too large)
 * and asserts each answer is {@code {"error": CODE, "message": ...}} naming no internal class, stack frame, driver
 * or SQL text, and that nesting is 400 MALFORMED_JSON, never 500.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorBodyAuditTest {
    /** Text an error body must never carry: class names, stack frames, framework and driver words. */
    static final List<String> LEAKS = List.of("Exception", "at dev.", "java.", "io.micronaut", "com.fasterxml",
            "SQL", "sqlite", "Error:", "\tat ", "netty", "jackson");
    private static final Pattern ERROR_BODY = Pattern.compile(
            "\\{\"error\":\"[A-Z_]+\",\"message\":\"[^\"]*\".*\\}", Pattern.DOTALL);

    /** Every POST endpoint that takes a JSON body, with the token that reaches its body reader. */
    private static final List<String> DEVICE_BODIES = List.of("/api/v1/operations", "/api/v1/scans",
            "/api/v1/print-jobs", "/api/v1/print-jobs/job-1/reprint", "/api/v1/print-jobs/job-1/discard",
            "/api/v1/print-jobs/job-1/mark-printed", "/api/v1/templates/preview.png", "/api/v1/sessions",
            "/api/v1/pick/status", "/api/v1/pick/rejections/op-1/ack");
    private static final List<String> ADMIN_BODIES = List.of("/api/v1/admin/enrollment-codes",
            "/api/v1/admin/enrollment", "/api/v1/admin/printers", "/api/v1/admin/password");
    private static final List<String> OPEN_BODIES = List.of("/api/v1/devices/enroll", "/api/v1/admin/login");

    @TempDir
    static Path dataDir;
    private TestGateway gateway;
    private String device;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws Exception {
        gateway = new TestGateway(dataDir, Map.of());
        device = gateway.enroll("pda-audit", "acme", "WH1");
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String tokenFor(String path) {
        if (DEVICE_BODIES.contains(path)) {
            return device;
        }
        return ADMIN_BODIES.contains(path) ? TestGateway.ADMIN_TOKEN : null;
    }

    private static void assertClean(SoftAssertions soft, String what, HttpResponse<String> r) {
        soft.assertThat(r.body()).as(what + " answered " + r.statusCode() + " " + r.body()).matches(ERROR_BODY);
        for (String leak : LEAKS) {
            soft.assertThat(r.body()).as(what + " answered " + r.statusCode()).doesNotContainIgnoringCase(leak);
        }
    }

    private static List<String> allBodies() {
        List<String> all = new java.util.ArrayList<>(DEVICE_BODIES);
        all.addAll(ADMIN_BODIES);
        all.addAll(OPEN_BODIES);
        return all;
    }

    @Test
    void deeplyNestedJsonIs400MalformedJsonOnEveryJsonBody() throws Exception {
        String deep = "[".repeat(100_000);
        String deepInObject = "{\"a\":" + "[".repeat(100_000);
        SoftAssertions soft = new SoftAssertions();
        for (String path : allBodies()) {
            for (String body : List.of(deep, deepInObject)) {
                HttpResponse<String> r = send("POST", path, tokenFor(path), body);
                soft.assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
                soft.assertThat(r.body()).as(path).contains("\"error\":\"MALFORMED_JSON\"");
                assertClean(soft, path, r);
            }
        }
        soft.assertAll();
    }

    @Test
    void badJsonAndWrongTypesAreAnsweredInOurWords() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        for (String path : allBodies()) {
            for (String body : List.of("{", "not json", "{\"a\":}", "[1,2]", "\"text\"", "{\"tenant\":[1],"
                    + "\"username\":{},\"password\":7,\"deviceId\":true,\"code\":1.5,\"printer\":[],\"opId\":{}}",
                    "{\"x\":\"\\u0000\\ud800\"}")) {
                HttpResponse<String> r = send("POST", path, tokenFor(path), body);
                // a body with unknown fields only may be taken (unknown fields are ignored): never a 5xx
                soft.assertThat(r.statusCode()).as(path + " " + body + " " + r.body()).isLessThan(500);
                if (r.statusCode() >= 400 || body.length() < 12) {
                    soft.assertThat(r.statusCode()).as(path + " " + body + " " + r.body()).isBetween(400, 499);
                    assertClean(soft, path + " with " + body, r);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void unknownRoutesMethodsAndIdsAreAnsweredInOurWords() throws Exception {
        SoftAssertions soft = new SoftAssertions();
        Object[][] cases = {
            {"GET", "/api/v1/no-such-thing", device, 404},
            {"GET", "/no-such-page", null, 404},
            {"DELETE", "/api/v1/operations", device, 405},
            {"PUT", "/api/v1/print-jobs", device, 405},
            {"GET", "/api/v1/print-jobs/no-such-job", device, 404},
            {"POST", "/api/v1/print-jobs/no-such-job/reprint", device, 404},
            {"GET", "/api/v1/operations/no-such-op", device, 404},
            {"GET", "/api/v1/print-jobs/%00%0a", device, 404},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = send((String) c[0], (String) c[1], (String) c[2], "{\"reason\":\"audit\"}");
            soft.assertThat(r.statusCode()).as(c[0] + " " + c[1] + " " + r.body()).isEqualTo(c[3]);
            assertClean(soft, c[0] + " " + c[1], r);
        }
        soft.assertAll();
    }

    @Test
    void aBodyTooLargeIsAnsweredInOurWords() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/operations", device,
                "{\"operations\":[\"" + "x".repeat(12 * 1024 * 1024) + "\"]}");
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertClean(soft, "a 12 MB body", r);
        soft.assertAll();
    }

    @Test
    void aDatabaseFailureIsAnswered500InOurWords(@TempDir Path otherDir) throws Exception {
        try (TestGateway broken = new TestGateway(otherDir, Map.of())) {
            String token = broken.enroll("pda-db", "acme", "WH1");
            broken.context().getBean(GatewayDatabase.class).close(); // every store now fails with an SQLException
            SoftAssertions soft = new SoftAssertions();
            for (String[] c : new String[][] {{"GET", "/api/v1/admin/devices", TestGateway.ADMIN_TOKEN},
                    {"POST", "/api/v1/admin/enrollment-codes", TestGateway.ADMIN_TOKEN},
                    {"GET", "/api/v1/print-jobs/job-1", token}, {"POST", "/api/v1/sessions", token}}) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(broken.url(c[1])))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + c[2]).method(c[0], c[0].equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{\"tenant\":\"acme\",\"warehouse\":\"WH1\","
                                        + "\"badge\":\"U-1\"}"));
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                soft.assertThat(r.statusCode()).as(c[0] + " " + c[1] + " " + r.body()).isGreaterThanOrEqualTo(400);
                assertClean(soft, c[0] + " " + c[1] + " with gateway.db closed", r);
            }
            soft.assertAll();
        }
    }
}
