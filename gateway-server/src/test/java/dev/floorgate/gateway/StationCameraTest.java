package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixed station cameras (issue 17 item 2): {@code POST /api/v1/photos/snapshot} on a real gateway fetches one still
 * from a camera's snapshot URL, here a real HTTP server of the test's own that behaves like an IP camera and like
 * broken ones: the still is stored as the parcel's shot, byte for byte, with the camera's Basic credentials sent and
 * never shown; a camera that answers HTML, 401, nothing in time, a stream larger than the largest photo, or nothing
 * at all is 502 CAMERA_UNAVAILABLE (or 415 for a non-JPEG) naming the camera and storing nothing; an unknown camera or
 * another tenant's is refused; a bad camera entry stops the start with one line.
 */
class StationCameraTest {
    private static final String SNAPSHOT = "/api/v1/photos/snapshot";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger stills = new AtomicInteger();
    private volatile String lastAuthorization;
    private HttpServer camera;
    private byte[] still;

    @TempDir
    Path dir;

    @BeforeEach
    void startCamera() throws Exception {
        still = PhotosApiTest.realJpeg(640, 480, 7);
        camera = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        camera.createContext("/snapshot.jpg", x -> {
            lastAuthorization = x.getRequestHeaders().getFirst("Authorization");
            stills.incrementAndGet();
            x.getResponseHeaders().add("Content-Type", "image/jpeg");
            x.sendResponseHeaders(200, still.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(still);
            }
        });
        camera.createContext("/login-page", x -> {
            byte[] html = "<html><body>Please log in</body></html>".getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, html.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(html);
            }
        });
        camera.createContext("/denied", x -> {
            x.sendResponseHeaders(401, -1);
            x.close();
        });
        camera.createContext("/stalls", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream o = x.getResponseBody()) {
                o.write(still, 0, 100); // starts the image, then hangs
                o.flush();
                Thread.sleep(5_000);
            } catch (InterruptedException | java.io.IOException e) {
                // the gateway gave up
            }
        });
        camera.createContext("/video", x -> {
            x.sendResponseHeaders(200, 0);
            try (OutputStream o = x.getResponseBody()) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) { // 4 MiB, over the test's largest photo of 1 MiB
                    o.write(chunk);
                }
            } catch (java.io.IOException e) {
                // the gateway stopped reading
            }
        });
        camera.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        camera.start();
    }

    @AfterEach
    void stopCamera() {
        camera.stop(0);
    }

    private String cam(String path) {
        return "http://127.0.0.1:" + camera.getAddress().getPort() + path;
    }

    @Test
    void aStillFromTheStationCameraIsStoredAsTheParcelsShotAndBrokenCamerasStoreNothing() throws Exception {
        Map<String, Object> config = new java.util.HashMap<>();
        config.put("fg.photos.max-photo-bytes", Long.toString(1 << 20));
        config.put("fg.cameras.dock.url", "http://cam:s3cret@127.0.0.1:" + camera.getAddress().getPort()
                + "/snapshot.jpg");
        config.put("fg.cameras.login.url", cam("/login-page"));
        config.put("fg.cameras.denied.url", cam("/denied"));
        config.put("fg.cameras.stalls.url", cam("/stalls"));
        config.put("fg.cameras.stalls.timeout", "1s");
        config.put("fg.cameras.video.url", cam("/video"));
        config.put("fg.cameras.gone.url", "http://127.0.0.1:" + freePort() + "/snapshot.jpg");
        config.put("fg.cameras.betas.url", cam("/snapshot.jpg"));
        config.put("fg.cameras.betas.tenant", "beta");
        try (TestGateway gateway = new TestGateway(dir.resolve("data"), config)) {
            String acme = gateway.enroll("st-in-1", "acme", "SH01");
            HttpResponse<String> r = post(gateway, SNAPSHOT + "?camera=dock&parcelId=P-7&shot=top", acme);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(still));
            assertThat(r.body()).contains("\"parcelId\":\"P-7\"", "\"shot\":\"top\"", "\"sha256\":\"" + sha + "\"",
                    "\"size\":" + still.length, "\"state\":\"PENDING\"");
            assertThat(Files.readAllBytes(dir.resolve("data/photos/files/" + sha + ".jpg"))).isEqualTo(still);
            assertThat(lastAuthorization).isEqualTo("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("cam:s3cret".getBytes(StandardCharsets.UTF_8)));

            refused(post(gateway, SNAPSHOT + "?camera=login&parcelId=P-7&shot=side", acme), 415, "camera 'login'");
            refused(post(gateway, SNAPSHOT + "?camera=denied&parcelId=P-7&shot=side", acme), 502,
                    "camera 'denied' answered HTTP 401");
            long t0 = System.nanoTime();
            refused(post(gateway, SNAPSHOT + "?camera=stalls&parcelId=P-7&shot=side", acme), 502,
                    "camera 'stalls' did not");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
            refused(post(gateway, SNAPSHOT + "?camera=video&parcelId=P-7&shot=side", acme), 502,
                    "sent more than 1048576 bytes");
            refused(post(gateway, SNAPSHOT + "?camera=gone&parcelId=P-7&shot=side", acme), 502,
                    "camera 'gone' cannot be reached");
            refused(post(gateway, SNAPSHOT + "?camera=nope&parcelId=P-7&shot=side", acme), 400,
                    "no station camera 'nope'");
            refused(post(gateway, SNAPSHOT + "?camera=betas&parcelId=P-7&shot=side", acme), 403,
                    "another tenant");
            refused(post(gateway, SNAPSHOT + "?camera=dock&shot=side", acme), 400, "parcelId is required");
            assertThat(post(gateway, SNAPSHOT + "?camera=dock&parcelId=P-7&shot=top", null).statusCode())
                    .isEqualTo(401);
            // only the first still was stored
            String list = gateway.get("/api/v1/photos?parcelId=P-7", acme).body();
            assertThat(list).contains("\"shot\":\"top\"").doesNotContain("\"shot\":\"side\"");
            String all = String.join("\n", Files.readAllLines(dir.resolve("data/photos/photos.db"),
                    StandardCharsets.ISO_8859_1));
            assertThat(all).doesNotContain("s3cret");
        }
    }

    @Test
    void aBadCameraEntryStopsTheStartWithOneLineNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestGateway(dir.resolve("data"),
                Map.of("fg.cameras.dock.url", "ftp://10.0.5.21/snap.jpg")).close())
                .hasStackTraceContaining("fg.cameras.dock.url: must be an http:// or https:// URL with a host");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TestGateway(dir.resolve("data2"),
                Map.of("fg.cameras.dock.url", cam("/snapshot.jpg"), "fg.cameras.dock.timeout", "2m")).close())
                .hasStackTraceContaining("fg.cameras.dock.timeout: must be 100ms to 60s");
    }

    private HttpResponse<String> post(TestGateway gateway, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void refused(HttpResponse<String> r, int status, String messagePart) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).contains(messagePart).doesNotContain("Exception").doesNotContain("s3cret")
                .doesNotContain("dev.floorgate");
    }

    private static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
