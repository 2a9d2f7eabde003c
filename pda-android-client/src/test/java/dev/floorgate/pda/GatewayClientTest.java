package dev.floorgate.pda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.lan.EnrollResult;
import dev.floorgate.lan.EnrollmentCode;
import dev.floorgate.lan.OperationRejection;
import dev.floorgate.lan.OperationStatus;
import dev.floorgate.lan.ParcelIntakeReceipt;
import dev.floorgate.lan.ParcelIntakeRequest;
import dev.floorgate.lan.PickTask;
import dev.floorgate.lan.ScanResult;
import dev.floorgate.lan.Session;
import dev.floorgate.lan.SubmitResult;
import dev.floorgate.protocol.FieldProblem;
import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.protocol.ResultStatus;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each LAN API call against a real local HTTP server: what goes over the wire, and what comes back typed. */
class GatewayClientTest {
    private MockWebServer server;
    private GatewayClient anonymous;
    private GatewayClient device;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        anonymous = new GatewayClient(server.url("/").toString(), GatewayClient.defaultHttpClient());
        device = anonymous.withToken("fgd_device");
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    static Operation pick(String sku) {
        return Operation.builder().opId(OperationIds.newId()).tenant("acme").warehouse("SH01")
                .type(OperationType.PICK).sku(sku).qty(1L).location("A-01-03").orderNo("SO-991")
                .deviceId("pda-17").build();
    }

