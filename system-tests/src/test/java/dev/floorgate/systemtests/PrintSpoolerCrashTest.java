package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrinterSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 6 with a real kill -9: the gateway (its shaded jar, its own JVM) is killed while it is sending a label
 * to a printer. After the restart the job is MAYBE_PRINTED and nothing is sent again by itself; a reprint with a
 * reason prints exactly one label. The printer and station configuration reaches the gateway as a YAML file named
 * by MICRONAUT_CONFIG_FILES, as site IT would give it.
 */
class PrintSpoolerCrashTest {
    private static final String ADMIN = "system-test-admin-token-42";
    private static final Duration START = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void aJobBeingSentWhenTheGatewayIsKilledIsMaybePrintedAfterTheRestartAndPrintsOnceOnReprint() throws Exception {
        int port = ServiceProcess.freePort();
        try (StallingPrinter stalling = new StallingPrinter()) {
            int printerPort = stalling.port();
            Path config = dir.resolve("gateway.yml");
            Files.writeString(config, String.join("\n",
                    "fg:",
                    "  data-dir: " + dir.resolve("data"),
                    "  admin-token: " + ADMIN,
                    "  tls:",
                    "    enabled: false        # plain HTTP only: this test is about the spool, not the LAN's TLS",
                    "  print:",
                    "    hold-poll-interval: 200ms",
                    "  printers:",
                    "    dock-1:",
                    // statusTimeout 60s: after the job the gateway waits that long for the printer's status,
                    // with the job PRINTING, so the kill lands mid-send
                    "      url: tcp://127.0.0.1:" + printerPort
                            + "?statusTimeout=60s&pollInterval=0&connectTimeout=2s&reconnectMin=100ms&reconnectMax=500ms",
                    "      description: packing line 1",
                    ""));
            Map<String, String> env = Map.of("MICRONAUT_CONFIG_FILES", config.toString(),
                    "FG_GATEWAY_PORT", Integer.toString(port));
            ServiceProcess gateway = new ServiceProcess("gateway-print", "fg.gateway.jar", port, env, dir);
            try {
                gateway.start(START);
                HttpResponse<String> posted = post(gateway, "/api/v1/print-jobs", "{\"jobId\":\"crash-1\",\"tenant\":"
                        + "\"acme\",\"printer\":\"dock-1\",\"template\":\"bin-location\",\"data\":{\"bin\":\"K-09-01\","
                        + "\"warehouse\":\"SH01\"}}");
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
                assertThat(stalling.awaitFormat(Duration.ofSeconds(30))).as("the label reached the printer; log:\n"
                        + gateway.tail()).isTrue();
                assertThat(get(gateway, "/api/v1/print-jobs/crash-1").body()).contains("\"state\":\"PRINTING\"");

                gateway.kill9();
            } finally {
                gateway.kill9();
            }
            stalling.close();

            Path labels = dir.resolve("labels");
            try (PrinterSimulator printer = PrinterSimulator.builder().port(printerPort).captureDir(labels).start()) {
                ServiceProcess restarted = new ServiceProcess("gateway-print-restarted", "fg.gateway.jar", port, env, dir);
                try {
                    restarted.start(START);
                    String job = get(restarted, "/api/v1/print-jobs/crash-1").body();
                    assertThat(job).contains("\"state\":\"MAYBE_PRINTED\"")
                            .contains("\"fault\":\"gateway stopped while sending\"")
                            .contains("RECOVERED_AFTER_CRASH");
                    assertThat(get(restarted, "/metrics").body()).contains("floorgate_print_jobs{state=\"maybe_printed\"} 1");
                    Thread.sleep(2000);
                    assertThat(labelCount(labels)).as("not printed again by itself").isZero();
                    assertThat(new String(printer.received(), StandardCharsets.ISO_8859_1)).doesNotContain("^XA");

                    HttpResponse<String> noReason = post(restarted, "/api/v1/print-jobs/crash-1/reprint", "{}");
                    assertThat(noReason.statusCode()).isEqualTo(400);
                    HttpResponse<String> reprint = post(restarted, "/api/v1/print-jobs/crash-1/reprint",
                            "{\"reason\":\"no label on the parcel after the gateway restart\"}");
                    assertThat(reprint.statusCode()).as(reprint.body()).isEqualTo(200);
                    await().atMost(Duration.ofSeconds(30)).until(() -> get(restarted, "/api/v1/print-jobs/crash-1")
                            .body().contains("\"state\":\"PRINTED\""));
                    Thread.sleep(1000);
                    assertThat(labelCount(labels)).isEqualTo(1);
                    assertThat(printer.printed().get(0).fieldData()).contains("K-09-01");
                    assertThat(get(restarted, "/api/v1/print-jobs/crash-1").body())
                            .contains("\"by\":\"admin\"").contains("no label on the parcel");
                } finally {
                    restarted.stop();
                }
            }
        }
    }

    private HttpResponse<String> get(ServiceProcess service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(ServiceProcess service, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.url(path))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long labelCount(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("label-\\d{6}\\.zpl")).count();
        }
    }
}
