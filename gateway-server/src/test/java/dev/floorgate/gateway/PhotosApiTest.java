package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /api/v1/photos and GET /api/v1/photos on a real gateway (offline: photos wait in the buffer): a photo is
 * durable once answered (still there after a restart, its file on disk), the same one twice is one photo, every bad
 * input is refused with its status and a body naming the problem and no internals, the quota and the photos' disk
 * floor refuse photos with 507 while operations are still taken, and only enrolled devices of the tenant get in.
 */
class PhotosApiTest {
    private static final String PHOTOS = "/api/v1/photos";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void anAnsweredPhotoIsDurableAndListedWithItsStateAfterARestart() throws Exception {
        byte[] jpeg = realJpeg(640, 480, 1);
        String sha = sha256(jpeg);
        String id;
        try (TestGateway gateway = new TestGateway(dataDir, Map.of())) {
            String acme = gateway.enroll("pda-a", "acme", "SH01");
            HttpResponse<String> r = post(gateway, PHOTOS + "?parcelId=P-100&shot=label", acme, "image/jpeg", jpeg);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(r.body()).contains("\"tenant\":\"acme\"", "\"warehouse\":\"SH01\"", "\"parcelId\":\"P-100\"",
                    "\"shot\":\"label\"", "\"sha256\":\"" + sha + "\"", "\"size\":" + jpeg.length,
                    "\"state\":\"PENDING\"", "\"failure\":null");
            id = r.body().replaceAll(".*\"id\":(\\d+).*", "$1");
            Path file = dataDir.resolve("photos/files/" + sha + ".jpg");
            assertThat(Files.readAllBytes(file)).isEqualTo(jpeg);
            // customers' photos: owner-only, as everything in the data folder (DataFilesAttackTest)
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            for (Path folder : List.of(dataDir.resolve("photos"), dataDir.resolve("photos/files"))) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(folder))).as(folder.toString()).isEqualTo("rwx------");
            }
        }
        try (TestGateway gateway = new TestGateway(dataDir, Map.of())) {
            String acme = gateway.reenroll("pda-a", "acme", "SH01");
            HttpResponse<String> list = gateway.get(PHOTOS + "?parcelId=P-100", acme);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertThat(list.body()).startsWith("{\"parcelId\":\"P-100\",\"photos\":[{\"id\":" + id + ",")
                    .contains("\"sha256\":\"" + sha + "\"", "\"state\":\"PENDING\"");
            assertThat(gateway.get("/health", null).body()).contains("\"photos\":{\"pending\":1,\"pendingBytes\":"
                    + jpeg.length + ",\"uploaded\":0,\"failed\":0,\"usedBytes\":" + jpeg.length);
            String metrics = gateway.get("/metrics", null).body();
            assertThat(metrics).contains("floorgate_photos_pending 1", "floorgate_photos_pending_bytes " + jpeg.length,
                    "floorgate_photos_uploaded_total 0");
            assertThat(gateway.get(PHOTOS + "?parcelId=P-999", acme).body())
                    .isEqualTo("{\"parcelId\":\"P-999\",\"photos\":[]}");
        }
    }

    @Test
    void theSameBytesForTheSameParcelAndShotAreOnePhotoAndHeadersMayCarryTheCodes() throws Exception {
        byte[] jpeg = realJpeg(320, 240, 2);
        try (TestGateway gateway = new TestGateway(dataDir, Map.of())) {
            String acme = gateway.enroll("pda-a", "acme", "SH01");
            String first = post(gateway, PHOTOS + "?tenant=acme&warehouse=SH01&parcelId=P-1&shot=top", acme,
                    "image/jpeg", jpeg).body();
            HttpRequest.Builder headers = HttpRequest.newBuilder(URI.create(gateway.url(PHOTOS)))
                    .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + acme)
                    .header("Content-Type", "image/jpeg").header("X-FG-Parcel-Id", "P-1").header("X-FG-Shot", "top")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg));
            HttpResponse<String> again = http.send(headers.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first);
            HttpResponse<String> otherShot = post(gateway, PHOTOS + "?parcelId=P-1&shot=side", acme, "image/jpeg",
                    jpeg);
            assertThat(otherShot.statusCode()).isEqualTo(201);
            assertThat(otherShot.body()).doesNotContain(first.replaceAll("(\"id\":\\d+).*", "$1"));
            assertThat(gateway.get("/health", null).body()).contains("\"photos\":{\"pending\":2,\"pendingBytes\":"
                    + 2 * jpeg.length).contains("\"usedBytes\":" + jpeg.length); // one file for both rows
            assertThat(gateway.get(PHOTOS + "?parcelId=P-1", acme).body()).contains("\"shot\":\"top\"",
                    "\"shot\":\"side\"");
        }
    }

    @Test
    void everyBadInputIsRefusedWithItsStatusAndABodyNamingTheProblemAndNothingIsStored() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.photos.max-photo-bytes", "100000"))) {
            String acme = gateway.enroll("pda-a", "acme", "SH01");
            byte[] ok = synthetic(5_000, 3);
            refused(post(gateway, PHOTOS + "?shot=top", acme, "image/jpeg", ok), 400, "INVALID",
                    "parcelId is required");
            refused(post(gateway, PHOTOS + "?parcelId=P-1", acme, "image/jpeg", ok), 400, "INVALID",
                    "shot is required");
            refused(post(gateway, PHOTOS + "?parcelId=P%201&shot=top", acme, "image/jpeg", ok), 400, "INVALID",
                    "parcelId must be 1-64 letters, digits");
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=" + "s".repeat(65), acme, "image/jpeg", ok), 400,
                    "INVALID", "shot must be 1-64 letters", "(65 characters)");
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=top&warehouse=SH02", acme, "image/jpeg", ok), 400,
                    "INVALID", "warehouse: device pda-a works in warehouse SH01, not SH02");
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=top&warehouse=SH%2F1", acme, "image/jpeg", ok), 400,
                    "INVALID", "warehouse must be 1-64");
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=top&tenant=beta", acme, "image/jpeg", ok), 403,
                    "TENANT_FORBIDDEN", "belongs to tenant 'acme', not 'beta'");
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "image/png", ok), 415, "NOT_A_JPEG",
                    "Content-Type must be image/jpeg, was image/png");
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "application/json", ok), 415, "NOT_A_JPEG",
                    "Content-Type must be image/jpeg");
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "image/jpeg", new byte[0]), 400, "INVALID",
                    "the body is empty");
            byte[] png = ok.clone();
            png[0] = (byte) 0x89;
            png[1] = 'P';
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "image/jpeg", png), 415, "NOT_A_JPEG",
                    "does not start with the SOI marker ffd8ff (it starts with 8950ffe0)");
            byte[] cut = java.util.Arrays.copyOf(ok, 4_000);
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "image/jpeg", cut), 415, "NOT_A_JPEG",
                    "does not end with the EOI marker ffd9");
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "image/jpeg", synthetic(100_001, 4)), 413,
                    "PHOTO_TOO_LARGE", "100001 bytes, over the largest photo of 100000 bytes");
            refused(post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "image/jpeg", synthetic(9 << 20, 5)), 413,
                    "REQUEST_TOO_LARGE", "the gateway takes at most 8388608");
            refused(gateway.get(PHOTOS, acme), 400, "INVALID", "parcelId is required");
            assertThat(gateway.get("/health", null).body()).contains("\"photos\":{\"pending\":0,\"pendingBytes\":0,");
            try (var files = Files.list(dataDir.resolve("photos/files"))) {
                assertThat(files).as("no file left by a refused photo").isEmpty();
            }
            // the largest photo itself is taken
            assertThat(post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "image/jpeg", synthetic(100_000, 6))
                    .statusCode()).isEqualTo(201);
        }
    }

    @Test
    void aFullQuotaRefusesPhotosWith507WhileOperationsAreStillAccepted() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.photos.quota", "150000",
                "fg.photos.max-photo-bytes", "100000"))) {
            String acme = gateway.enroll("pda-a", "acme", "SH01");
            assertThat(post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "image/jpeg", synthetic(90_000, 7))
                    .statusCode()).isEqualTo(201);
            HttpResponse<String> full = post(gateway, PHOTOS + "?parcelId=P-1&shot=side", acme, "image/jpeg",
                    synthetic(90_000, 8));
            refused(full, 507, "PHOTOS_FULL", "90000 bytes used of the quota of 150000 bytes",
                    "a photo of 90000 bytes does not fit", "fg.photos.quota");
            assertThat(full.body()).contains("\"details\":{\"usedBytes\":90000,\"quotaBytes\":150000,"
                    + "\"photoBytes\":90000}");
            HttpResponse<String> op = gateway.post("/api/v1/operations", acme,
                    OperationsApiTest.pick("0190f5c2-7b1a-7c3e-8f00-0000000000f1", "acme", "SKU-1", 1));
            assertThat(op.statusCode()).as(op.body()).isEqualTo(202);
            // the same photo again costs nothing: answered as stored, not refused
            assertThat(post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "image/jpeg", synthetic(90_000, 7))
                    .statusCode()).isEqualTo(201);
            assertThat(gateway.get("/health", null).body()).contains("\"unsynced\":1")
                    .contains("\"photos\":{\"pending\":1,");
        }
    }

    @Test
    void underThePhotosDiskFloorPhotosAreRefusedWith507WhileOperationsAreStillAccepted() throws Exception {
        // the photos' floor (1 EiB) is above any disk's free space; the operations' floor (1 byte) is not
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.sync.disk-floor", "1",
                "fg.photos.disk-floor", Long.toString(1L << 60)))) {
            String acme = gateway.enroll("pda-a", "acme", "SH01");
            HttpResponse<String> refused = post(gateway, PHOTOS + "?parcelId=P-1&shot=top", acme, "image/jpeg",
                    synthetic(10_000, 9));
            refused(refused, 507, "PHOTOS_FULL", "below the photos' floor (fg.photos.disk-floor) of "
                    + (1L << 60) + " bytes", "operations are still taken");
            assertThat(refused.body()).doesNotContain(dataDir.toString());
            HttpResponse<String> op = gateway.post("/api/v1/operations", acme,
                    OperationsApiTest.pick("0190f5c2-7b1a-7c3e-8f00-0000000000f2", "acme", "SKU-1", 1));
            assertThat(op.statusCode()).as(op.body()).isEqualTo(202);
        }
    }

    @Test
    void onlyEnrolledDevicesGetInAndEachSeesOnlyItsTenantsPhotos() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of())) {
            String acme = gateway.enroll("pda-a", "acme", "SH01");
            String beta = gateway.enroll("pda-b", "beta", "SH01");
            String gone = gateway.enroll("pda-gone", "acme", "SH01");
            assertThat(gateway.post("/api/v1/admin/devices/pda-gone/revoke", TestGateway.ADMIN_TOKEN, "{}")
                    .statusCode()).isEqualTo(200);
            byte[] jpeg = synthetic(2_000, 10);
            String path = PHOTOS + "?parcelId=P-1&shot=top";
            refused(post(gateway, path, null, "image/jpeg", jpeg), 401, "UNAUTHORIZED", "missing 'Authorization");
            refused(post(gateway, path, "not-a-token", "image/jpeg", jpeg), 401, "UNAUTHORIZED", "not known");
            refused(post(gateway, path, gone, "image/jpeg", jpeg), 401, "UNAUTHORIZED", "revoked");
            // site IT's admin token is no device: it may not speak for a parcel
            refused(post(gateway, path, TestGateway.ADMIN_TOKEN, "image/jpeg", jpeg), 401, "UNAUTHORIZED", "");
            refused(gateway.get(PHOTOS + "?parcelId=P-1", null), 401, "UNAUTHORIZED", "");
            assertThat(post(gateway, path, acme, "image/jpeg", jpeg).statusCode()).isEqualTo(201);
            refused(post(gateway, path + "&tenant=acme", beta, "image/jpeg", jpeg), 403, "TENANT_FORBIDDEN",
                    "device pda-b belongs to tenant 'beta', not 'acme'");
            assertThat(gateway.get(PHOTOS + "?parcelId=P-1", beta).body())
                    .isEqualTo("{\"parcelId\":\"P-1\",\"photos\":[]}");
            assertThat(gateway.get(PHOTOS + "?parcelId=P-1", acme).body()).contains("\"tenant\":\"acme\"");
        }
    }

    /**
     * Photos taken one after the other and from four PDAs at once: every one answered 201 is in the buffer with its
     * file (the count and bytes in /health are exact). Prints the intake rate (photos and MB per second into the
     * durable buffer, each photo an fsynced file plus an fsynced index row); nothing here asserts a speed.
     */
    @Test
    void manyPhotosFromSeveralPdasAreEachKeptAndTheIntakeRateIsPrinted() throws Exception {
        int size = 1 << 20;
        int each = 12;
        try (TestGateway gateway = new TestGateway(dataDir, Map.of())) {
            String[] tokens = new String[4];
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = gateway.enroll("pda-" + i, "acme", "SH01");
            }
            long t0 = System.nanoTime();
            for (int n = 0; n < each; n++) {
                assertThat(post(gateway, PHOTOS + "?parcelId=SEQ-" + n + "&shot=label", tokens[0], "image/jpeg",
                        synthetic(size, 100 + n)).statusCode()).isEqualTo(201);
            }
            double sequential = (System.nanoTime() - t0) / 1e9;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                long t1 = System.nanoTime();
                for (int pda = 0; pda < 4; pda++) {
                    for (int n = 0; n < each; n++) {
                        String token = tokens[pda];
                        String path = PHOTOS + "?parcelId=PAR-" + pda + "-" + n + "&shot=label";
                        long seed = 1000L * (pda + 1) + n;
                        answers.add(pool.submit(() -> post(gateway, path, token, "image/jpeg", synthetic(size, seed))
                                .statusCode()));
                    }
                }
                for (java.util.concurrent.Future<Integer> a : answers) {
                    assertThat(a.get(120, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(201);
                }
                double parallel = (System.nanoTime() - t1) / 1e9;
                int total = each * 5;
                assertThat(gateway.get("/health", null).body()).contains("\"photos\":{\"pending\":" + total
                        + ",\"pendingBytes\":" + (long) total * size + ",");
                try (var files = Files.list(dataDir.resolve("photos/files"))) {
                    assertThat(files.count()).isEqualTo(total);
                }
                System.out.printf("PhotosApiTest: photo intake of %d x 1 MiB: one PDA %.1f photos/s (%.1f MB/s), "
                        + "four PDAs at once %.1f photos/s (%.1f MB/s)%n", each, each / sequential,
                        each * size / 1e6 / sequential, 4 * each / parallel, 4 * each * size / 1e6 / parallel);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * With a core configured the uploader runs and talks to it over the sync engine's link: the same URL and the
     * same signed headers (key id, signature). The stand-in answers 503 to everything (the real protocol is proven
     * by offline-sync's PhotoUploaderTest and system-tests' PhotoUploadEndToEndTest); the photo stays PENDING and
     * /health says why the round stopped.
     */
    @Test
    void withACoreTheUploaderOpensTheUploadOverTheEnginesSignedLinkAndHealthSaysWhyItStopped() throws Exception {
        com.sun.net.httpserver.HttpServer core = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.BlockingQueue<String> opened = new java.util.concurrent.LinkedBlockingQueue<>();
        core.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/v1/photos/uploads")) {
                opened.add(exchange.getRequestMethod() + " key=" + exchange.getRequestHeaders().getFirst("X-FG-Key")
                        + " signed=" + (exchange.getRequestHeaders().getFirst("X-FG-Signature") != null) + " "
                        + new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            byte[] busy = "{\"error\":\"BUSY\",\"message\":\"stand-in\"}".getBytes(
                    java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Retry-After", "30");
            exchange.sendResponseHeaders(503, busy.length);
            exchange.getResponseBody().write(busy);
            exchange.close();
        });
        core.start();
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.core.url", "http://127.0.0.1:"
                + core.getAddress().getPort(), "fg.core.key-id", "gw-photo", "fg.core.secret",
                "photo-secret-0123456789"))) {
            String acme = gateway.enroll("pda-a", "acme", "SH01");
            byte[] jpeg = synthetic(40_000, 11);
            assertThat(post(gateway, PHOTOS + "?parcelId=P-UP&shot=label", acme, "image/jpeg", jpeg).statusCode())
                    .isEqualTo(201);
            String open = opened.poll(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(open).as("the uploader opened an upload at the core").isNotNull()
                    .startsWith("POST key=gw-photo signed=true ")
                    .contains("\"tenant\":\"acme\"", "\"warehouse\":\"SH01\"", "\"parcelId\":\"P-UP\"",
                            "\"shot\":\"label\"", "\"size\":40000", "\"sha256\":\"" + sha256(jpeg) + "\"");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String health = gateway.get("/health", null).body();
            java.util.regex.Pattern stopped = java.util.regex.Pattern.compile(
                    "\"photos\":\\{[^}]*\"lastError\":\"[^\"]*503");
            while (!stopped.matcher(health).find() && System.nanoTime() < deadline) {
                Thread.sleep(100); // polling /health for the uploader's round to end, not timing it
                health = gateway.get("/health", null).body();
            }
            assertThat(health).contains("\"photos\":{\"pending\":1,\"pendingBytes\":40000,")
                    .containsPattern("\"photos\":\\{[^}]*\"lastError\":\"[^\"]*503");
        } finally {
            core.stop(0);
        }
    }

    private static void refused(HttpResponse<String> r, int status, String code, String... words) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body()).as("the error body").contains("\"error\":\"" + code + "\"").contains(words)
                .doesNotContain("Exception", "\tat ", "dev.floorgate", "micronaut");
    }

    private HttpResponse<String> post(TestGateway gateway, String path, String token, String type, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A real JPEG (ImageIO's encoder) of noise, so it does not compress to nothing. */
    static byte[] realJpeg(int width, int height, long seed) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 200; i++) {
            g.setColor(new Color(random.nextInt(0xffffff)));
            g.fillRect(random.nextInt(width), random.nextInt(height), 1 + random.nextInt(80), 1 + random.nextInt(80));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "jpg", out)).isTrue();
        return out.toByteArray();
    }

    /** JPEG markers around random bytes, of an exact size (the gateway checks the markers, not the image). */
    static byte[] synthetic(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 0xff;
        b[1] = (byte) 0xd8;
        b[2] = (byte) 0xff;
        b[3] = (byte) 0xe0;
        b[size - 2] = (byte) 0xff;
        b[size - 1] = (byte) 0xd9;
        return b;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
