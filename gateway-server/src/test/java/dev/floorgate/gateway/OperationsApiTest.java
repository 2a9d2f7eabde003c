package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.OrderLine;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PDA operation, scan and task endpoints of a gateway in offline mode (everything queues). */
class OperationsApiTest {
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
                new SkuItem("beta", "SKU-B1", "Beta thing", "EA", List.of(), List.of()),
                new LocationItem("acme", "SH01", "A-01-03", "BIN"),
                new LocationItem("beta", "SH01", "Z-99-99", "BIN"),
                new OrderItem("acme", "SH01", "SO-991", "RESERVED",
                        List.of(new OrderLine(1, "SKU-123", 3, 3, 0, "A-01-03"))),
                new OrderItem("beta", "SH01", "SO-B", "RESERVED",
                        List.of(new OrderLine(1, "SKU-B1", 2, 2, 0, "Z-99-99")))));
        acme = gateway.enroll("pda-a", "acme", "SH01");
        beta = gateway.enroll("pda-b", "beta", "SH01");
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    static String pick(String opId, String tenant, String sku, int qty) {
        return "{\"opId\":\"" + opId + "\",\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\",\"type\":\"PICK\","
                + "\"sku\":\"" + sku + "\",\"qty\":" + qty + ",\"location\":\"A-01-03\"}";
    }

    @Test
    void anAcceptedOperationIsDurableAndPendingInOfflineMode() throws Exception {
        String id = "0190f5c2-7b1a-7c3e-8f00-0000000000a1";
        HttpResponse<String> r = gateway.post("/api/v1/operations", acme, pick(id, "acme", "SKU-123", 2));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(r.body()).contains(id);
        HttpResponse<String> state = gateway.get("/api/v1/operations/" + id, acme);
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.body()).contains("\"state\":\"PENDING\"").contains("\"deviceId\":\"pda-a\"");
        assertThat(gateway.get("/health", null).body()).contains("\"unsynced\":1");
    }

    @Test
    void theSameOpIdTwiceIsOneRowAndADifferentBodyIsRefused() throws Exception {
        String id = "0190f5c2-7b1a-7c3e-8f00-0000000000a2";
        assertThat(gateway.post("/api/v1/operations", acme, pick(id, "acme", "SKU-123", 2)).statusCode()).isEqualTo(202);
        HttpResponse<String> again = gateway.post("/api/v1/operations", acme, pick(id, "acme", "SKU-123", 2));
        assertThat(again.statusCode()).isEqualTo(202);
        HttpResponse<String> changed = gateway.post("/api/v1/operations", acme, pick(id, "acme", "SKU-123", 3));
        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(changed.body()).contains("OP_ID_REUSED");
        assertThat(gateway.get("/health", null).body()).contains("\"unsynced\":1");
    }

    @Test
    void unknownSkuAndBinAreRefusedNamingTheFieldWhileValidOpsOfTheRequestAreKept() throws Exception {
        String good = "0190f5c2-7b1a-7c3e-8f00-0000000000a3";
        String bad = "0190f5c2-7b1a-7c3e-8f00-0000000000a4";
        String body = "{\"operations\":[" + pick(good, "acme", "SKU-123", 1) + ","
                + pick(bad, "acme", "NOPE", 1).replace("A-01-03", "X-00-00") + "]}";
        HttpResponse<String> r = gateway.post("/api/v1/operations", acme, body);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"accepted\":[\"" + good + "\"]").contains("UNKNOWN_SKU")
                .contains("\"field\":\"sku\"").contains("\"field\":\"location\"").contains("X-00-00");
        assertThat(gateway.get("/api/v1/operations/" + bad, acme).statusCode()).isEqualTo(404);
    }

    @Test
    void everyAnswerToAnOperationPostIsTimedOnMetricsAndNothingElseIs() throws Exception {
        long before = submitCount();
        for (int i = 0; i < 5; i++) {
            assertThat(gateway.post("/api/v1/operations", acme, pick("0190f5c2-7b1a-7c3e-8f00-0000000001" + (10 + i),
                    "acme", "SKU-123", 1)).statusCode()).isEqualTo(202);
        }
        assertThat(gateway.post("/api/v1/operations", acme, "{\"opId\": ").statusCode()).isEqualTo(400);
        gateway.get("/api/v1/operations/0190f5c2-7b1a-7c3e-8f00-000000000110", acme); // a GET is not timed
        gateway.get("/api/v1/tasks?type=PICK", acme);
        assertThat(submitCount() - before).as("5 accepted and 1 malformed POST").isEqualTo(6);
        String metrics = gateway.get("/metrics", null).body();
        assertThat(metrics).contains("# TYPE floorgate_operation_submit_seconds histogram")
                .contains("floorgate_operation_submit_seconds_bucket{le=\"0.05\"}")
                .contains("floorgate_operation_submit_seconds_sum ");
        long previous = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("floorgate_operation_submit_seconds_bucket")) {
                long cumulative = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                assertThat(cumulative).as(line).isGreaterThanOrEqualTo(previous);
                previous = cumulative;
            }
        }
        assertThat(previous).as("+Inf bucket = count").isEqualTo(submitCount());
    }

    private long submitCount() throws Exception {
        for (String line : gateway.get("/metrics", null).body().split("\n")) {
            if (line.startsWith("floorgate_operation_submit_seconds_count ")) {
                return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no floorgate_operation_submit_seconds_count on /metrics");
    }

    @Test
    void badInputGetsAClearErrorAndServiceGoesOn() throws Exception {
        HttpResponse<String> malformed = gateway.post("/api/v1/operations", acme, "{\"opId\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("MALFORMED_JSON").contains("line 1");
        HttpResponse<String> zero = gateway.post("/api/v1/operations", acme,
                pick("0190f5c2-7b1a-7c3e-8f00-0000000000a5", "acme", "SKU-123", 0));
        assertThat(zero.statusCode()).isEqualTo(422);
        assertThat(zero.body()).contains("\"field\":\"qty\"");
        assertThat(gateway.post("/api/v1/operations", null, pick("0190f5c2-7b1a-7c3e-8f00-0000000000a6",
                "acme", "SKU-123", 1)).statusCode()).isEqualTo(401);
        assertThat(gateway.post("/api/v1/operations", acme, pick("0190f5c2-7b1a-7c3e-8f00-0000000000a7", "acme",
                "SKU-123", 1)).statusCode()).isEqualTo(202);
    }

    @Test
    void aDeviceOfTenantASeesAndWritesNothingOfTenantB() throws Exception {
        String betaOp = "0190f5c2-7b1a-7c3e-8f00-0000000000b1";
        assertThat(gateway.post("/api/v1/operations", beta, pick(betaOp, "beta", "SKU-B1", 1)
                .replace("A-01-03", "Z-99-99")).statusCode()).isEqualTo(202);
        // write: another tenant's operation is refused whole
        HttpResponse<String> write = gateway.post("/api/v1/operations", acme,
                pick("0190f5c2-7b1a-7c3e-8f00-0000000000b2", "beta", "SKU-B1", 1));
        assertThat(write.statusCode()).isEqualTo(403);
        // read: another tenant's operation id is not found
        assertThat(gateway.get("/api/v1/operations/" + betaOp, acme).statusCode()).isEqualTo(404);
        // tasks and scans come from the device's own tenant only
        String tasks = gateway.get("/api/v1/tasks?type=PICK", acme).body();
        assertThat(tasks).contains("SO-991").doesNotContain("SO-B").doesNotContain("SKU-B1");
        String scan = gateway.post("/api/v1/scans", acme, "{\"data\":\"Z-99-99\"}").body();
        assertThat(scan).contains("\"kind\":\"NONE\"");
        String scanOrder = gateway.post("/api/v1/scans", acme, "{\"data\":\"SO-B\"}").body();
        assertThat(scanOrder).contains("\"kind\":\"NONE\"");
    }

    @Test
    void aGs1ScanIsDecodedAndMatchedToTheSkuByItsGtin() throws Exception {
        HttpResponse<String> r = gateway.post("/api/v1/scans", acme,
                "{\"data\":\"010950110153000317251231\\u001d10ABC123\",\"symbology\":\"]C1\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"gtin\":\"09501101530003\"").contains("\"batch\":\"ABC123\"")
                .contains("\"expiry\":\"2025-12-31\"").contains("\"kind\":\"SKU\"").contains("\"sku\":\"SKU-123\"");
        HttpResponse<String> bin = gateway.post("/api/v1/scans", acme, "{\"data\":\"A-01-03\"}");
        assertThat(bin.body()).contains("\"kind\":\"LOCATION\"");
        HttpResponse<String> badCheck = gateway.post("/api/v1/scans", acme,
                "{\"data\":\"]C10109501101530004\"}");
        assertThat(badCheck.statusCode()).isEqualTo(200);
        assertThat(badCheck.body()).contains("ai(01)").contains("check digit");
    }

    @Test
    void tasksListTheDevicesWarehouseFromTheCache() throws Exception {
        HttpResponse<String> r = gateway.get("/api/v1/tasks?type=PICK", acme);
        assertThat(r.body()).contains("\"taskId\":\"SO-991/1\"").contains("\"skuName\":\"Blue widget\"")
                .contains("\"remaining\":3");
    }
}
