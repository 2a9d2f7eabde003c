package dev.floorgate.gateway;

import static dev.floorgate.gateway.PrintTesting.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrintedLabel;
import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.devices.sim.ScannerSimulator;
import dev.floorgate.gateway.internal.events.EventHub;
import dev.floorgate.lan.GatewayEvent;
import dev.floorgate.sync.OrderItem;
import dev.floorgate.sync.OrderLine;
import dev.floorgate.sync.SyncEngine;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stations end to end: a frame from a scanner simulator (over TCP, and over a socat serial pair) is decoded, the
 * order is found in the gateway's cache, the station's template is filled and the label arrives at the printer
 * simulator; raw ZPL carried in a scan is printed as it is; scans that cannot be printed are station events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StationsTest {
    static final String HOSTILE_ORDER = "SO-^XZ^XA^FO0,0^FDX^FS^XZ";

    PrinterSimulator printer;
    ScannerSimulator tcpScanner;
    ScannerSimulator rawScanner;
    ScannerSimulator serialScanner;
    SerialPair serial;
    TestGateway gateway;
    String acme;
    String beta;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        printer = PrinterSimulator.builder().captureDir(dir.resolve("labels")).start();
        tcpScanner = ScannerSimulator.listen(0).start();
        rawScanner = ScannerSimulator.listen(0).start();
        serial = new SerialPair(dir);
        Map<String, Object> config = new HashMap<>();
        config.put("fg.templates-dir", PrintTesting.siteTemplates(dir.resolve("templates")).toString());
        config.put("fg.printers.pack-printer.url", "tcp://127.0.0.1:" + printer.port() + "?pollInterval=0");
        config.put("fg.scanners.dock-tcp.url", "tcp://127.0.0.1:" + tcpScanner.port() + "?reconnectMax=500ms");
        config.put("fg.scanners.dock-raw.url", "tcp://127.0.0.1:" + rawScanner.port() + "?reconnectMax=500ms");
        config.put("fg.scanners.dock-serial.url", "serial://" + serial.gatewayEnd + "?baud=9600&suffix=CRLF");
        config.put("fg.scanners.spare.url", "tcp-listen://127.0.0.1:0");
        station(config, "pack-tcp", "dock-tcp", "order-label", "DHL");
        station(config, "pack-serial", "dock-serial", "order-label", "UPS");
        config.put("fg.stations.pack-raw.scanner", "dock-raw");
        config.put("fg.stations.pack-raw.printer", "pack-printer");
        config.put("fg.stations.pack-raw.on-scan", "raw");
        config.put("fg.stations.pack-raw.tenant", "acme");
        gateway = new TestGateway(dir.resolve("data"), config);
        gateway.context().getBean(SyncEngine.class).cache().apply(List.of(
                new OrderItem("acme", "SH01", "SO-1001", "RESERVED", List.of(
                        new OrderLine(1, "SKU-1", 2, 2, 0, "A-01-01"), new OrderLine(2, "SKU-2", 3, 3, 0, "A-01-02"))),
                new OrderItem("acme", "SH01", "SO-1002", "RESERVED", List.of(
                        new OrderLine(1, "SKU-9", 1, 1, 0, "B-01-01"))),
                new OrderItem("acme", "SH01", "SO-1003", "RESERVED", List.of(
                        new OrderLine(1, "SKU-9", 4, 4, 0, "B-01-01"))),
                new OrderItem("acme", "SH01", HOSTILE_ORDER, "RESERVED", List.of(
                        new OrderLine(1, "SKU-1", 1, 1, 0, "A-01-01"))),
                new OrderItem("beta", "SH01", "SO-B1", "RESERVED", List.of(
                        new OrderLine(1, "SKU-B", 1, 1, 0, "Z-01-01")))));
        serialScanner = ScannerSimulator.serial(serial.deviceEnd.toString()).baud(9600).start();
        acme = gateway.enroll("pda-a", "acme", "SH01");
        beta = gateway.enroll("pda-b", "beta", "SH01");
        assertThat(tcpScanner.awaitGateway(WAIT)).isTrue();
        assertThat(rawScanner.awaitGateway(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> gateway.get("/api/v1/devices", TestGateway.ADMIN_TOKEN).body()
                .matches("(?s).*\"name\":\"dock-serial\",[^}]*\"connected\":true.*"));
    }

    private static void station(Map<String, Object> config, String name, String scanner, String template,
            String carrier) {
        config.put("fg.stations." + name + ".scanner", scanner);
        config.put("fg.stations." + name + ".printer", "pack-printer");
        config.put("fg.stations." + name + ".on-scan", template);
        config.put("fg.stations." + name + ".tenant", "acme");
        config.put("fg.stations." + name + ".warehouse", "SH01");
        config.put("fg.stations." + name + ".defaults.carrier", carrier);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gateway, serialScanner, tcpScanner, rawScanner, printer, serial}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void anOrderScannedOverTcpPrintsTheStationsLabel() throws Exception {
        int before = printer.printed().size();
        tcpScanner.scan("SO-1001");
        PrintedLabel label = awaitLabel(before);
        assertThat(label.fieldData()).contains("Order SO-1001", "2 lines, 5 units from SH01", "SKU-1, SKU-2", "DHL");
        String jobs = gateway.get("/api/v1/print-jobs?printer=pack-printer", acme).body();
        assertThat(jobs).contains("\"station\":\"pack-tcp\"").contains("\"createdBy\":\"station:pack-tcp\"")
                .contains("\"template\":\"order-label\"");
        assertThat(gateway.get("/api/v1/print-jobs", beta).body()).doesNotContain("pack-tcp");
    }

    @Test
    void anOrderScannedOnASerialScannerPrintsTheStationsLabel() throws Exception {
        int before = printer.printed().size();
        serialScanner.scan("SO-1002");
        PrintedLabel label = awaitLabel(before);
        assertThat(label.fieldData()).contains("Order SO-1002", "1 lines, 1 units from SH01", "UPS");
    }

    @Test
    void zplCarriedInAScanIsPrintedAsItIsAtARawStation() throws Exception {
        int before = printer.printed().size();
        String zpl = "^XA^FO30,30^A0N,40,40^FDCarrier 1Z999^FS^XZ";
        rawScanner.scan(zpl);
        assertThat(awaitLabel(before).zpl()).isEqualTo(zpl);
    }

    @Test
    void anOrderNumberCarryingZplPrintsOneLabelWithTheTextLiterally() throws Exception {
        int before = printer.printed().size();
        tcpScanner.scan(HOSTILE_ORDER);
        PrintedLabel label = awaitLabel(before);
        assertThat(label.fieldData()).contains("Order " + HOSTILE_ORDER);
        Thread.sleep(300);
        assertThat(printer.printed()).hasSize(before + 1);
    }

    @Test
    void scansThatCannotBePrintedAreStationEventsAndPrintNothing() throws Exception {
        int before = printer.printed().size();
        EventHub hub = gateway.context().getBean(EventHub.class);
        tcpScanner.scan("SO-B1"); // another tenant's order: the station's tenant does not see it
        rawScanner.scan("NOT-ZPL-123");
        await().atMost(WAIT).until(() -> hub.recent(e -> e.type().equals("station"), 100).stream()
                .anyMatch(e -> "dock-raw".equals(e.station().scanner())));
        List<GatewayEvent> events = hub.recent(e -> e.type().equals("station"), 100);
        assertThat(events).anyMatch(e -> "NO_MATCH".equals(e.station().outcome()) && "SO-B1".equals(
                e.station().scan()) && "acme".equals(e.tenant()));
        assertThat(events).anyMatch(e -> "PROBLEM".equals(e.station().outcome())
                && String.valueOf(e.station().message()).contains("^XA"));
        // the stations go on working after a bad scan
        tcpScanner.scan("SO-1003");
        assertThat(awaitLabel(before).fieldData()).contains("Order SO-1003");
        Thread.sleep(200);
        assertThat(printer.printed()).as("only the good scan printed").hasSize(before + 1);
        assertThat(gateway.get("/metrics", null).body())
                .contains("floorgate_station_scans_total{station=\"pack-tcp\",outcome=\"no_match\"} 1")
                .contains("floorgate_station_scans_total{station=\"pack-raw\",outcome=\"problem\"} 1")
                .contains("floorgate_scanner_connected{scanner=\"dock-tcp\"} 1");
    }

    @Test
    void theDeviceListShowsPrintersScannersStationsAndTheTenantsPdas() throws Exception {
        String acmeView = gateway.get("/api/v1/devices", acme).body();
        assertThat(acmeView).contains("\"name\":\"pack-printer\"")
                .contains("\"stations\":[\"pack-raw\",\"pack-serial\",\"pack-tcp\"]")
                .containsPattern("\"name\":\"dock-tcp\",[^}]*\"state\":\"online\"")
                .containsPattern("\"name\":\"spare\",[^}]*\"stations\":\\[\\]")
                .contains("\"onScan\":\"order-label\"")
                .contains("\"deviceId\":\"pda-a\"").doesNotContain("\"deviceId\":\"pda-b\"");
        String betaView = gateway.get("/api/v1/devices", beta).body();
        assertThat(betaView).contains("\"name\":\"pack-printer\"").contains("\"stations\":[]")
                .contains("\"deviceId\":\"pda-b\"").doesNotContain("\"deviceId\":\"pda-a\"");
        assertThat(gateway.get("/api/v1/devices", null).statusCode()).isEqualTo(401);
    }

    private PrintedLabel awaitLabel(int before) throws InterruptedException {
        assertThat(printer.awaitPrinted(before + 1, WAIT)).as("a label at the printer").isTrue();
        return printer.printed().get(before);
    }
}
