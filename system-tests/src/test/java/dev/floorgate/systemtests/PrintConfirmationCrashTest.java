package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrintedLabel;
import dev.floorgate.devices.sim.PrinterSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guarantee 14 with a real kill -9: the gateway (its shaded jar, its own JVM) is killed while most of six labels
 * sit in a closed-loop printer's buffer. While it is down the printer prints two more, then is switched off and on,
 * which loses the rest. After the restart the gateway reconciles against the printer's label counter, from the
 * counter values it stored before sending: the two printed while it was down are PRINTED without a second label,
 * the lost ones are sent again by themselves, once, in order. No double, no loss, no person needed.
 */
class PrintConfirmationCrashTest {
    private static final String ADMIN = "system-test-admin-token-42";
    private static final Duration START = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void labelsInThePrintersBufferWhenTheGatewayIsKilledAreReconciledByTheCounterAfterTheRestart() throws Exception {
        int port = ServiceProcess.freePort();
        try (PrinterSimulator printer = PrinterSimulator.builder().labelMillis(1000).odometer(52_000).start()) {
            Path config = dir.resolve("gateway.yml");
            Files.writeString(config, String.join("\n",
                    "fg:",
                    "  data-dir: " + dir.resolve("data"),
                    "  admin-token: " + ADMIN,
                    "  tls:",
                    "    enabled: false        # plain HTTP only: this test is about the spool, not the LAN's TLS",
                    "  print:",
                    "    hold-poll-interval: 200ms",
                    "    confirm-poll-interval: 100ms",
                    "    confirm-settle: 400ms",
                    "  printers:",
                    "    dock-1:",
                    "      url: tcp://127.0.0.1:" + printer.port()
                            + "?statusTimeout=1s&pollInterval=0&connectTimeout=2s&reconnectMin=100ms&reconnectMax=500ms",
                    "      description: packing line 1",
                    ""));
            Map<String, String> env = Map.of("MICRONAUT_CONFIG_FILES", config.toString(),
                    "FG_GATEWAY_PORT", Integer.toString(port));
            ServiceProcess gateway = new ServiceProcess("gateway-confirm", "fg.gateway.jar", port, env, dir);
            try {
                gateway.start(START);
                for (int i = 1; i <= 6; i++) {
                    HttpResponse<String> posted = post(gateway, "/api/v1/print-jobs", "{\"jobId\":\"kill-" + i
                            + "\",\"tenant\":\"acme\",\"printer\":\"dock-1\",\"template\":\"bin-location\",\"data\":"
                            + "{\"bin\":\"K-" + i + "\",\"warehouse\":\"SH01\"}}");
                    assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
                }
                // all six formats reached the printer, most of them still in its buffer
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> printer.printed().size() + printer.formatsInBuffer() == 6);
                // the printer has the format a moment before the gateway has committed SENT: wait for the commit
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> get(gateway, "/api/v1/print-jobs/kill-6").body().contains("\"state\":\"SENT\""));
                gateway.kill9();
            } finally {
                gateway.kill9();
            }
            int atKill = printer.labelsOut().size();
            assertThat(atKill).as("labels out when the gateway died").isLessThanOrEqualTo(2);
            assertThat(printer.awaitLabelsOut(atKill + 2, Duration.ofSeconds(10)))
                    .as("two more labels while it is down").isTrue();
            printer.powerCycle(); // the rest is lost with the buffer; the counter stays
            int out = printer.labelsOut().size();
            assertThat(out).isBetween(2, 4);

            ServiceProcess restarted = new ServiceProcess("gateway-confirm-restarted", "fg.gateway.jar", port, env,
                    dir);
            try {
                restarted.start(START);
                for (int i = 1; i <= 6; i++) {
                    String id = "kill-" + i;
                    await(id).atMost(Duration.ofSeconds(30))
                            .until(() -> get(restarted, "/api/v1/print-jobs/" + id).body()
                                    .contains("\"state\":\"PRINTED\""));
                }
                Thread.sleep(1500);
                assertThat(bins(printer.labelsOut())).as("each label once, in order")
                        .containsExactly("K-1", "K-2", "K-3", "K-4", "K-5", "K-6");
                assertThat(printer.labelCount()).isEqualTo(52_006);
                assertThat(get(restarted, "/api/v1/print-jobs/kill-2").body()).contains("\"attempts\":1")
                        .doesNotContain("REQUEUED_BY_COUNTER");
                assertThat(get(restarted, "/api/v1/print-jobs/kill-5").body()).contains("REQUEUED_BY_COUNTER");
                assertThat(get(restarted, "/metrics").body())
                        .contains("floorgate_print_jobs{state=\"maybe_printed\"} 0")
                        .contains("floorgate_print_labels_recovered_total{printer=\"dock-1\"} " + (6 - out));
            } finally {
                restarted.stop();
            }
        }
    }

    private static List<String> bins(List<PrintedLabel> labels) {
        return labels.stream().map(l -> l.fieldData().stream().filter(v -> v.startsWith("K-")).findFirst()
                .orElse("?")).collect(Collectors.toList());
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
}
