package dev.floorgate.gateway;

import static dev.floorgate.gateway.PrintTesting.awaitState;
import static dev.floorgate.gateway.PrintTesting.labelCount;
import static dev.floorgate.gateway.PrintTesting.labels;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.PrinterSimulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /api/v1/parcels/intake and GET /api/v1/parcels/intakes on a real gateway with a printer simulator over TCP
 * (offline: intakes wait in the parcel book): a scan in any of the carrier's forms is one normalised tracking key,
 * the intake is durable once answered (still listed after a restart, same opId), its label prints once with what
 * the packer needs, a second scan is the same intake and prints nothing, bad input is refused naming the field
 * before anything is stored, and a device sees its own tenant's intakes only.
 */
class ParcelIntakeApiTest {
    private static final String INTAKE = "/api/v1/parcels/intake";
    private static final String INTAKES = "/api/v1/parcels/intakes";

    @TempDir
    Path dir;

    private Map<String, Object> printerAt(PrinterSimulator printer) {
        return Map.of("fg.printers.recv-1.url", "tcp://127.0.0.1:" + printer.port()
                + "?statusTimeout=1s&pollInterval=0&reconnectMin=50ms&reconnectMax=200ms");
    }

    @Test
    void aScanIsDurableItsLabelPrintsOnceAndARepeatedScanIsTheSameIntake() throws Exception {
        Path captured = dir.resolve("labels");
        String opId;
        try (PrinterSimulator printer = PrinterSimulator.builder().captureDir(captured).start();
                TestGateway gateway = new TestGateway(dir.resolve("data"), printerAt(printer))) {
            String pda = gateway.enroll("pda-in", "acme", "SH01");
            // typed from the label's text line: spaces and lower case
            HttpResponse<String> r = gateway.post(INTAKE, pda, "{\"scan\":\"1z 5r8 939 0357567127\","
                    + "\"location\":\"NO-OWNER-1\",\"station\":\"IN-1\",\"printer\":\"recv-1\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(r.body()).contains("\"tenant\":\"acme\"", "\"warehouse\":\"SH01\"",
                    "\"trackingKey\":\"1Z5R89390357567127\"", "\"carrier\":\"UPS\"", "\"location\":\"NO-OWNER-1\"",
                    "\"station\":\"IN-1\"", "\"state\":\"PENDING\"", "\"owner\":null", "\"repeated\":false");
            opId = TestGateway.field(r.body(), "opId");
            String jobId = TestGateway.field(r.body(), "printJobId");
            assertThat(jobId).isEqualTo("intake-" + opId);
            awaitState(gateway, pda, jobId, "PRINTED");
            assertThat(labelCount(captured)).isEqualTo(1);
            String zpl = Files.readString(labels(captured).get(0));
            assertThat(zpl).contains("NO OWNER").contains("1Z5R89390357567127").contains("UPS");

            // the barcode itself, scanned again at another shelf: the same intake, nothing new stored or printed
            HttpResponse<String> again = gateway.post(INTAKE, pda, "{\"scan\":\"1Z5R89390357567127\","
                    + "\"location\":\"SHELF-B-1\",\"printer\":\"recv-1\"}");
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(again.body()).contains("\"opId\":\"" + opId + "\"", "\"repeated\":true",
                    "\"location\":\"NO-OWNER-1\"");
            Thread.sleep(500);
            assertThat(labelCount(captured)).isEqualTo(1);
            assertThat(gateway.get("/metrics", null).body()).contains("floorgate_parcel_intakes_pending 1");
        }
        try (TestGateway gateway = new TestGateway(dir.resolve("data"), Map.of())) {
            String pda = gateway.reenroll("pda-in", "acme", "SH01");
            HttpResponse<String> list = gateway.get(INTAKES + "?state=PENDING", pda);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(list.body()).startsWith("{\"intakes\":[{\"opId\":\"" + opId + "\"")
                    .contains("\"trackingKey\":\"1Z5R89390357567127\"");
        }
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        try (TestGateway gateway = new TestGateway(dir.resolve("data"), Map.of())) {
            String pda = gateway.enroll("pda-in", "acme", "SH01");
            refused(gateway.post(INTAKE, pda, "{\"scan\":\"1Z5R89390357567127\"}"), 400, "location");
            refused(gateway.post(INTAKE, pda, "{\"scan\":\"AB\",\"location\":\"S-1\"}"), 400,
                    "scan: not a tracking number");
            refused(gateway.post(INTAKE, pda, "{\"scan\":\"caf\u00e9 caf\u00e9 caf\u00e9\",\"location\":\"S-1\"}"), 400,
                    "scan: not a tracking number");
            refused(gateway.post(INTAKE, pda, "{\"scan\":\"1Z5R89390357567127\",\"location\":\"S 1\"}"), 400,
                    "location:");
            refused(gateway.post(INTAKE, pda, "{\"scan\":\"1Z5R89390357567127\",\"location\":\"S-1\","
                    + "\"printer\":\"nowhere\"}"), 400, "printer: no printer 'nowhere'");
            refused(gateway.post(INTAKE, pda, "not json"), 400, "");
            assertThat(gateway.post(INTAKE, null, "{\"scan\":\"1Z5R89390357567127\",\"location\":\"S-1\"}")
                    .statusCode()).isEqualTo(401);
            assertThat(gateway.get(INTAKES, pda).body()).isEqualTo("{\"intakes\":[]}");
            refused(gateway.get(INTAKES + "?state=LOST", pda), 400, "state:");
        }
    }

    @Test
    void aDeviceSeesItsOwnTenantsIntakesAndSiteItSeesAll() throws Exception {
        try (TestGateway gateway = new TestGateway(dir.resolve("data"), Map.of())) {
            String acme = gateway.enroll("pda-a", "acme", "SH01");
            String beta = gateway.enroll("pda-b", "beta", "SH01");
            assertThat(gateway.post(INTAKE, acme, "{\"scan\":\"RB123456785GB\",\"location\":\"A-1\"}").statusCode())
                    .isEqualTo(201);
            // the same number at another tenant is that tenant's own intake
            HttpResponse<String> b = gateway.post(INTAKE, beta, "{\"scan\":\"RB123456785GB\",\"location\":\"B-1\"}");
            assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
            assertThat(b.body()).contains("\"carrier\":\"UPU_S10\"", "\"repeated\":false");
            assertThat(gateway.get(INTAKES, acme).body()).contains("\"location\":\"A-1\"")
                    .doesNotContain("\"location\":\"B-1\"").doesNotContain("beta");
            assertThat(gateway.get(INTAKES, beta).body()).contains("\"location\":\"B-1\"")
                    .doesNotContain("\"location\":\"A-1\"");
            assertThat(gateway.get(INTAKES, TestGateway.ADMIN_TOKEN).body()).contains("\"location\":\"A-1\"",
                    "\"location\":\"B-1\"");
        }
    }

    private static void refused(HttpResponse<String> r, int status, String messagePart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains("\"error\":").contains(messagePart).doesNotContain("Exception")
                .doesNotContain("dev.floorgate");
    }
}
