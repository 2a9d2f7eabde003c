package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Small helpers shared by the print, station and device tests. */
final class PrintTesting {
    static final Duration WAIT = Duration.ofSeconds(20);

    /** A site template for order labels at packing stations (what README suggests to site IT). */
    static final String ORDER_LABEL = String.join("\n",
            "# description: Packing-station order label",
            "# dpi: 203",
            "# size: 812x406 dots",
            "# field: order barcode required max=40 sample=SO-2025-000123",
            "# field: warehouse text required max=10 sample=SH01",
            "# field: lines integer required sample=2",
            "# field: units integer required sample=5",
            "# field: skus text optional max=200 sample=SKU-1, SKU-2",
            "# field: carrier text required max=16 sample=DHL",
            "^XA",
            "^FO40,30^A0N,40,40^FDOrder ${order}^FS",
            "^FO40,80^A0N,30,30^FD${lines} lines, ${units} units from ${warehouse}^FS",
            "^FO40,120^A0N,24,24^FD${skus}^FS",
            "^FO40,160^A0N,40,40^FD${carrier}^FS",
            "^FO40,220^BY2^BCN,100,Y,N,N^FD${order}^FS",
            "^XZ", "");

    private PrintTesting() {
    }

    /** A templates directory holding {@link #ORDER_LABEL} as order-label.zpl. */
    static Path siteTemplates(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("order-label.zpl"), ORDER_LABEL);
        return dir;
    }

    /** The {@code label-NNNNNN.zpl} files a printer simulator wrote to its capture directory, in order. */
    static List<Path> labels(Path captureDir) throws IOException {
        if (!Files.isDirectory(captureDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(captureDir)) {
            return files.filter(p -> p.getFileName().toString().matches("label-\\d{6}\\.zpl")).sorted()
                    .collect(Collectors.toList());
        }
    }

    static int labelCount(Path captureDir) throws IOException {
        return labels(captureDir).size();
    }

    /** A template job body. {@code dataJson} is a JSON object. */
    static String templateJob(String jobId, String printer, String template, String dataJson) {
        return "{\"jobId\":\"" + jobId + "\",\"printer\":\"" + printer + "\",\"template\":\"" + template
                + "\",\"data\":" + dataJson + "}";
    }

    /** A bin-location label: the smallest template with only text fields. */
    static String binJob(String jobId, String printer, String bin) {
        return templateJob(jobId, printer, "bin-location", "{\"bin\":\"" + bin + "\",\"warehouse\":\"SH01\"}");
    }

    /** Waits until the job shows {@code state}; returns its JSON. */
    static String awaitState(TestGateway gateway, String token, String jobId, String state) {
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
                HttpResponse<String> r = gateway.get("/api/v1/print-jobs/" + jobId, token);
                last.set(r.statusCode() + " " + r.body());
                return r.statusCode() == 200 && state.equals(TestGateway.field(r.body(), "state"));
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("print job " + jobId + " did not become " + state + "; last: " + last.get(), e);
        }
        return last.get().substring(4);
    }

    static void assertStatus(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    }
}
