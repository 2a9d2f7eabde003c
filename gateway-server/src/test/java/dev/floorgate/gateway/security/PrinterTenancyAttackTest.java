package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.lan.GatewayEvent;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 1, the sharing half, through the real gateway: a device of tenant beta cannot print on, list or
 * act on jobs of acme's printer ({@code fg.printers.acme-label.tenants: [acme]}), nor see it in the device list or
 * its state changes in the event stream, and is told exactly what it is told for a printer that does not exist; and no tenant fills a shared printer's queue for the others
 * ({@code fg.print.tenant-queue-limit}, by default half of a shared printer's queue): the refusal is 429
 * TENANT_QUEUE_FULL naming the limit and the count, while the other tenant still queues.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrinterTenancyAttackTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String LABEL = "^XA^FO20,20^A0N,30,30^FDlabel^FS^XZ";

    PrinterSimulator acmePrinter;
    PrinterSimulator sharedPrinter;
    TestGateway gateway;
    String acme;
    String beta;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        acmePrinter = PrinterSimulator.builder().start();
        sharedPrinter = PrinterSimulator.builder().start();
        String opts = "?statusTimeout=1s&pollInterval=0&reconnectMin=50ms&reconnectMax=200ms";
        Map<String, Object> config = new HashMap<>();
        config.put("fg.printers.acme-label.url", "tcp://127.0.0.1:" + acmePrinter.port() + opts);
        config.put("fg.printers.acme-label.tenants", List.of("acme"));
        config.put("fg.printers.shared-label.url", "tcp://127.0.0.1:" + sharedPrinter.port() + opts);
        config.put("fg.printers.shared-label.shared", true);
        config.put("fg.print.max-queued-per-printer", 10);
        config.put("fg.print.hold-poll-interval", "100ms");
        gateway = new TestGateway(dir.resolve("data"), config);
        acme = gateway.enroll("pda-a", "acme", "SH01");
        beta = gateway.enroll("pda-b", "beta", "SH01");
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {gateway, acmePrinter, sharedPrinter}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing what the test opened; the next resource still closes
            }
        }
    }

    @Test
    void anotherTenantsPrinterIsRefusedExactlyLikeAPrinterThatDoesNotExist() throws Exception {
        String probe = "^XA^FO20,20^A0N,30,30^FDbeta-probe^FS^XZ";
        HttpResponse<String> acmes = job(beta, "beta-on-acme", "acme-label", probe);
        HttpResponse<String> none = job(beta, "beta-on-none", "no-such", probe);
        assertThat(acmes.statusCode()).as(acmes.body()).isEqualTo(none.statusCode()).isEqualTo(400);
        assertThat(acmes.body().replace("acme-label", "X")).isEqualTo(none.body().replace("no-such", "X"));
        assertThat(acmes.body()).doesNotContain("acme\"").contains("shared-label");
        // printer-control ZPL to it is told the same: the command check never reveals the printer
        HttpResponse<String> control = job(beta, "beta-ctl-acme", "acme-label", "~PP");
        assertThat(control.body().replace("acme-label", "X")).isEqualTo(job(beta, "beta-ctl-none", "no-such",
                "~PP").body().replace("no-such", "X"));
        assertThat(gateway.get("/api/v1/devices", beta).body()).doesNotContain("acme-label").contains("shared-label");
        assertThat(gateway.get("/api/v1/devices", acme).body()).contains("acme-label", "shared-label");
        assertThat(new String(acmePrinter.received(), StandardCharsets.ISO_8859_1)).doesNotContain("beta-probe");
    }

    @Test
    void anotherTenantCannotListOrActOnJobsOfAcmesPrinter() throws Exception {
        HttpResponse<String> mine = job(acme, "acme-own-1", "acme-label", LABEL);
        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> gateway.get("/api/v1/print-jobs/acme-own-1", acme).body()
                .contains("\"state\":\"PRINTED\""));
        assertThat(gateway.get("/api/v1/print-jobs?printer=acme-label", acme).body()).contains("acme-own-1");
        assertThat(gateway.get("/api/v1/print-jobs?printer=acme-label", beta).body()).doesNotContain("acme-own-1");
        assertThat(gateway.get("/api/v1/print-jobs", beta).body()).doesNotContain("acme-own-1", "acme-label");
        assertThat(gateway.get("/api/v1/print-jobs/acme-own-1", beta).statusCode()).isEqualTo(404);
        HttpResponse<String> reprint = gateway.post("/api/v1/print-jobs/acme-own-1/reprint", beta,
                "{\"reason\":\"take it over\"}");
        assertThat(reprint.statusCode()).isEqualTo(404);
        assertThat(reprint.body()).doesNotContain("acme-label");
    }

    @Test
    void oneTenantCannotFillASharedPrintersQueue() throws Exception {
        sharedPrinter.pause(true); // jobs wait HELD, counted against the queue
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = job(beta, "beta-flood-" + i, "shared-label", LABEL);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            }
            HttpResponse<String> sixth = job(beta, "beta-flood-5", "shared-label", LABEL);
            assertThat(sixth.statusCode()).as(sixth.body()).isEqualTo(429);
            assertThat(sixth.body()).contains("\"error\":\"TENANT_QUEUE_FULL\"").contains("has 5 jobs waiting")
                    .contains("limit is 5").contains("fg.print.tenant-queue-limit");
            assertThat(gateway.get("/api/v1/print-jobs/beta-flood-5", beta).statusCode()).isEqualTo(404);
            HttpResponse<String> other = job(acme, "acme-while-flooded", "shared-label", LABEL);
            assertThat(other.statusCode()).as("acme still queues: " + other.body()).isEqualTo(202);
        } finally {
            sharedPrinter.pause(false);
        }
        await().atMost(WAIT).until(() -> gateway.get("/api/v1/print-jobs/acme-while-flooded", acme).body()
                .contains("\"state\":\"PRINTED\""));
        // once beta's jobs printed, beta queues again
        await().atMost(WAIT).until(() -> gateway.get("/api/v1/print-jobs/beta-flood-4", beta).body()
                .contains("\"state\":\"PRINTED\""));
        assertThat(job(beta, "beta-after-flood", "shared-label", LABEL).statusCode()).isEqualTo(202);
    }

    @Test
    void anotherTenantsPrintersStateChangesAreNotInItsEventStream() throws Exception {
        EventHub hub = gateway.context().getBean(EventHub.class);
        acmePrinter.pause(true);
        try {
            await().atMost(WAIT).until(() -> !events(hub, "acme-label").isEmpty());
        } finally {
            acmePrinter.pause(false);
        }
        assertThat(events(hub, "acme-label")).allMatch(e -> "acme".equals(e.tenant()))
                .noneMatch(e -> EventHub.visibleTo(e, "beta"));
        sharedPrinter.pause(true);
        try {
            await().atMost(WAIT).until(() -> !events(hub, "shared-label").isEmpty());
        } finally {
            sharedPrinter.pause(false);
        }
        assertThat(events(hub, "shared-label")).allMatch(e -> EventHub.visibleTo(e, "beta"));
    }

    private static List<GatewayEvent> events(EventHub hub, String printer) {
        return hub.recent(e -> e.type().equals("device") && printer.equals(e.device().name()), 1000);
    }

    private HttpResponse<String> job(String token, String jobId, String printer, String zpl) throws Exception {
        return gateway.post("/api/v1/print-jobs", token, "{\"jobId\":\"" + jobId + "\",\"printer\":\"" + printer
                + "\",\"zpl\":\"" + zpl + "\"}");
    }
}
