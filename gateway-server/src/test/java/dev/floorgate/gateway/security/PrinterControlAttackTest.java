package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.devices.sim.ScannerSimulator;
import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.templates.ZplCheck;
import dev.floorgate.templates.ZplCommandPolicy;
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
 * Issue 22 finding 1, replayed through the real gateway against printer simulators on sockets: printer-control
 * ZPL from a PDA of another tenant ({@code ~PP}, {@code ^JUS}, an SGD setvar, {@code ~HI}) and from a raw-ZPL
 * station scan ({@code ~JR}, {@code ^JUF}) is refused naming the command and its byte offset, and not one byte of
 * it reaches the printer; the other tenant's next label prints. The printer admin role (a device listed in
 * {@code fg.printers.<name>.admin-devices}, a station with {@code printer-admin}) lets {@code ~JR} through, on that
 * printer only.
 *
 * <p>The dock printer has no tenants key: shared by every tenant, as every printer was when the review was done.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrinterControlAttackTest {
    static final Duration WAIT = Duration.ofSeconds(20);

    PrinterSimulator dock;
    PrinterSimulator office;
    ScannerSimulator rawScanner;
    ScannerSimulator itScanner;
    TestGateway gateway;
    String acme;
    String beta;
    String itDevice;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        dock = PrinterSimulator.builder().friendlyName("DOCK-1").start();
        office = PrinterSimulator.builder().start();
        rawScanner = ScannerSimulator.listen(0).start();
        itScanner = ScannerSimulator.listen(0).start();
        String opts = "?statusTimeout=1s&pollInterval=0&reconnectMin=50ms&reconnectMax=200ms";
        Map<String, Object> config = new HashMap<>();
        config.put("fg.printers.dock.url", "tcp://127.0.0.1:" + dock.port() + opts);
        config.put("fg.printers.dock.admin-devices", List.of("pda-it"));
        config.put("fg.printers.office.url", "tcp://127.0.0.1:" + office.port() + opts);
        config.put("fg.scanners.raw-scan.url", "tcp://127.0.0.1:" + rawScanner.port() + "?reconnectMax=500ms");
        config.put("fg.scanners.it-scan.url", "tcp://127.0.0.1:" + itScanner.port() + "?reconnectMax=500ms");
        config.put("fg.stations.raw-dock.scanner", "raw-scan");
        config.put("fg.stations.raw-dock.printer", "dock");
        config.put("fg.stations.raw-dock.on-scan", "raw");
        config.put("fg.stations.raw-dock.tenant", "acme");
        config.put("fg.stations.it-dock.scanner", "it-scan");
        config.put("fg.stations.it-dock.printer", "dock");
        config.put("fg.stations.it-dock.on-scan", "raw");
        config.put("fg.stations.it-dock.tenant", "acme");
        config.put("fg.stations.it-dock.printer-admin", true);
        config.put("fg.print.hold-poll-interval", "100ms");
        gateway = new TestGateway(dir.resolve("data"), config);
        acme = gateway.enroll("pda-a", "acme", "SH01");
        beta = gateway.enroll("pda-b", "beta", "SH01");
        itDevice = gateway.enroll("pda-it", "acme", "SH01");
        assertThat(rawScanner.awaitGateway(WAIT)).isTrue();
        assertThat(itScanner.awaitGateway(WAIT)).isTrue();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {gateway, rawScanner, itScanner, dock, office}) {
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
    void theIssuesAttackFromAnotherTenantsPdaIsRefusedAndNothingReachesThePrinter() throws Exception {
        // each payload carries a marker ahead of or around its command: if any byte went out, the marker shows
        Map<String, String> attacks = new java.util.LinkedHashMap<>();
        attacks.put("~PP", "^XA^FDmark-pp^FS^XZ~PP");
        attacks.put("^JU", "^XA^FDmark-jus^FS^JUS^XZ");
        attacks.put("setvar", "^XA^FDmark-sgd^FS^XZ\r\n! U1 setvar \"device.friendly_name\" \"mark-owned\"\r\n");
        attacks.put("~HI", "^XA^FDmark-hi^FS^XZ~HI");
        int n = 0;
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            String jobId = "attack-" + (n++);
            HttpResponse<String> r = gateway.post("/api/v1/print-jobs", beta, "{\"jobId\":\"" + jobId
                    + "\",\"printer\":\"dock\",\"zpl\":" + json(attack.getValue()) + "}");
            ZplCheck expected = ZplCommandPolicy.labelsOnly().check(attack.getValue());
            assertThat(expected.allowed()).as(attack.getKey()).isFalse();
            assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
            assertThat(r.body()).contains("\"error\":\"PRINTER_COMMAND_REFUSED\"")
                    .contains("at byte " + expected.offset()).contains(expected.command());
            if (!attack.getKey().equals("setvar")) {
                assertThat(r.body()).contains(attack.getKey());
            }
            assertThat(gateway.get("/api/v1/print-jobs/" + jobId, beta).statusCode()).as("nothing spooled")
                    .isEqualTo(404);
        }
        // acme's next job prints: the printer was neither paused nor renamed
        int before = dock.printed().size();
        HttpResponse<String> next = gateway.post("/api/v1/print-jobs", acme,
                "{\"jobId\":\"acme-after-attack\",\"printer\":\"dock\",\"zpl\":\"^XA^FO20,20^A0N,30,30^FDacme-next^FS^XZ\"}");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
        awaitState(acme, "acme-after-attack", "PRINTED");
        assertThat(dock.printed().size()).isEqualTo(before + 1);
        String received = new String(dock.received(), StandardCharsets.ISO_8859_1);
        assertThat(received).contains("acme-next").doesNotContain("mark-pp", "mark-jus", "mark-sgd", "mark-owned",
                "mark-hi", "~PP", "^JUS", "setvar");
        assertThat(dock.describeState()).contains("paused=off");
    }

    @Test
    void aRawStationScanCarryingPrinterControlIsAStationProblemAndIsNotForwarded() throws Exception {
        EventHub hub = gateway.context().getBean(EventHub.class);
        String jr = "^XA^FDmark-st-jr^FS^XZ~JR";
        String juf = "^XA^JUF^FDmark-st-juf^FS^XZ";
        rawScanner.scan(jr);
        rawScanner.scan(juf);
        await().atMost(WAIT).until(() -> problems(hub).size() >= 2);
        List<GatewayEvent> problems = problems(hub);
        assertThat(problems).anyMatch(e -> e.station().message().contains("~JR at byte " + jr.indexOf("~JR")));
        assertThat(problems).anyMatch(e -> e.station().message().contains("^JU at byte " + juf.indexOf("^JU")));
        // a good label from the same station still prints after the refused ones
        int before = dock.printed().size();
        rawScanner.scan("^XA^FO30,30^A0N,40,40^FDmark-st-ok^FS^XZ");
        assertThat(dock.awaitPrinted(before + 1, WAIT)).isTrue();
        String received = new String(dock.received(), StandardCharsets.ISO_8859_1);
        assertThat(received).contains("mark-st-ok").doesNotContain("mark-st-jr", "mark-st-juf", "^JUF");
    }

    @Test
    void thePrinterAdminRolePassesPrinterControlOnItsPrinterOnly() throws Exception {
        HttpResponse<String> onDock = gateway.post("/api/v1/print-jobs", itDevice,
                "{\"jobId\":\"it-reset-1\",\"printer\":\"dock\",\"zpl\":\"^XA^FDmark-it-jr^FS^XZ~JR\"}");
        assertThat(onDock.statusCode()).as(onDock.body()).isEqualTo(202);
        await().atMost(WAIT).until(() -> new String(dock.received(), StandardCharsets.ISO_8859_1)
                .contains("mark-it-jr^FS^XZ~JR"));
        // the role is per printer: the same device on the office printer is a LAN device like any other
        HttpResponse<String> onOffice = gateway.post("/api/v1/print-jobs", itDevice,
                "{\"jobId\":\"it-reset-2\",\"printer\":\"office\",\"zpl\":\"^XA^FDmark-it-office^FS^XZ~JR\"}");
        assertThat(onOffice.statusCode()).as(onOffice.body()).isEqualTo(403);
        assertThat(onOffice.body()).contains("PRINTER_COMMAND_REFUSED").contains("~JR");
        // and a station with printer-admin forwards it too
        itScanner.scan("^XA^FDmark-it-station^FS^XZ~JR");
        await().atMost(WAIT).until(() -> new String(dock.received(), StandardCharsets.ISO_8859_1)
                .contains("mark-it-station^FS^XZ~JR"));
        assertThat(new String(office.received(), StandardCharsets.ISO_8859_1)).doesNotContain("mark-it-office");
    }

    private static List<GatewayEvent> problems(EventHub hub) {
        return hub.recent(e -> e.type().equals("station") && "PROBLEM".equals(e.station().outcome())
                && "raw-dock".equals(e.station().station()), 100);
    }

    private void awaitState(String token, String jobId, String state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> gateway.get("/api/v1/print-jobs/"
                + jobId, token).body().contains("\"state\":\"" + state + "\""));
    }

    /** A JSON string literal of {@code text}. */
    static String json(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                default -> sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
