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
import java.net.http.HttpResponse;
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
 * Rehearsing stations ({@code fg.stations.<name>.rehearse}, issue 12 item 6) with the real printer and scanner
 * simulators over sockets: a scan that matches nothing prints the template's sample values with the station's
 * defaults as a {@code st-NAME-rehearsal-} job and a REHEARSAL event; a real match still prints real data; a
 * station that does not rehearse prints nothing for the same scan. And a print job naming a station may leave out
 * what the station's defaults give; without them a missing required field is 422 MISSING_FIELD.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StationRehearsalTest {
    PrinterSimulator printer;
    ScannerSimulator rehearsing;
    ScannerSimulator live;
    TestGateway gateway;
    String acme;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        printer = PrinterSimulator.builder().captureDir(dir.resolve("labels")).start();
        rehearsing = ScannerSimulator.listen(0).start();
        live = ScannerSimulator.listen(0).start();
        Map<String, Object> config = new HashMap<>();
        config.put("fg.templates-dir", PrintTesting.siteTemplates(dir.resolve("templates")).toString());
        config.put("fg.printers.pack-printer.url", "tcp://127.0.0.1:" + printer.port() + "?pollInterval=0");
        config.put("fg.scanners.dock-1.url", "tcp://127.0.0.1:" + rehearsing.port() + "?reconnectMax=500ms");
        config.put("fg.scanners.dock-2.url", "tcp://127.0.0.1:" + live.port() + "?reconnectMax=500ms");
        station(config, "pack-1", "dock-1");
        config.put("fg.stations.pack-1.rehearse", "true");
        station(config, "pack-2", "dock-2");
        gateway = new TestGateway(dir.resolve("data"), config);
        gateway.context().getBean(SyncEngine.class).cache().apply(List.of(
                new OrderItem("acme", "SH01", "SO-7001", "RESERVED", List.of(
                        new OrderLine(1, "SKU-1", 2, 2, 0, "A-01-01")))));
        acme = gateway.enroll("pda-a", "acme", "SH01");
        assertThat(rehearsing.awaitGateway(WAIT)).isTrue();
        assertThat(live.awaitGateway(WAIT)).isTrue();
    }

    private static void station(Map<String, Object> config, String name, String scanner) {
        config.put("fg.stations." + name + ".scanner", scanner);
        config.put("fg.stations." + name + ".printer", "pack-printer");
        config.put("fg.stations." + name + ".on-scan", "order-label");
        config.put("fg.stations." + name + ".tenant", "acme");
        config.put("fg.stations." + name + ".warehouse", "SH01");
        config.put("fg.stations." + name + ".defaults.carrier", "POSTNL");
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {gateway, rehearsing, live, printer}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void aScanMatchingNothingPrintsTheSampleLabelWithTheStationsDefaultsAndSaysSo() throws Exception {
        int before = printer.printed().size();
        rehearsing.scan("NOTHING-LIKE-THIS");
        PrintedLabel label = awaitLabel(before);
        // the template's samples (order, lines, units, warehouse, skus) and the station's default carrier
        assertThat(label.fieldData()).contains("Order SO-2025-000123", "2 lines, 5 units from SH01",
                "SKU-1, SKU-2", "POSTNL").doesNotContain("DHL");
        String jobs = gateway.get("/api/v1/print-jobs?printer=pack-printer", acme).body();
        assertThat(jobs).containsPattern("\"jobId\":\"st-pack-1-rehearsal-[0-9a-f-]{36}\"");
        EventHub hub = gateway.context().getBean(EventHub.class);
        List<GatewayEvent> events = hub.recent(e -> e.type().equals("station"), 100);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.station().outcome()).isEqualTo("REHEARSAL");
            assertThat(e.station().station()).isEqualTo("pack-1");
            assertThat(e.station().scan()).isEqualTo("NOTHING-LIKE-THIS");
            assertThat(e.station().message()).contains("rehearsal").contains("sample values")
                    .contains("st-pack-1-rehearsal-");
            assertThat(e.tenant()).isEqualTo("acme");
        });
    }

    @Test
    void aRealMatchAtARehearsingStationPrintsTheRealOrder() throws Exception {
        int before = printer.printed().size();
        rehearsing.scan("SO-7001");
        PrintedLabel label = awaitLabel(before);
        assertThat(label.fieldData()).contains("Order SO-7001", "1 lines, 2 units from SH01", "POSTNL");
        assertThat(gateway.get("/api/v1/print-jobs?printer=pack-printer", acme).body())
                .containsPattern("\"jobId\":\"st-pack-1-[0-9a-f]{8}-");
    }

    @Test
    void aStationThatDoesNotRehearsePrintsNothingForTheSameScan() throws Exception {
        EventHub hub = gateway.context().getBean(EventHub.class);
        int before = printer.printed().size();
        live.scan("NOTHING-HERE-EITHER");
        await().atMost(WAIT).until(() -> hub.recent(e -> e.type().equals("station"), 100).stream()
                .anyMatch(e -> "pack-2".equals(e.station().station()) && "NO_MATCH".equals(e.station().outcome())));
        Thread.sleep(300);
        assertThat(printer.printed()).hasSize(before);
        assertThat(gateway.get("/api/v1/print-jobs?printer=pack-printer", acme).body())
                .doesNotContain("st-pack-2-rehearsal-");
    }

    @Test
    void aPrintJobAtAStationMayLeaveOutWhatTheStationsDefaultsGive() throws Exception {
        int before = printer.printed().size();
        String data = "{\"order\":\"SO-8001\",\"warehouse\":\"SH01\",\"lines\":1,\"units\":4}"; // no carrier
        HttpResponse<String> atStation = gateway.post("/api/v1/print-jobs", acme, "{\"jobId\":\"api-st-1\","
                + "\"station\":\"pack-2\",\"template\":\"order-label\",\"data\":" + data + "}");
        assertThat(atStation.statusCode()).as(atStation.body()).isEqualTo(202);
        assertThat(awaitLabel(before).fieldData()).contains("Order SO-8001", "POSTNL");

        HttpResponse<String> noStation = gateway.post("/api/v1/print-jobs", acme, "{\"jobId\":\"api-st-2\","
                + "\"printer\":\"pack-printer\",\"template\":\"order-label\",\"data\":" + data + "}");
        assertThat(noStation.statusCode()).as(noStation.body()).isEqualTo(422);
        assertThat(noStation.body()).startsWith("{\"error\":\"MISSING_FIELD\",\"message\":\"data.carrier: ")
                .contains("'carrier'");
        assertThat(gateway.get("/api/v1/print-jobs/api-st-2", TestGateway.ADMIN_TOKEN).statusCode()).isEqualTo(404);
    }

    private PrintedLabel awaitLabel(int before) {
        await().atMost(WAIT).until(() -> printer.printed().size() > before);
        return printer.printed().get(before);
    }
}
