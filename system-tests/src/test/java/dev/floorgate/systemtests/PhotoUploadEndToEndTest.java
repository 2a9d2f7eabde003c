package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.sync.DiskGuard;
import dev.floorgate.sync.PhotoOptions;
import dev.floorgate.sync.PhotoOutbox;
import dev.floorgate.sync.PhotoState;
import dev.floorgate.sync.PhotoUploader;
import dev.floorgate.sync.StoredPhoto;
import dev.floorgate.sync.SyncOptions;
import dev.floorgate.testing.CameraJpegs;
import dev.floorgate.testing.S3TestServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: parcel photos buffered at the gateway ({@link PhotoOutbox} in this JVM) go up to the real core (its jar
 * as a process, MariaDB, a private Redis, S3Proxy as a process) with the resumable protocol, through a link that a
 * test can cut (the Wi-Fi in the aisle). A photo cut mid-way, with the gateway's buffer closed and the core killed
 * with kill -9 and started again, continues from the core's offset: the link never carried offset 0 twice for it
 * and fewer than twice its bytes. The photo is then readable at the core (presigned URL) and decodes at its size.
 * Prints the upload throughput over loopback.
 */
class PhotoUploadEndToEndTest {
    private static final String BUCKET = "fg-photobuf";
    private static final String KEY_ID = "gw-test";
    private static final String SECRET = "gw-test-secret-0123456789";
    private static final int CHUNK = 32 * 1024;

    @TempDir
    Path dir;

    private ServiceProcess startCore(int port, Map<String, String> photosEnv) throws Exception {
        Map<String, String> env = new HashMap<>(photosEnv);
        env.put("FG_CORE_PORT", Integer.toString(port));
        env.put("FG_CORE_KEYS", KEY_ID + ":" + SECRET + ":acme|beta");
        env.put("FG_CORE_ADMIN_TOKEN", "admin-token-0123456789");
        return new ServiceProcess("core", "fg.core.jar", port, env, dir).start(Duration.ofSeconds(90));
    }

