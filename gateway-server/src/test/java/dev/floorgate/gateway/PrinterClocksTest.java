package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.floorgate.devices.sim.PrinterSimulator;
import dev.floorgate.gateway.internal.clock.SiteClocks;
import dev.floorgate.lan.DeviceList;
import dev.floorgate.lan.LanJson;
import dev.floorgate.lan.PrinterView;
import dev.floorgate.protocol.SignedHeaders;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Printer clocks at the gateway (issue 20 item 4), with real simulators over TCP at a site far from UTC
 * (Pacific/Kiritimati, UTC+14; printer clocks keep its local time without a zone) and a core 10 minutes ahead of
 * this machine: a printer a year behind that site IT does not let the gateway set is shown off and left alone; one
 * a year ahead with {@code fg.printers.<name>.set-clock} is set from core time, reads back right and stays marked
 * as set by the gateway over the next reads; one without a clock is unknown, not an error.
 */
class PrinterClocksTest {
    private static final ZoneId SITE = ZoneId.of("Pacific/Kiritimati");
    private static final long CORE_AHEAD_MILLIS = 600_000;
    private long coreAhead = CORE_AHEAD_MILLIS;
    private static final Duration YEAR = Duration.ofDays(365);
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private HttpServer core;
    private PrinterSimulator behind;
    private PrinterSimulator ahead;
    private PrinterSimulator noClock;
    private TestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        for (PrinterSimulator p : new PrinterSimulator[] {behind, ahead, noClock}) {
            if (p != null) {
                p.close();
            }
        }
        if (core != null) {
            core.stop(0);
        }
    }

    @Test
    void printerClocksAreReadInTheSiteZoneSetOnlyWhereAllowedAndUnknownWithoutAClock() throws Exception {
        startCore();
        behind = PrinterSimulator.builder().captureDir(dir.resolve("behind")).clockZone(SITE).start();
        behind.clockOffset(YEAR.negated());
        ahead = PrinterSimulator.builder().captureDir(dir.resolve("ahead")).clockZone(SITE).start();
        ahead.clockOffset(YEAR);
        noClock = PrinterSimulator.builder().captureDir(dir.resolve("none")).clockZone(SITE).withoutClock().start();
        String opts = "?statusTimeout=500ms&pollInterval=200ms&connectTimeout=500ms&reconnectMin=50ms"
                + "&reconnectMax=300ms";
        Map<String, Object> config = new HashMap<>();
        config.put("fg.core.url", "http://127.0.0.1:" + core.getAddress().getPort());
        config.put("fg.core.key-id", "gw-test");
        config.put("fg.core.secret", "secret-0123456789abcdef");
        config.put("fg.sync.poll-interval", "1s");
        config.put("fg.site.time-zone", SITE.getId());
        config.put("fg.clock.printer-check-interval", "1s");
        config.put("fg.printers.behind.url", "tcp://127.0.0.1:" + behind.port() + opts);
        config.put("fg.printers.ahead.url", "tcp://127.0.0.1:" + ahead.port() + opts);
        config.put("fg.printers.ahead.set-clock", true);
        config.put("fg.printers.none.url", "tcp://127.0.0.1:" + noClock.port() + opts);
        gateway = new TestGateway(dir.resolve("data"), config);
        SiteClocks clocks = gateway.context().getBean(SiteClocks.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> clocks.gateway().known());
        assertThat(clocks.coreNow().toEpochMilli() - System.currentTimeMillis()).as("core time is the core's")
                .isBetween(CORE_AHEAD_MILLIS - 2_000, CORE_AHEAD_MILLIS + 2_000);

        await().atMost(Duration.ofSeconds(15)).until(() -> clocks.printer("behind") != null
                && clocks.printer("none") != null && clocks.printer("ahead") != null
                && clocks.printer("ahead").corrected());
        Instant setAt = clocks.printer("ahead").at();
        // the next read finds the printer right: it must still say the gateway set it
        await().atMost(Duration.ofSeconds(10)).until(() -> clocks.printer("ahead").at().isAfter(setAt)
                && clocks.printer("behind").at().isAfter(setAt));

        // the printer a year ahead was set from core time (10 minutes ahead of this machine) in the site's zone
        assertThat(ahead.clockOffset().minusMillis(CORE_AHEAD_MILLIS).abs()).as("set from core time, in " + SITE)
                .isLessThan(Duration.ofSeconds(5));
        assertThat(new String(ahead.received(), StandardCharsets.ISO_8859_1)).contains("setvar \"rtc.time\"");
        // the printer a year behind was left alone
        assertThat(behind.clockOffset().plus(YEAR).abs()).as("not set").isLessThan(Duration.ofSeconds(2));
        assertThat(new String(behind.received(), StandardCharsets.ISO_8859_1)).doesNotContain("setvar");
        assertThat(noClock.clockOffset()).isEqualTo(Duration.ZERO);

        long behindSeconds = -(YEAR.toSeconds() + CORE_AHEAD_MILLIS / 1000);
        DeviceList devices = LanJson.read(gateway.get("/api/v1/devices", TestGateway.ADMIN_TOKEN).body(),
                DeviceList.class);
        Map<String, PrinterView> byName = new HashMap<>();
        devices.printers().forEach(p -> byName.put(p.name(), p));
        assertThat(byName.get("behind").clockOffsetSeconds()).isBetween(behindSeconds - 5, behindSeconds + 5);
        assertThat(byName.get("behind").clockSetByGateway()).isFalse();
        assertThat(byName.get("ahead").clockOffsetSeconds()).isBetween(-5L, 5L);
        assertThat(byName.get("ahead").clockSetByGateway()).isTrue();
        assertThat(byName.get("none").clockOffsetSeconds()).as("no clock: unknown").isNull();
        assertThat(byName.get("none").clockSetByGateway()).isFalse();

        JsonNode overview = JSON.readTree(gateway.get("/api/v1/admin/overview", TestGateway.ADMIN_TOKEN).body());
        Map<String, JsonNode> rows = new HashMap<>();
        overview.get("printers").forEach(p -> rows.put(p.get("name").asText(), p));
        assertThat(rows.get("behind").get("clockOff").asBoolean()).isTrue();
        assertThat(rows.get("behind").get("clockOffsetSeconds").asLong()).isBetween(behindSeconds - 5,
                behindSeconds + 5);
        assertThat(rows.get("ahead").get("clockOff").asBoolean()).isFalse();
        assertThat(rows.get("ahead").get("clockSetByGateway").asBoolean()).isTrue();
        assertThat(rows.get("none").get("clockOffsetSeconds").isNull()).isTrue();
        assertThat(rows.get("none").get("clockOff").asBoolean()).isFalse();
        Map<String, JsonNode> clockRows = new HashMap<>();
        overview.get("clocks").get("printers").forEach(c -> clockRows.put(c.get("name").asText(), c));
        assertThat(clockRows.get("behind").get("off").asBoolean()).isTrue();
        assertThat(clockRows.get("ahead").get("corrected").asBoolean()).isTrue();
        assertThat(clockRows.get("none").get("offsetSeconds").isNull()).as("unknown, not 0").isTrue();
        assertThat(overview.toString()).contains("PDA or printer clock(s) off by more than");

        String metrics = gateway.get("/metrics", null).body();
        assertThat(metrics)
                .containsPattern("floorgate_printer_clock_offset_seconds\\{printer=\"behind\"} -3153\\d{4}(\\.\\d+)?\n")
                .containsPattern("floorgate_printer_clock_offset_seconds\\{printer=\"ahead\"} -?[0-4](\\.\\d+)?\n")
                .contains("floorgate_printer_clock_offset_seconds{printer=\"none\"} NaN\n")
                .contains("floorgate_printer_clock_set{printer=\"ahead\"} 1\n")
                .contains("floorgate_printer_clock_set{printer=\"behind\"} 0\n")
                .contains("floorgate_printer_clock_set{printer=\"none\"} 0\n");
    }

    @Test
    void aLabelPrintedThroughTheSpoolerCarriesCoreTimeInTheSiteZone() throws Exception {
        coreAhead = Duration.ofDays(3).plusHours(5).toMillis(); // this gateway's clock is 3 days 5 hours behind
        startCore();
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve("lot.zpl"), "# description: lot label\n# size: 4x2 in\n"
                + "# field: lot text sample=L-1\n# field: packed gateway-time format=\"yyyy-MM-dd HH:mm\"\n"
                + "^XA\n^FO40,40^A0N,30,30^FDLot ${lot}^FS\n^FO40,90^A0N,30,30^FDPacked ${packed}^FS\n^XZ\n");
        ahead = PrinterSimulator.builder().captureDir(dir.resolve("labels")).clockZone(SITE).start();
        Map<String, Object> config = new HashMap<>();
        config.put("fg.core.url", "http://127.0.0.1:" + core.getAddress().getPort());
        config.put("fg.core.key-id", "gw-test");
        config.put("fg.core.secret", "secret-0123456789abcdef");
        config.put("fg.site.time-zone", SITE.getId());
        config.put("fg.templates-dir", templates.toString());
        config.put("fg.printers.pack.url", "tcp://127.0.0.1:" + ahead.port() + "?statusTimeout=500ms");
        gateway = new TestGateway(dir.resolve("data"), config);
        SiteClocks clocks = gateway.context().getBean(SiteClocks.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> clocks.gateway().known());

        long before = System.currentTimeMillis() + coreAhead;
        HttpResponse<String> job = gateway.post("/api/v1/print-jobs", TestGateway.ADMIN_TOKEN,
                "{\"jobId\":\"lot-1\",\"tenant\":\"acme\",\"printer\":\"pack\",\"template\":\"lot\","
                        + "\"data\":{\"lot\":\"L-42\"}}");
        assertThat(job.statusCode()).as(job.body()).isEqualTo(202);
        assertThat(ahead.awaitLabelsOut(1, Duration.ofSeconds(10))).isTrue();
        long after = System.currentTimeMillis() + coreAhead;

        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        String printed = ahead.printed().get(0).fieldData().get(1);
        assertThat(printed).as("core time in " + SITE + ", not this machine's clock").isIn(
                "Packed " + f.format(Instant.ofEpochMilli(before).atZone(SITE)),
                "Packed " + f.format(Instant.ofEpochMilli(after).atZone(SITE)));

        HttpResponse<String> refused = gateway.post("/api/v1/print-jobs", TestGateway.ADMIN_TOKEN,
                "{\"jobId\":\"lot-2\",\"tenant\":\"acme\",\"printer\":\"pack\",\"template\":\"lot\","
                        + "\"data\":{\"lot\":\"L-43\",\"packed\":\"1970-01-01 00:00\"}}");
        assertThat(refused.statusCode()).as("the time is not the caller's to give").isEqualTo(400);
        assertThat(refused.body()).contains("packed").contains("gateway-time");
    }

    /** A core 10 minutes ahead of this machine; the engine learns its time from the answer to its start-up ping. */
    private void startCore() throws Exception {
        core = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        core.createContext("/", ex -> {
            byte[] bytes = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            ex.getRequestBody().readAllBytes();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.getResponseHeaders().set(SignedHeaders.CORE_TIME,
                    Long.toString(System.currentTimeMillis() + coreAhead));
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        core.start();
    }
}
