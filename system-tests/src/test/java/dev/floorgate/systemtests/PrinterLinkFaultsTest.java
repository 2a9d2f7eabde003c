package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.devices.sim.PrintedLabel;
import dev.floorgate.devices.sim.PrinterSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 item 1: a printer's cable pulled while labels are on their way, for real. The gateway runs in its own
 * network namespace ({@link NetNs}) and reaches a printer simulator on the host's end of the LAN link; iptables
 * drops every packet to and from the printer's port for 1.5-3.5 s, several times, at seeded random moments while
 * jobs are being sent (the seed is printed; replay with {@code -Dfg.faults.seed=N}). The printer counts its labels
 * (closed loop, issue 19), so at the end every job is PRINTED, each label came out exactly once, and the counter
 * moved by the number of jobs: no label twice, none lost, and no MAYBE_PRINTED a person would have to decide.
 */
class PrinterLinkFaultsTest {
    private static final String ADMIN = "printer-faults-admin-0123456789";
    private static final int JOBS = 24;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void aPrinterUnpluggedMidBatchPrintsEveryLabelExactlyOnce() throws Exception {
        long seed = Long.getLong("fg.faults.seed", System.nanoTime());
        System.out.println("PrinterLinkFaultsTest: seed " + seed + " (replay: -Dfg.faults.seed=" + seed + ")");
        Random random = new Random(seed);
        NetNs ns;
        try {
            ns = NetNs.create(1 + (int) ((ProcessHandle.current().pid() + 100) % 200));
        } catch (IOException e) {
            if ("1".equals(System.getenv("FG_ALLOW_NO_NETNS"))) {
                System.out.println("PrinterLinkFaultsTest: NOT RUN, namespaces refused and FG_ALLOW_NO_NETNS=1: "
                        + e.getMessage());
                return;
            }
            throw new IllegalStateException("network namespaces are needed (run as root with iproute2), or set "
                    + "FG_ALLOW_NO_NETNS=1 on a machine that cannot: " + e.getMessage(), e);
        }
        int port = ServiceProcess.freePort();
        try (ns; PrinterSimulator printer = PrinterSimulator.builder().bindAddress(ns.hostLanIp()).labelMillis(250)
                .odometer(10_000).start()) {
            Path config = dir.resolve("gateway.yml");
            Files.writeString(config, String.join("\n",
                    "fg:",
                    "  data-dir: " + dir.resolve("data"),
                    "  admin-token: " + ADMIN,
                    "  tls:",
                    "    enabled: false",
                    "  print:",
                    "    hold-poll-interval: 200ms",
                    "    confirm-poll-interval: 100ms",
                    "    confirm-settle: 400ms",
                    "  printers:",
                    "    dock-1:",
                    "      url: tcp://" + ns.hostLanIp() + ":" + printer.port()
                            + "?statusTimeout=1s&pollInterval=0&connectTimeout=2s&reconnectMin=100ms&reconnectMax=500ms",
                    ""));
            Map<String, String> env = Map.of("MICRONAUT_CONFIG_FILES", config.toString(),
                    "FG_GATEWAY_PORT", Integer.toString(port));
            try (ServiceProcess gateway = new ServiceProcess("gateway-printer-faults", "fg.gateway.jar", port, env, dir)
                    .behind(ns.launcher(), ns.nsLanIp).start(Duration.ofSeconds(60))) {
                List<String> report = new ArrayList<>();
                int posted = 0;
                for (int cut = 0; cut < 4; cut++) {
                    for (int k = 0; k < JOBS / 4; k++, posted++) {
                        HttpResponse<String> r = post(gateway, "/api/v1/print-jobs", "{\"jobId\":\"cable-" + posted
                                + "\",\"tenant\":\"acme\",\"printer\":\"dock-1\",\"template\":\"bin-location\","
                                + "\"data\":{\"bin\":\"C-" + posted + "\",\"warehouse\":\"SH01\"}}");
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    }
                    Thread.sleep(random.nextInt(800)); // somewhere in the middle of the batch
                    long unpluggedMs = 1500 + random.nextInt(2001);
                    int outBefore = printer.labelsOut().size();
                    ns.lanDevice(printer.port(), true);
                    Thread.sleep(300); // what was already on the wire lands
                    int bytesUnplugged = printer.received().length;
                    Thread.sleep(unpluggedMs - 300);
                    int bytesAtReplug = printer.received().length;
                    ns.lanDevice(printer.port(), false);
                    assertThat(bytesAtReplug).as("bytes that crossed the unplugged cable").isEqualTo(bytesUnplugged);
                    report.add("unplugged " + unpluggedMs + " ms with " + outBefore + " labels out");
                }
                for (int i = 0; i < JOBS; i++) {
                    String id = "cable-" + i;
                    await(id).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                            .until(() -> state(gateway, id).matches("PRINTED|MAYBE_PRINTED|FAILED"));
                }
                Thread.sleep(1500); // anything printed twice would come out now
                Map<String, Integer> times = new HashMap<>();
                for (PrintedLabel label : printer.labelsOut()) {
                    String bin = label.fieldData().stream().filter(v -> v.startsWith("C-")).findFirst().orElse("?");
                    times.merge(bin, 1, Integer::sum);
                }
                System.out.println("PrinterLinkFaultsTest (seed " + seed + "): " + String.join("; ", report)
                        + "; labels out " + printer.labelsOut().size() + ", counter " + printer.labelCount());
                for (int i = 0; i < JOBS; i++) {
                    assertThat(state(gateway, "cable-" + i)).as("job cable-%d", i).isEqualTo("PRINTED");
                    assertThat(times.getOrDefault("C-" + i, 0)).as("labels of job cable-%d", i).isEqualTo(1);
                }
                assertThat(times).hasSize(JOBS);
                assertThat(printer.labelCount()).isEqualTo(10_000 + JOBS);
                assertThat(get(gateway, "/metrics").body())
                        .contains("floorgate_print_jobs{state=\"maybe_printed\"} 0");
            }
        }
    }

    private String state(ServiceProcess gateway, String id) throws Exception {
        String body = get(gateway, "/api/v1/print-jobs/" + id).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"state\"\\s*:\\s*\"([A-Z_]+)\"").matcher(body);
        return m.find() ? m.group(1) : "?";
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
