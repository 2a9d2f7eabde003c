package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 4: a dozen concurrent template previews at 600 dpi with a huge {@code ^PW}/{@code ^LL} and many
 * large fields ran the gateway out of heap. Replays it against the gateway, in process for the refusals and as
 * a process with the floorgate script's heap (-Xmx96m) for the memory, and shows each bound answers at once:
 * the pixel budget (413 before drawing), the concurrency limit and the timeout (503), and that the gateway keeps
 * serving with its normal heap.
 */
class PreviewExhaustionAttackTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path dir;

    /** The finding's label: a huge canvas at 600 dpi with {@code fields} large text fields. */
    static String hugeLabel(int fields) {
        StringBuilder zpl = new StringBuilder("^XA^PW32000^LL32000");
        appendFields(zpl, fields);
        return zpl.append("^XZ").toString();
    }

    /** Just inside the default budget (2400 x 4000 dots, 4 x 6.7 in at 600 dpi) and as heavy as fields make it. */
    static String heavyLabelWithinBudget(int fields) {
        StringBuilder zpl = new StringBuilder("^XA^PW2400^LL4000");
        appendFields(zpl, fields);
        return zpl.append("^XZ").toString();
    }

    private static void appendFields(StringBuilder zpl, int fields) {
        String text = "W".repeat(120);
        for (int i = 0; i < fields; i++) {
            zpl.append("^FO").append(i % 20 * 100).append(',').append(i % 40 * 100)
                    .append("^A0N,900,900^FD").append(text).append("^FS");
        }
    }

    static String body(String zpl) {
        return "{\"zpl\":\"" + zpl + "\",\"dpi\":600}";
    }

    static HttpResponse<String> preview(String url, String token, String zpl) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(zpl))).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** {@code n} previews sent at the same moment; their answers with the time each took. */
    static List<Answer> concurrently(int n, Callable<HttpResponse<String>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    HttpResponse<String> r = call.call();
                    return new Answer(r.statusCode(), r.body(), (System.nanoTime() - start) / 1_000_000);
                }));
            }
            go.countDown();
            List<Answer> out = new ArrayList<>();
            for (Future<Answer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    record Answer(int status, String body, long millis) {
    }

    @Test
    void aHugeCanvasIsRefused413BeforeAnythingIsDrawn() throws Exception {
        try (TestGateway gateway = new TestGateway(dir, Map.of())) {
            String token = gateway.enroll("pda-1", "acme", "SH01");
            long start = System.nanoTime();
            HttpResponse<String> r = preview(gateway.url("/api/v1/templates/preview.png"), token, hugeLabel(500));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
            assertThat(r.body()).contains("PREVIEW_TOO_LARGE").contains("32000 x 32000 dots at 600 dpi")
                    .contains("1024000000 pixels").contains("fg.limits.preview-max-pixels is 10000000");
            assertThat(millis).as("refused before drawing").isLessThan(2000);

            // A size hidden from the scan behind ^CC (another command prefix) is clipped inside the budget.
            HttpResponse<byte[]> hidden = HTTP.send(HttpRequest.newBuilder(
                    URI.create(gateway.url("/api/v1/templates/preview.png"))).header("Authorization", "Bearer "
                    + token).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                    body("^XA^CC!!PW32000!LL32000!FO10,10!A0N,50,50!FDhi!FS!XZ"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (hidden.statusCode() == 200) {
                ByteBuffer ihdr = ByteBuffer.wrap(hidden.body(), 16, 8);
                long pixels = (long) ihdr.getInt() * ihdr.getInt();
                assertThat(pixels).as("the PNG's canvas: the checked 4 x 6 in (in the renderer's dots), not 32000 "
                        + "dots square").isLessThanOrEqualTo(9_000_000L);
            } else {
                assertThat(hidden.statusCode()).as("refused, never drawn large").isIn(400, 413);
            }

            // A normal carrier-size label still previews.
            HttpResponse<String> ok = preview(gateway.url("/api/v1/templates/preview.png"), token,
                    "^XA^PW812^LL1218^FO50,50^A0N,40,40^FDSO-1^FS^XZ");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
    }

    @Test
    void previewsBeyondTheConcurrencyLimitAre503AtOnceAndALatePreviewTimesOut() throws Exception {
        try (TestGateway gateway = new TestGateway(dir, Map.of("fg.limits.preview-concurrency", 2,
                "fg.limits.preview-queue", 4, "fg.limits.preview-timeout", "60s"))) {
            String token = gateway.enroll("pda-1", "acme", "SH01");
            String url = gateway.url("/api/v1/templates/preview.png");
            List<Answer> answers = concurrently(12, () -> preview(url, token, heavyLabelWithinBudget(400)));
            List<Answer> busy = answers.stream().filter(a -> a.status() == 503).toList();
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(200, 503));
            assertThat(busy).as("12 at once against 2 drawing and 4 waiting").hasSizeGreaterThanOrEqualTo(6);
            assertThat(busy).allSatisfy(a -> {
                assertThat(a.body()).contains("BUSY").contains("fg.limits.preview-concurrency")
                        .contains("fg.limits.preview-queue");
                assertThat(a.millis()).as("answered at once, not queued").isLessThan(2000);
            });
            assertThat(answers.stream().filter(a -> a.status() == 200).count()).as("drawn and waited their turn")
                    .isGreaterThanOrEqualTo(2);
        }
        try (TestGateway gateway = new TestGateway(dir.resolve("t"), Map.of("fg.limits.preview-timeout", "50ms"))) {
            String token = gateway.enroll("pda-1", "acme", "SH01");
            HttpResponse<String> late = preview(gateway.url("/api/v1/templates/preview.png"), token,
                    heavyLabelWithinBudget(400));
            assertThat(late.statusCode()).as(late.body()).isEqualTo(503);
            assertThat(late.body()).contains("BUSY").contains("fg.limits.preview-timeout");
        }
    }

    @Test
    void aDozenConcurrentHugePreviewsLeaveTheGatewayServingInItsNinetySixMegabyteHeap() throws Exception {
        try (GatewayProcess gateway = new GatewayProcess(dir, List.of())) {
            String token = gateway.enroll("pda-1", "acme");
            String url = gateway.url("/api/v1/templates/preview.png");
            List<Answer> all = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                int r = round;
                all.addAll(concurrently(12, () -> preview(url, token,
                        r % 2 == 0 ? hugeLabel(500) : heavyLabelWithinBudget(500))));
            }
            assertThat(all).allSatisfy(a -> assertThat(a.status()).as(a.body()).isIn(200, 413, 503));
            assertThat(gateway.alive()).isTrue();
            assertThat(gateway.get("/health", null).statusCode()).isEqualTo(200);
            HttpResponse<String> ok = preview(url, token, "^XA^PW812^LL1218^FO50,50^A0N,40,40^FDSO-1^FS^XZ");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(gateway.log()).doesNotContain("OutOfMemoryError");
        }
    }
}
