package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.gateway.TestGateway;
import dev.floorgate.sync.LocationItem;
import dev.floorgate.sync.SkuItem;
import dev.floorgate.sync.SyncEngine;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 6f: a device of tenant beta that posts an opId or a print jobId tenant acme already used learns
 * that the id is taken and nothing else: no tenant, device, printer, template, SKU, quantity or sequence number of
 * acme's operation or job, and the same words acme gets for reusing its own id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdReuseAttackTest {
    /** What acme's first uses carry; none of it may reach beta. */
    private static final List<String> ACME_SECRETS = List.of("acme", "pda-a", "SKU-123", "A-01-03", "seq",
            "bin-location", "\"qty\"", "fingerprint", "device");

    @TempDir
    static Path dir;
    private PrinterSimulator printer;
    private TestGateway gateway;
    private String acme;
    private String beta;

    @BeforeAll
    void start() throws Exception {
        printer = PrinterSimulator.builder().captureDir(dir.resolve("labels")).start();
        gateway = new TestGateway(dir.resolve("data"), Map.of(
                "fg.printers.pack-1.url", "tcp://127.0.0.1:" + printer.port()
                        + "?statusTimeout=1s&pollInterval=0&reconnectMin=50ms&reconnectMax=200ms"));
        gateway.context().getBean(SyncEngine.class).cache().apply(List.of(
                new SkuItem("acme", "SKU-123", "Blue widget", "EA", List.of(), List.of()),
                new SkuItem("beta", "SKU-B1", "Beta thing", "EA", List.of(), List.of()),
                new LocationItem("acme", "SH01", "A-01-03", "BIN"),
                new LocationItem("beta", "SH01", "Z-99-99", "BIN")));
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

    private static String pick(String opId, String tenant, String sku, String bin, int qty) {
        return "{\"opId\":\"" + opId + "\",\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\",\"type\":\"PICK\","
                + "\"sku\":\"" + sku + "\",\"qty\":" + qty + ",\"location\":\"" + bin + "\"}";
    }

    /** The rejected entry of a 422 answer, the part that describes the conflict. */
    private static String rejected(HttpResponse<String> r) {
        int at = r.body().indexOf("\"rejected\"");
        assertThat(at).as(r.body()).isPositive();
        return r.body().substring(at);
    }

    @Test
    void anotherTenantsOpIdIsRefusedWithoutAWordAboutTheFirstUse() throws Exception {
        String taken = "0190f5c2-7b1a-7c3e-8f00-00000000f6a1";
        assertThat(gateway.post("/api/v1/operations", acme, pick(taken, "acme", "SKU-123", "A-01-03", 2))
                .statusCode()).isEqualTo(202);

        HttpResponse<String> probe = gateway.post("/api/v1/operations", beta,
                pick(taken, "beta", "SKU-B1", "Z-99-99", 1));
        assertThat(probe.statusCode()).as(probe.body()).isEqualTo(422);
        assertThat(probe.body()).contains("OP_ID_REUSED");
        for (String secret : ACME_SECRETS) {
            assertThat(probe.body()).as("beta's answer names acme's " + secret).doesNotContain(secret);
        }

        HttpResponse<String> own = gateway.post("/api/v1/operations", acme,
                pick(taken, "acme", "SKU-123", "A-01-03", 3));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(422);
        assertThat(rejected(probe)).as("the same words as acme's conflict with its own opId")
                .isEqualTo(rejected(own));
        assertThat(gateway.get("/api/v1/operations/" + taken, beta).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherTenantsJobIdIsRefusedWithoutAWordAboutTheFirstJob() throws Exception {
        String taken = "job-f6-1";
        HttpResponse<String> first = gateway.post("/api/v1/print-jobs", acme, "{\"jobId\":\"" + taken
                + "\",\"printer\":\"pack-1\",\"template\":\"bin-location\",\"data\":{\"bin\":\"A-01-03\","
                + "\"warehouse\":\"SH01\"}}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);

        String betaJob = "{\"jobId\":\"" + taken + "\",\"printer\":\"pack-1\",\"template\":\"bin-location\","
                + "\"data\":{\"bin\":\"Z-99-99\",\"warehouse\":\"SH01\"}}";
        HttpResponse<String> probe = gateway.post("/api/v1/print-jobs", beta, betaJob);
        assertThat(probe.statusCode()).as(probe.body()).isBetween(400, 499);
        for (String secret : ACME_SECRETS) {
            assertThat(probe.body()).as("beta's answer names acme's " + secret).doesNotContain(secret);
        }
        if (probe.statusCode() == 409) {
            HttpResponse<String> own = gateway.post("/api/v1/print-jobs", acme, betaJob.replace("beta", "acme"));
            assertThat(own.statusCode()).as(own.body()).isEqualTo(409);
            assertThat(probe.body()).as("the same answer as acme's conflict with its own jobId").isEqualTo(own.body());
        }
        assertThat(gateway.get("/api/v1/print-jobs/" + taken, beta).statusCode()).isEqualTo(404);
    }
}