    @Test
    void aPhotoCutMidwayResumesFromTheCoresOffsetAndIsReadableAtTheCore() throws Exception {
        try (RedisServer redis = new RedisServer(dir);
                MariaDbDatabase db = MariaDbDatabase.withPrefix("fg_photobuf_");
                S3TestServer s3 = S3TestServer.start(BUCKET)) {
            Map<String, String> env = new HashMap<>(s3.coreEnv(BUCKET));
            env.put("FG_REDIS_URI", redis.uri());
            env.put("FG_MYSQL_URL", db.jdbcUrl());
            int corePort = ServiceProcess.freePort();
            ServiceProcess core = startCore(corePort, env);
            try (CuttableProxy wifi = new CuttableProxy(corePort)) {
                Path gw = dir.resolve("gateway-data");
                java.nio.file.Files.createDirectories(gw);
                SyncOptions sync = SyncOptions.builder().dataDir(gw).coreUrl(wifi.url()).keyId(KEY_ID).secret(SECRET)
                        .httpTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20)).build();
                PhotoOptions options = PhotoOptions.builder().diskFloorBytes(0).chunkBytes(CHUNK)
                        .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
                byte[] top = CameraJpegs.noisyGradient(1600, 1200, 1);
                assertThat(top.length).isGreaterThan(12 * CHUNK);
                List<Long> acked = new ArrayList<>();
                long sentBefore;
                long id;
                try (PhotoOutbox photos = PhotoOutbox.open(gw.resolve("photos"), new DiskGuard(gw, 0), options)) {
                    StoredPhoto p = photos.add("acme", "SH01", "P-100", "top", top);
                    id = p.id();
                    PhotoUploader up = PhotoUploader.create(photos, sync, (ph, off, len, now) -> acked.add(off));
                    assertThat(up.sendPending(5)).isEqualTo(5);
                    wifi.cut(); // the Wi-Fi drops
                    assertThatThrownBy(() -> up.sendPending(Integer.MAX_VALUE)).isInstanceOf(IOException.class);
                    assertThat(up.lastError()).isNotNull();
                    sentBefore = photos.stats().bytesSent();
                } // the gateway goes away with the upload half done
                core.kill9();
                core = startCore(corePort, env); // and the core restarts: its state is in MariaDB and S3
                wifi.restore();
                long sentAfter;
                try (PhotoOutbox photos = PhotoOutbox.open(gw.resolve("photos"), new DiskGuard(gw, 0), options)) {
                    assertThat(photos.find(id).offset()).isEqualTo(5L * CHUNK);
                    PhotoUploader up = PhotoUploader.create(photos, sync, (ph, off, len, now) -> acked.add(off));
                    up.sendPending(Integer.MAX_VALUE);
                    assertThat(photos.find(id).state()).isEqualTo(PhotoState.UPLOADED);
                    assertThat(java.nio.file.Files.exists(photos.fileOf(photos.find(id).sha256()))).isFalse();
                    sentAfter = photos.stats().bytesSent();
                }
                // what went over the link: each chunk once, offset 0 once, in order
                List<Long> putOffsets = new ArrayList<>();
                Pattern put = Pattern.compile("PUT /v1/photos/uploads/acme/[^?]+\\?offset=(\\d+)");
                for (String line : wifi.requestLines()) {
                    Matcher m = put.matcher(line);
                    if (m.matches()) {
                        putOffsets.add(Long.parseLong(m.group(1)));
                    }
                }
                assertThat(putOffsets).filteredOn(o -> o == 0L).hasSize(1);
                assertThat(putOffsets).isSorted().doesNotHaveDuplicates();
                assertThat(acked.get(5)).isEqualTo(5L * CHUNK); // the new uploader continued there
                assertThat(sentBefore + sentAfter).isLessThan(2L * top.length);
                assertThat(wifi.requestLines()).anyMatch(l -> l.startsWith("GET /v1/photos/uploads/acme/"));

                // readable at the core: the scrubbed photo decodes at the original's size
                CoreClientForTests api = new CoreClientForTests("http://127.0.0.1:" + corePort, KEY_ID, SECRET);
                String parcel = api.ok("GET", "/v1/photos/parcels/acme/P-100", null);
                assertThat(number(parcel, "width")).isEqualTo(1600);
                assertThat(number(parcel, "height")).isEqualTo(1200);
                String url = Chain.field(parcel, "url").replace("\\/", "/").replace("\\u0026", "&");
                HttpResponse<byte[]> fetched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertThat(fetched.statusCode()).isEqualTo(200);
                BufferedImage back = ImageIO.read(new ByteArrayInputStream(fetched.body()));
                assertThat(back).isNotNull();
                assertThat(back.getWidth()).isEqualTo(1600);
                assertThat(back.getHeight()).isEqualTo(1200);

                throughput(gw, sync.toBuilder().coreUrl("http://127.0.0.1:" + corePort).build());
            } finally {
                core.close();
            }
        }
    }

    /**
     * Uploads 6 photos straight to the core, with chunks of 256 KiB and then of 1 MiB, and prints MB/s (a
     * measurement, no bound): overall, and of the chunk PUTs alone (the time between two acknowledged chunks of one
     * photo), the rest being each photo's open, first chunk and complete (scrub, thumbnail, S3 copy).
     */
    private static void throughput(Path gw, SyncOptions sync) throws Exception {
        for (int chunk : new int[] {256 * 1024, 1024 * 1024}) {
            try (PhotoOutbox photos = PhotoOutbox.open(gw.resolve("photos-bench-" + chunk), new DiskGuard(gw, 0),
                    PhotoOptions.builder().diskFloorBytes(0).chunkBytes(chunk).build())) {
                long bytes = 0;
                for (int i = 0; i < 6; i++) {
                    bytes += photos.add("acme", "SH01", "P-B" + chunk + "-" + i, "top",
                            CameraJpegs.noisyGradient(1600, 1200, 100 + i))
                            .size();
                }
                long[] last = {0, -1}; // nanoTime of the last ack, its photo id
                long[] chunkNanos = {0};
                long[] chunkBytes = {0};
                PhotoUploader up = PhotoUploader.create(photos, sync, (p, off, len, now) -> {
                    long t = System.nanoTime();
                    if (last[1] == p.id()) {
                        chunkNanos[0] += t - last[0];
                        chunkBytes[0] += len;
                    }
                    last[0] = t;
                    last[1] = p.id();
                });
                long t0 = System.nanoTime();
                up.sendPending(Integer.MAX_VALUE);
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertThat(photos.stats().uploaded()).isEqualTo(6);
                System.out.printf("photo upload to the core over loopback, chunks of %d bytes: 6 photos, %d bytes "
                        + "in %.2f s: %.2f MB/s overall; later chunk PUTs alone %s; the rest (opens, first "
                        + "chunks, completes) %.0f ms per photo%n", chunk, bytes, seconds, bytes / 1e6 / seconds,
                        chunkNanos[0] == 0 ? "n/a (one chunk per photo)"
                                : String.format("%.2f MB/s", chunkBytes[0] / 1e6 / (chunkNanos[0] / 1e9)),
                        (seconds - chunkNanos[0] / 1e9) * 1000 / 6);
            }
        }
    }

    private static long number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return Long.parseLong(m.group(1));
    }
}