    @Test
    void enrollSendsTheCodeWithoutATokenAndReturnsTheDeviceToken() throws Exception {
        server.enqueue(json(200, "{\"token\":\"fgd_abc\",\"deviceId\":\"pda-17\"}"));
        EnrollResult r = anonymous.enroll("K7QM3-XPA9D", "pda-17");
        assertThat(r.token()).isEqualTo("fgd_abc");
        assertThat(r.deviceId()).isEqualTo("pda-17");
        assertThat(r.toString()).doesNotContain("fgd_abc");
        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getPath()).isEqualTo("/api/v1/devices/enroll");
        assertThat(req.getHeader("Authorization")).isNull();
        assertThat(req.getHeader("Content-Type")).startsWith("application/json");
        assertThat(req.getBody().readUtf8())
                .isEqualTo("{\"code\":\"K7QM3-XPA9D\",\"deviceId\":\"pda-17\",\"kind\":\"pda\"}");
    }

    @Test
    void refusalsBecomeGatewayExceptionsWithStatusCodeAndMessage() {
        server.enqueue(json(409, "{\"error\":\"DEVICE_ID_TAKEN\",\"message\":\"pda-17 is enrolled already\"}"));
        assertThatThrownBy(() -> anonymous.enroll("K7QM3-XPA9D", "pda-17"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("DEVICE_ID_TAKEN");
                    assertThat(e.gatewayMessage()).isEqualTo("pda-17 is enrolled already");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessage("gateway answered 409 DEVICE_ID_TAKEN to POST /api/v1/devices/enroll: "
                            + "pda-17 is enrolled already");
                });
        server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>Bad Gateway</html>"));
        assertThatThrownBy(() -> device.tasks()).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.code()).isEqualTo("HTTP_502");
            assertThat(e.gatewayMessage()).isEqualTo("<html>Bad Gateway</html>");
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void adminCallsCarryTheAdminTokenAndSessionsTheDeviceToken() throws Exception {
        server.enqueue(json(201, "{\"code\":\"K7QM3-XPA9D\",\"tenant\":\"acme\",\"warehouse\":\"SH01\","
                + "\"expiresAt\":\"2026-11-22T08:30:00Z\"}"));
        EnrollmentCode code = anonymous.withToken("admin-secret").createEnrollmentCode("acme", "SH01", 15);
        assertThat(code.code()).isEqualTo("K7QM3-XPA9D");
        assertThat(code.expiresAt()).isEqualTo("2026-11-22T08:30:00Z");
        RecordedRequest req = server.takeRequest();
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer admin-secret");
        assertThat(req.getBody().readUtf8()).isEqualTo("{\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"ttlMinutes\":15}");

        server.enqueue(json(200, "{\"operator\":\"U-42\",\"deviceId\":\"pda-17\",\"tenant\":\"acme\","
                + "\"warehouse\":\"SH01\"}"));
        Session s = device.login("U-42");
        assertThat(s.operator()).isEqualTo("U-42");
        assertThat(s.tenant()).isEqualTo("acme");
        req = server.takeRequest();
        assertThat(req.getPath()).isEqualTo("/api/v1/sessions");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer fgd_device");
        assertThat(req.getBody().readUtf8()).isEqualTo("{\"badge\":\"U-42\"}");

        server.enqueue(new MockResponse().setResponseCode(204));
        device.logout();
        req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("DELETE");
        assertThat(req.getPath()).isEqualTo("/api/v1/sessions");
    }

    @Test
    void submitPostsTheCanonicalBatchAndReads202And422() throws Exception {
        Operation a = pick("SKU-1");
        Operation b = pick("SKU-NOPE");
        server.enqueue(json(202, "{\"accepted\":[\"" + a.opId() + "\"]}"));
        SubmitResult ok = device.submit(Collections.singletonList(a));
        assertThat(ok.status()).isEqualTo(202);
        assertThat(ok.accepted()).containsExactly(a.opId());
        RecordedRequest req = server.takeRequest();
        assertThat(req.getPath()).isEqualTo("/api/v1/operations");
        assertThat(req.getBody().readUtf8()).isEqualTo("{\"operations\":[" + a + "]}");

        server.enqueue(json(422, "{\"error\":\"INVALID_OPERATIONS\",\"message\":\"1 of 2 rejected\",\"accepted\":[\""
                + a.opId() + "\"],\"rejected\":[{\"opId\":\"" + b.opId() + "\",\"code\":\"UNKNOWN_SKU\","
                + "\"problems\":[{\"field\":\"sku\",\"message\":\"unknown SKU SKU-NOPE in acme\"}]}]}"));
        SubmitResult partly = device.submit(Arrays.asList(a, b));
        assertThat(partly.status()).isEqualTo(422);
        assertThat(partly.accepted()).containsExactly(a.opId());
        OperationRejection r = partly.rejectionOf(b.opId());
        assertThat(r.code()).isEqualTo("UNKNOWN_SKU");
        assertThat(r.message()).isEqualTo("sku: unknown SKU SKU-NOPE in acme");
        assertThat(r.problems()).hasSize(1);
        assertThat(partly.message()).isEqualTo("1 of 2 rejected");

        server.enqueue(json(507, "{\"error\":\"DISK_FULL\",\"message\":\"2% free\"}"));
        assertThatThrownBy(() -> device.submit(Collections.singletonList(a)))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.code()).isEqualTo("DISK_FULL");
                    assertThat(e.retryable()).isTrue();
                });
        assertThatThrownBy(() -> device.submit(Collections.<Operation>emptyList()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusReadsTheStateAndTheCoreResult() throws Exception {
        String opId = OperationIds.newId();
        server.enqueue(json(200, "{\"opId\":\"" + opId + "\",\"state\":\"APPLIED\",\"result\":{\"opId\":\"" + opId
                + "\",\"status\":\"APPLIED\",\"stock\":{\"onHand\":10,\"usable\":7,\"reserved\":3}},"
                + "\"acceptedAt\":\"2026-11-22T08:15:31Z\"}"));
        OperationStatus s = device.status(opId);
        assertThat(s.state()).isEqualTo(OperationStatus.State.APPLIED);
        assertThat(s.isFinal()).isTrue();
        assertThat(s.result().status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(s.result().stock().usable()).isEqualTo(7);
        assertThat(server.takeRequest().getPath()).isEqualTo("/api/v1/operations/" + opId);

        server.enqueue(json(200, "{\"opId\":\"x\",\"state\":\"PENDING\",\"result\":null}"));
        OperationStatus pending = device.status("x");
        assertThat(pending.isFinal()).isFalse();
        assertThat(pending.result()).isNull();

        server.enqueue(json(404, "{\"error\":\"NOT_FOUND\",\"message\":\"no operation a/b\"}"));
        assertThatThrownBy(() -> device.status("a/b"))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(404));
        server.takeRequest();
        assertThat(server.takeRequest().getPath()).isEqualTo("/api/v1/operations/a%2Fb");
    }

    @Test
    void scanSendsDataWithItsGroupSeparatorAndReadsGs1AndTheMatch() throws Exception {
        server.enqueue(json(200, "{\"data\":\"]C10109501101530003\\u001d10ABC123\",\"aimId\":\"]C1\",\"gs1\":{"
                + "\"elements\":[{\"ai\":\"01\",\"value\":\"09501101530003\"},{\"ai\":\"10\",\"value\":\"ABC123\"}],"
                + "\"gtin\":\"09501101530003\",\"batch\":\"ABC123\",\"expiry\":null,\"serial\":null,\"sscc\":null},"
                + "\"match\":{\"kind\":\"SKU\",\"sku\":\"SKU-123\",\"name\":\"Widget\"},\"problems\":[]}"));
        ScanResult r = device.scan("]C10109501101530003\u001d10ABC123", "]C1");
        assertThat(r.isGs1()).isTrue();
        assertThat(r.gtin()).isEqualTo("09501101530003");
        assertThat(r.batch()).isEqualTo("ABC123");
        assertThat(r.gs1Elements()).hasSize(2);
        assertThat(r.matchKind()).isEqualTo(ScanResult.MatchKind.SKU);
        assertThat(r.sku()).isEqualTo("SKU-123");
        assertThat(r.name()).isEqualTo("Widget");
        assertThat(server.takeRequest().getBody().readUtf8())
                .isEqualTo("{\"data\":\"]C10109501101530003\\u001D10ABC123\",\"symbology\":\"]C1\"}");

        server.enqueue(json(200, "{\"data\":\"A-01-03\",\"aimId\":null,\"gs1\":null,\"match\":{\"kind\":"
                + "\"LOCATION\",\"location\":\"A-01-03\"},\"problems\":[{\"field\":\"data\",\"message\":\"x\"}]}"));
        ScanResult bin = device.scan("A-01-03", null);
        assertThat(bin.isGs1()).isFalse();
        assertThat(bin.matchKind()).isEqualTo(ScanResult.MatchKind.LOCATION);
        assertThat(bin.location()).isEqualTo("A-01-03");
        assertThat(bin.problems()).containsExactly(new FieldProblem("data", "x"));
        assertThat(server.takeRequest().getBody().readUtf8()).isEqualTo("{\"data\":\"A-01-03\"}");
    }

    @Test
    void tasksAskForPickTasksAndUnderABasePath() throws Exception {
        GatewayClient prefixed = new GatewayClient(server.url("/floorgate/").toString(),
                GatewayClient.defaultHttpClient()).withToken("t");
        server.enqueue(json(200, "{\"tasks\":[{\"taskId\":\"SO-991/1\",\"orderNo\":\"SO-991\",\"lineNo\":1,"
                + "\"sku\":\"SKU-123\",\"skuName\":\"Widget\",\"location\":\"A-01-03\",\"qty\":3,\"picked\":1,"
                + "\"remaining\":2,\"warehouse\":\"SH01\"}]}"));
        List<PickTask> tasks = prefixed.tasks();
        assertThat(tasks).hasSize(1);
        PickTask t = tasks.get(0);
        assertThat(t.taskId()).isEqualTo("SO-991/1");
        assertThat(t.lineNo()).isEqualTo(1);
        assertThat(t.remaining()).isEqualTo(2);
        assertThat(t.location()).isEqualTo("A-01-03");
        assertThat(server.takeRequest().getPath()).isEqualTo("/floorgate/api/v1/tasks?type=PICK");
    }

    @Test
    void anOversizedResponseIsRefusedWithTheBound() {
        GatewayClient small = new GatewayClient(server.url("/").toString(), GatewayClient.defaultHttpClient(),
                ClientOptions.defaults().maxResponseBytes(100)).withToken("t");
        StringBuilder big = new StringBuilder("{\"tasks\":[");
        for (int i = 0; i < 20; i++) {
            big.append(i == 0 ? "" : ",").append("{\"taskId\":\"T-").append(i).append("\"}");
        }
        server.enqueue(json(200, big.append("]}").toString()));
        assertThatThrownBy(small::tasks).isInstanceOf(IOException.class)
                .hasMessageContaining("more than the 100 allowed (ClientOptions.maxResponseBytes)");
        assertThatThrownBy(() -> new GatewayClient("gw:8080", GatewayClient.defaultHttpClient()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gw:8080'");
    }

    @Test
    void aBodyThatIsNotJsonIsAnIoErrorNamingTheCall() {
        server.enqueue(json(200, "not json"));
        assertThatThrownBy(() -> device.tasks()).isInstanceOf(IOException.class)
                .hasMessageContaining("gateway answered 200 to GET /api/v1/tasks?type=PICK with a body that is not "
                        + "a JSON object");
    }

    @Test
    void aParcelIntakeSendsTheScanWithTheTokenAndReadsTheReceiptNewOrRepeated() throws Exception {
        String receipt = "{\"opId\":\"op-1\",\"tenant\":\"acme\",\"warehouse\":\"SH01\",\"trackingKey\":"
                + "\"1Z5R89390357567127\",\"carrier\":\"UPS\",\"location\":\"A-1\",\"station\":null,\"state\":"
                + "\"PENDING\",\"owner\":\"C-100\",\"ownerName\":\"Ana\",\"parcelId\":\"P0000000001\","
                + "\"repeated\":%s,\"failure\":null,\"scannedAt\":\"2026-12-07T09:00:00Z\",\"printJobId\":null}";
        server.enqueue(json(201, String.format(receipt, "false")));
        server.enqueue(json(200, String.format(receipt, "true")));
        server.enqueue(json(200, "{\"intakes\":[" + String.format(receipt, "false") + "]}"));
        server.enqueue(json(400, "{\"error\":\"INVALID\",\"message\":\"scan: not a tracking number\"}"));
        ParcelIntakeReceipt first = device.intake(new ParcelIntakeRequest("1Z5R89390357567127", null, "A-1", null,
                null));
        assertThat(first.owner()).isEqualTo("C-100");
        assertThat(first.repeated()).isFalse();
        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getPath()).isEqualTo("/api/v1/parcels/intake");
        assertThat(req.getHeader("Authorization")).isEqualTo("Bearer fgd_device");
        assertThat(req.getBody().readUtf8()).isEqualTo("{\"scan\":\"1Z5R89390357567127\",\"location\":\"A-1\"}");
        assertThat(device.intake(new ParcelIntakeRequest("1Z5R89390357567127", null, "A-1", null, null)).repeated())
                .isTrue();
        server.takeRequest();
        assertThat(device.intakes("PENDING")).singleElement().extracting(ParcelIntakeReceipt::trackingKey)
                .isEqualTo("1Z5R89390357567127");
        assertThat(server.takeRequest().getPath()).isEqualTo("/api/v1/parcels/intakes?state=PENDING");
        assertThatThrownBy(() -> device.intake(new ParcelIntakeRequest("AB", null, "A-1", null, null)))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.getMessage())
                        .contains("scan: not a tracking number"));
    }
}
