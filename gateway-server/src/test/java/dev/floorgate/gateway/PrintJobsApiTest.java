package dev.floorgate.gateway;

import static dev.floorgate.gateway.PrintTesting.assertStatus;
import static dev.floorgate.gateway.PrintTesting.awaitState;
import static dev.floorgate.gateway.PrintTesting.binJob;
import static dev.floorgate.gateway.PrintTesting.labelCount;
import static dev.floorgate.gateway.PrintTesting.templateJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.PrintedLabel;
import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.lan.GatewayEvent;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The print-job API against a real printer simulator over TCP: deduplication by jobId, ZPL injection, tenants,
 * validation, and the person actions on held, failed and maybe-printed jobs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrintJobsApiTest {
    static final String HOSTILE = "^XZ^XA^FO0,0^FDX^FS^XZ";

    Path labels;
    PrinterSimulator printer;
    TestGateway gateway;
    String acme;
    String beta;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        labels = dir.resolve("labels");
        printer = PrinterSimulator.builder().captureDir(labels).start();
        gateway = new TestGateway(dir.resolve("data"), Map.of(
                "fg.printers.pack-1.url", "tcp://127.0.0.1:" + printer.port()
                        + "?statusTimeout=1s&pollInterval=0&reconnectMin=50ms&reconnectMax=200ms",
                "fg.print.hold-poll-interval", "100ms"));
        acme = gateway.enroll("pda-a", "acme", "SH01");
        beta = gateway.enroll("pda-b", "beta", "SH01");
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (printer != null) {
            printer.close();
        }
    }

    @Test
    void aJobPostedTwiceWithOneJobIdPrintsOneLabel() throws Exception {
        int before = labelCount(labels);
        String body = binJob("twice-1", "pack-1", "A-01-01");
        HttpResponse<String> first = gateway.post("/api/v1/print-jobs", acme, body);
        HttpResponse<String> second = gateway.post("/api/v1/print-jobs", acme, body);
        assertStatus(first, 202);
        assertStatus(second, 202);
        assertThat(first.body()).contains("\"duplicate\":false").contains("\"jobId\":\"twice-1\"");
        assertThat(second.body()).contains("\"duplicate\":true");
        assertThat(first.headers().firstValue("Location")).hasValue("/api/v1/print-jobs/twice-1");
        awaitState(gateway, acme, "twice-1", "PRINTED");
        HttpResponse<String> third = gateway.post("/api/v1/print-jobs", acme, body);
        assertStatus(third, 202);
        assertThat(third.body()).contains("\"duplicate\":true").contains("\"state\":\"PRINTED\"");
        Thread.sleep(300);
        assertThat(labelCount(labels)).isEqualTo(before + 1);
        assertThat(Files.readString(PrintTesting.labels(labels).get(before))).contains("A_2D01_2D01");
    }

    @Test
    void theSameJobIdWithAnotherRequestIsRefusedAndPrintsNothing() throws Exception {
        assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("reused-1", "pack-1", "B-01-01")), 202);
        awaitState(gateway, acme, "reused-1", "PRINTED");
        int after = labelCount(labels);
        HttpResponse<String> other = gateway.post("/api/v1/print-jobs", acme, binJob("reused-1", "pack-1", "B-09-09"));
        assertStatus(other, 409);
        assertThat(other.body()).contains("JOB_ID_REUSED");
        HttpResponse<String> otherTenant = gateway.post("/api/v1/print-jobs", beta, binJob("reused-1", "pack-1",
                "B-01-01"));
        assertStatus(otherTenant, 409);
        Thread.sleep(200);
        assertThat(labelCount(labels)).isEqualTo(after);
    }

    @Test
    void orderDataCarryingZplPrintsExactlyOneLabelWithTheTextLiterally() throws Exception {
        int before = printer.printed().size();
        String data = "{\"from_name\":\"FloorGate\",\"from_street\":\"1 Dock Road\",\"from_city\":\"Rotterdam\","
                + "\"to_name\":\"" + HOSTILE + "\",\"to_street\":\"Main 1\",\"to_city\":\"Amsterdam\","
                + "\"to_country\":\"NL\",\"carrier\":\"DHL\",\"tracking\":\"JD0146000062\",\"order\":\"" + HOSTILE
                + "\",\"note\":\"" + HOSTILE + "\"}";
        assertStatus(gateway.post("/api/v1/print-jobs", acme, templateJob("hostile-1", "pack-1", "shipping-4x6",
                data)), 202);
        awaitState(gateway, acme, "hostile-1", "PRINTED");
        Thread.sleep(300);
        List<PrintedLabel> printed = printer.printed();
        assertThat(printed).hasSize(before + 1);
        PrintedLabel label = printed.get(before);
        assertThat(label.fieldData()).contains(HOSTILE);
        assertThat(label.zpl()).startsWith("^XA").endsWith("^XZ");
        assertThat(label.zpl().indexOf("^XZ")).isEqualTo(label.zpl().length() - 3);
    }

    @Test
    void rawZplIsSentAsItIs() throws Exception {
        int before = printer.printed().size();
        String zpl = "^XA^FO50,50^A0N,40,40^FDCarrier label^FS^XZ";
        HttpResponse<String> r = gateway.post("/api/v1/print-jobs", acme, "{\"jobId\":\"raw-1\",\"printer\":\"pack-1\","
                + "\"zpl\":\"" + zpl + "\"}");
        assertStatus(r, 202);
        assertThat(r.body()).contains("\"raw\":true").contains("\"template\":null");
        awaitState(gateway, acme, "raw-1", "PRINTED");
        assertThat(printer.awaitPrinted(before + 1, PrintTesting.WAIT)).isTrue();
        assertThat(printer.printed().get(before).zpl()).isEqualTo(zpl);
    }

    @Test
    void aDeviceSeesAndPrintsOnlyForItsOwnTenant() throws Exception {
        assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("acme-only-1", "pack-1", "C-01-01")), 202);
        awaitState(gateway, acme, "acme-only-1", "PRINTED");
        assertStatus(gateway.get("/api/v1/print-jobs/acme-only-1", beta), 404);
        assertStatus(gateway.post("/api/v1/print-jobs/acme-only-1/reprint", beta, "{\"reason\":\"mine now\"}"), 404);
        assertThat(gateway.get("/api/v1/print-jobs", beta).body()).doesNotContain("acme-only-1");
        assertThat(gateway.get("/api/v1/print-jobs", acme).body()).contains("acme-only-1");
        assertThat(gateway.get("/api/v1/print-jobs", TestGateway.ADMIN_TOKEN).body()).contains("acme-only-1");
        HttpResponse<String> forOther = gateway.post("/api/v1/print-jobs", beta,
                "{\"jobId\":\"beta-for-acme\",\"tenant\":\"acme\",\"printer\":\"pack-1\",\"template\":\"bin-location\","
                        + "\"data\":{\"bin\":\"X\",\"warehouse\":\"SH01\"}}");
        assertStatus(forOther, 403);
        assertThat(gateway.get("/api/v1/print-jobs/beta-for-acme", TestGateway.ADMIN_TOKEN).statusCode()).isEqualTo(404);
        // the job's events go to its tenant only
        List<GatewayEvent> events = gateway.context().getBean(EventHub.class)
                .recent(e -> e.type().equals("print-job") && "acme-only-1".equals(e.printJob().jobId()), 50);
        assertThat(events).isNotEmpty().allMatch(e -> "acme".equals(e.tenant()));
        assertThat(events).anyMatch(e -> "PRINTED".equals(e.printJob().state()));
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        assertThat(refused("{\"printer\":\"pack-1\",\"zpl\":\"^XA^XZ\"}", 400)).contains("jobId");
        assertThat(refused(binJob("bad-1", "nope", "A"), 400)).contains("printer").contains("pack-1");
        assertThat(refused(templateJob("bad-2", "pack-1", "no-such-template", "{}"), 400)).contains("template")
                .contains("UNKNOWN_TEMPLATE");
        assertThat(refused(templateJob("bad-3", "pack-1", "sku-gtin", "{\"sku\":\"S\",\"description\":\"d\"}"), 422))
                .contains("MISSING_FIELD").contains("'gtin'");
        assertThat(refused(templateJob("bad-4", "pack-1", "sku-gtin", "{\"sku\":\"S\",\"description\":\"d\","
                + "\"gtin\":\"09501101530004\"}"), 400)).contains("gtin").contains("check digit");
        assertThat(refused("{\"jobId\":\"bad-5\",\"printer\":\"pack-1\",\"template\":\"bin-location\",\"copies\":0,"
                + "\"data\":{\"bin\":\"A\",\"warehouse\":\"SH01\"}}", 400)).contains("copies");
        assertThat(refused("{\"jobId\":\"bad-6\",\"printer\":\"pack-1\",\"zpl\":\"^XA^XZ\",\"template\":\"sku-gtin\"}",
                400)).contains("zpl");
        assertThat(refused("{\"jobId\": ", 400)).contains("MALFORMED_JSON");
        assertThat(refused("{\"jobId\":\"bad 7\",\"printer\":\"pack-1\",\"zpl\":\"^XA^XZ\"}", 400)).contains("jobId");
        assertThat(refused(templateJob("bad-8", "pack-1", "bin-location", "[1,2]"), 400)).contains("data");
        assertStatus(gateway.post("/api/v1/print-jobs", null, binJob("bad-9", "pack-1", "A")), 401);
        HttpResponse<String> adminWithoutTenant = gateway.post("/api/v1/print-jobs", TestGateway.ADMIN_TOKEN,
                binJob("bad-10", "pack-1", "A"));
        assertStatus(adminWithoutTenant, 400);
        assertThat(adminWithoutTenant.body()).contains("tenant");
        assertStatus(gateway.get("/api/v1/print-jobs?state=SOMEWHERE", acme), 400);
        for (String id : List.of("bad-1", "bad-2", "bad-3", "bad-4", "bad-5", "bad-6", "bad-10")) {
            assertStatus(gateway.get("/api/v1/print-jobs/" + id, TestGateway.ADMIN_TOKEN), 404);
        }
    }

    @Test
    void aHeldJobCanBeDiscardedAndReprintedWithAReasonAndPrintsOnce() throws Exception {
        printer.pause(true);
        try {
            assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("held-1", "pack-1", "D-01-01")), 202);
            String held = awaitState(gateway, acme, "held-1", "HELD");
            assertThat(held).contains("\"fault\":\"paused\"");
            HttpResponse<String> noReason = gateway.post("/api/v1/print-jobs/held-1/discard", acme, "{}");
            assertStatus(noReason, 400);
            assertThat(noReason.body()).contains("reason");
            HttpResponse<String> discarded = gateway.post("/api/v1/print-jobs/held-1/discard", acme,
                    "{\"reason\":\"order cancelled\"}");
            assertStatus(discarded, 200);
            assertThat(discarded.body()).contains("\"state\":\"FAILED\"").contains("\"by\":\"device:pda-a\"")
                    .contains("\"reason\":\"order cancelled\"").contains("\"action\":\"DISCARD\"");
        } finally {
            printer.pause(false);
        }
        int before = labelCount(labels);
        Thread.sleep(500);
        assertThat(labelCount(labels)).as("a discarded job is not printed").isEqualTo(before);
        assertStatus(gateway.post("/api/v1/print-jobs/held-1/reprint", TestGateway.ADMIN_TOKEN,
                "{\"reason\":\"order reinstated\"}"), 200);
        awaitState(gateway, acme, "held-1", "PRINTED");
        Thread.sleep(200);
        assertThat(labelCount(labels)).isEqualTo(before + 1);
        HttpResponse<String> again = gateway.post("/api/v1/print-jobs/held-1/mark-printed", acme,
                "{\"reason\":\"just because\"}");
        assertStatus(again, 409);
        assertThat(again.body()).contains("INVALID_STATE");
        String history = gateway.get("/api/v1/print-jobs/held-1", acme).body();
        assertThat(history).contains("\"action\":\"DISCARD\"").contains("\"action\":\"REPRINT\"")
                .contains("\"by\":\"admin\"").contains("order reinstated");
    }

    @Test
    void aSendThatBreaksOffIsDecidedByTheLabelCounterAndPrintedExactlyOnce() throws Exception {
        int before = labelCount(labels);
        // the connection is reset part-way through the job: the label counter proves it did not print
        printer.dropNextFormat(32);
        assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("cut-1", "pack-1", "E-01-01")), 202);
        String printed = awaitState(gateway, acme, "cut-1", "PRINTED");
        assertThat(printed).contains("REQUEUED_BY_COUNTER").contains("0 of 1 labels came out");
        Thread.sleep(500);
        assertThat(labelCount(labels)).as("printed once, by itself").isEqualTo(before + 1);
    }

    @Test
    void aJobWhoseCountCannotBeKnownIsMaybePrintedUntilAPersonMarksItPrinted() throws Exception {
        printer.labelMillis(5000); // the label takes its time: the job sits in the printer, SENT
        try {
            assertStatus(gateway.post("/api/v1/print-jobs", acme, binJob("cut-2", "pack-1", "E-02-02")), 202);
            awaitState(gateway, acme, "cut-2", "SENT");
            printer.replacePrinter("SIM0000999", 0); // another printer at the same address: its counter says nothing
        } finally {
            printer.labelMillis(0);
        }
        String maybe = awaitState(gateway, acme, "cut-2", "MAYBE_PRINTED");
        assertThat(maybe).contains("\"fault\":\"label count unknown\"").contains("the printer was replaced")
                .contains("COUNT_UNKNOWN");
        HttpResponse<String> marked = gateway.post("/api/v1/print-jobs/cut-2/mark-printed", acme,
                "{\"reason\":\"label is on the parcel\"}");
        assertStatus(marked, 200);
        assertThat(marked.body()).contains("\"state\":\"PRINTED\"").contains("\"action\":\"MARK_PRINTED\"");
        assertThat(gateway.get("/api/v1/print-jobs?state=PRINTED&printer=pack-1", acme).body()).contains("cut-2");
    }

    private String refused(String body, int status) throws Exception {
        HttpResponse<String> r = gateway.post("/api/v1/print-jobs", acme, body);
        assertStatus(r, status);
        assertThat(r.body()).contains("\"error\":").contains("\"message\":");
        return r.body();
    }
}
