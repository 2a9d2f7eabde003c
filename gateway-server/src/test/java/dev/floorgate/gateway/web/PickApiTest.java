package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.protocol.OperationResult;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.OrderLine;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The picker app's own endpoints: context, tasks with their codes, kept rejections, status reports. */
class PickApiTest {
    static final String OP = "0190f5c2-7b1a-7c3e-8f00-00000000b001";

    @TempDir
    Path dataDir;
    TestGateway gateway;
    String acme;
    String beta;

    @BeforeEach
    void start() throws Exception {
        gateway = new TestGateway(dataDir, Map.of());
        gateway.context().getBean(SyncEngine.class).cache().apply(List.of(
                new SkuItem("acme", "SKU-123", "Blue widget", "EA", List.of("09501101530003"), List.of("WIDGET-B")),
                new LocationItem("acme", "SH01", "A-01-03", "BIN"),
                new OrderItem("acme", "SH01", "SO-991", "RESERVED",
                        List.of(new OrderLine(1, "SKU-123", 3, 3, 1, "A-01-03")))));
        acme = gateway.enroll("pda-a", "acme", "SH01");
        beta = gateway.enroll("pda-b", "beta", "SH01");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void tasksCarryTheCodesThePdaChecksWhileTheGatewayIsOutOfReach() throws Exception {
        HttpResponse<String> r = gateway.get("/api/v1/pick/tasks", acme);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"taskId\":\"SO-991/1\"").contains("\"gtins\":[\"09501101530003\"]")
                .contains("\"barcodes\":[\"WIDGET-B\"]").contains("\"remaining\":2").contains("\"picked\":1");
        assertThat(gateway.get("/api/v1/pick/tasks", beta).body()).contains("\"tasks\":[]");
        assertThat(gateway.get("/api/v1/pick/tasks", null).statusCode()).isEqualTo(401);

        gateway.post("/api/v1/sessions", acme, "{\"badge\":\"U-42\"}");
        HttpResponse<String> ctx = gateway.get("/api/v1/pick/context", acme);
        assertThat(ctx.body()).contains("\"deviceId\":\"pda-a\"").contains("\"operator\":\"U-42\"")
                .contains("\"maxGapMs\":40").contains("\"gsSubstitute\":\"~\"");
    }

    @Test
    void aRejectionWaitsForThePickerWhoMadeItUntilAcknowledged() throws Exception {
        String op = "{\"opId\":\"" + OP + "\",\"type\":\"PICK\",\"sku\":\"SKU-123\",\"qty\":2,\"location\":\"A-01-03\","
                + "\"orderNo\":\"SO-991\"}";
        assertThat(gateway.post("/api/v1/operations", acme, op).statusCode()).isEqualTo(202);
        // What the sync engine publishes when the core rejects the operation (SyncEngineFactory).
        gateway.context().getBean(EventHub.class).publish("op.rejected", "acme", "pda-a",
                OperationResult.rejected(OP, "INSUFFICIENT_RESERVATION", "order SO-991 has 1 reserved"));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                gateway.get("/api/v1/pick/rejections", acme).body().contains(OP));
        String open = gateway.get("/api/v1/pick/rejections", acme).body();
        assertThat(open).contains("\"code\":\"INSUFFICIENT_RESERVATION\"").contains("\"sku\":\"SKU-123\"")
                .contains("\"qty\":2").contains("\"location\":\"A-01-03\"").contains("\"orderNo\":\"SO-991\"");
        assertThat(gateway.get("/api/v1/admin/overview", TestGateway.ADMIN_TOKEN).body())
                .contains("\"kind\":\"rejected-ops\"");

        assertThat(gateway.post("/api/v1/pick/rejections/" + OP + "/ack", beta, "{}").statusCode())
                .as("another tenant's device").isEqualTo(404);
        HttpResponse<String> ack = gateway.post("/api/v1/pick/rejections/" + OP + "/ack", acme,
                "{\"operator\":\"U-42\"}");
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(ack.body()).contains("\"acknowledgedBy\":\"U-42@pda-a\"").contains("\"changed\":true");
        assertThat(gateway.post("/api/v1/pick/rejections/" + OP + "/ack", acme, "{}").body())
                .as("acknowledging twice changes nothing").contains("\"changed\":false");
        assertThat(gateway.get("/api/v1/pick/rejections", acme).body()).contains("\"rejections\":[]");
        assertThat(gateway.get("/api/v1/admin/overview", TestGateway.ADMIN_TOKEN).body())
                .doesNotContain("\"kind\":\"rejected-ops\"").contains("\"acknowledgedBy\":\"U-42@pda-a\"");
    }

    @Test
    void aPdaReportsItsQueueForSiteItsPage() throws Exception {
        assertThat(gateway.post("/api/v1/pick/status", acme,
                "{\"queued\":3,\"openRejections\":1,\"operator\":\"U-42\",\"app\":\"pick-web-1\"}").statusCode())
                .isEqualTo(200);
        String o = gateway.get("/api/v1/admin/overview", TestGateway.ADMIN_TOKEN).body();
        assertThat(o).contains("\"deviceId\":\"pda-a\"").contains("\"queued\":3").contains("\"openRejections\":1")
                .contains("\"operator\":\"U-42\"");
    }
}
