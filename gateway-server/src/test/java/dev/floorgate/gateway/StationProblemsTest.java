package dev.floorgate.gateway;

import static dev.floorgate.gateway.PrintTesting.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.devices.sim.ScannerSimulator;
import dev.floorgate.gateway.internal.stations.StationProblems;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed station scans for site IT (issue 12 item 6): a scan that prints nothing shows in the admin overview's
 * {@code stationProblems} and its attention list until {@code POST /api/v1/admin/station-problems/acknowledge};
 * the list is bounded (50) and forgets after a day.
 */
class StationProblemsTest {
    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void keepsTheNewestFiftyForADayNewestFirst() {
        HandClock clock = new HandClock();
        StationProblems problems = new StationProblems(clock);
        for (int i = 1; i <= 60; i++) {
            problems.add("pack-1", "SCAN-" + i, "no match");
            clock.now = clock.now.plusSeconds(60);
        }
        assertThat(problems.list()).hasSize(StationProblems.MAX);
        assertThat(problems.list().get(0).scan()).isEqualTo("SCAN-60");
        assertThat(problems.list().get(49).scan()).isEqualTo("SCAN-11");
        clock.now = Instant.parse("2026-12-02T08:30:00Z"); // SCAN-11..30 (08:10..08:29) are older than a day
        assertThat(problems.list()).hasSize(30);
        assertThat(problems.list().get(29).scan()).isEqualTo("SCAN-31");
        assertThat(problems.acknowledge()).isEqualTo(30);
        assertThat(problems.list()).isEmpty();
        clock.now = clock.now.plus(Duration.ofDays(2));
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void aFailedScanAtAStationShowsInTheOverviewUntilAcknowledged() throws Exception {
        try (PrinterSimulator printer = PrinterSimulator.builder().captureDir(dir.resolve("labels")).start();
                ScannerSimulator scanner = ScannerSimulator.listen(0).start()) {
            Map<String, Object> config = new HashMap<>();
            config.put("fg.templates-dir", PrintTesting.siteTemplates(dir.resolve("templates")).toString());
            config.put("fg.printers.pack-printer.url", "tcp://127.0.0.1:" + printer.port() + "?pollInterval=0");
            config.put("fg.scanners.dock-1.url", "tcp://127.0.0.1:" + scanner.port() + "?reconnectMax=500ms");
            config.put("fg.stations.pack-1.scanner", "dock-1");
            config.put("fg.stations.pack-1.printer", "pack-printer");
            config.put("fg.stations.pack-1.on-scan", "order-label");
            config.put("fg.stations.pack-1.tenant", "acme");
            config.put("fg.stations.pack-1.warehouse", "SH01");
            config.put("fg.stations.pack-1.defaults.carrier", "DHL");
            try (TestGateway gateway = new TestGateway(dir.resolve("data"), config)) {
                assertThat(scanner.awaitGateway(WAIT)).isTrue();
                assertThat(overview(gateway)).contains("\"stationProblems\":[]");
                scanner.scan("SO-DOES-NOT-EXIST");
                await().atMost(WAIT).until(() -> overview(gateway).contains("SO-DOES-NOT-EXIST"));
                String o = overview(gateway);
                assertThat(o).containsPattern("\"stationProblems\":\\[\\{\"station\":\"pack-1\","
                        + "\"scan\":\"SO-DOES-NOT-EXIST\",\"reason\":\"no order, SKU or bin of tenant acme in "
                        + "warehouse SH01 matches the scan\",\"at\":\"20[^\"]+\"\\}\\]");
                assertThat(o).contains("\"kind\":\"station-problems\",\"count\":1");

                HttpResponse<String> refused = gateway.post("/api/v1/admin/station-problems/acknowledge", null, "{}");
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(overview(gateway)).contains("SO-DOES-NOT-EXIST");
                HttpResponse<String> ack = gateway.post("/api/v1/admin/station-problems/acknowledge",
                        TestGateway.ADMIN_TOKEN, "{}");
                assertThat(ack.statusCode()).isEqualTo(200);
                assertThat(ack.body()).isEqualTo("{\"acknowledged\":1}");
                assertThat(overview(gateway)).contains("\"stationProblems\":[]")
                        .doesNotContain("station-problems");
            }
        }
    }

    private static String overview(TestGateway gateway) throws Exception {
        return gateway.get("/api/v1/admin/overview", TestGateway.ADMIN_TOKEN).body();
    }
}
