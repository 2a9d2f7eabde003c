package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.testing.RabbitProcess;
import dev.floorgate.testing.S3TestServer;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Parcel photos end to end (issue 17): the real core over HTTP with signed requests, a real S3-API server (S3Proxy,
 * S3TestServer), real MariaDB and Redis, and a RabbitMQ of its own for the review event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhotosTest {
    static final String BUCKET = "fg-photos-test";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private S3TestServer s3;
    private RabbitProcess rabbit;
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;
    private Map<String, Object> settings;

    @BeforeAll
    void start() throws Exception {
        s3 = S3TestServer.start(BUCKET);
        rabbit = RabbitProcess.startNew();
        redis = RedisProcess.standalone();
        db = new TestDatabase("fg_photos_");
        settings = new HashMap<>(s3.settings(BUCKET));
        settings.put("fg.photos.thumbnail-size", "160");
        settings.put("fg.photos.max-chunk-bytes", "1048576");
        settings.put("fg.photos.url-lifetime", "5s");
        settings.put("fg.bus.uri", rabbit.uri());
        settings.put("fg.bus.poll-interval", "20ms");
        core = CoreHarness.start(redis.uri(), db, settings);
    }

    /** A table of acme's own schema (docs/TENANTS.md). */
    private String acme(String table) throws java.sql.SQLException {
        return "`" + db.tenantSchema("acme") + "`." + table;
    }

    @AfterAll
    void stop() throws Exception {
        if (core != null) {
            core.close();
        }
        db.close();
        redis.close();
        rabbit.close();
        s3.close();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aPhotoUploadedInOneGoIsStoredWithoutItsLocationBesideASmallThumbnail() throws Exception {
        byte[] photo = TestJpegs.withGps(800, 600, 10, 6);
        String id = create(core.acme, "acme", "P-100", "top", photo);
        assertThat(chunk(core.acme, "acme", id, 0, photo).status()).isEqualTo(200);
        CoreClient.Reply done = core.acme.post(uploadPath("acme", id) + "/complete", "");
        CoreHarness.require(done, 200);
        Map<String, Object> links = core.json(done.body());
        assertThat(links.get("sha256")).isEqualTo(PhotoService.sha256(photo));

        byte[] stored = fetch((String) links.get("url")).body();
        assertThat(TestJpegs.contains(stored, TestJpegs.GPS_LATITUDE)).isFalse();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("GPSLatitude");
        List<byte[]> app1 = TestJpegs.app1Segments(stored);
        assertThat(app1).hasSize(1);
        assertThat(JpegScrubber.orientation(app1.get(0), 0, app1.get(0).length)).isEqualTo(6);
        BufferedImage img = TestJpegs.decode(stored);
        assertThat(img.getWidth()).isEqualTo(800);
        assertThat(img.getHeight()).isEqualTo(600);

        byte[] thumb = fetch((String) links.get("thumbnailUrl")).body();
        BufferedImage t = TestJpegs.decode(thumb);
        assertThat(Math.max(t.getWidth(), t.getHeight())).isEqualTo(160);
        assertThat(thumb.length).isLessThan(stored.length / 2);
        String sha = PhotoService.sha256(photo);
        assertThat(s3.objects(BUCKET)).contains("tenants/acme/photos/" + sha + ".jpg",
                "tenants/acme/photos/" + sha + ".thumb.jpg");
        assertThat(s3.objects(BUCKET)).noneMatch(k -> k.startsWith("tenants/acme/uploads/" + id));

        CoreClient.Reply parcel = core.acme.get("/v1/photos/parcels/acme/P-100");
        CoreHarness.require(parcel, 200);
        assertThat(parcel.body()).contains("\"shot\":\"top\"").contains(sha);
    }

    @Test
    void anUploadCutMidwayContinuesFromTheStoredOffsetAfterARestartOnAnotherCoreInstance() throws Exception {
        byte[] photo = TestJpegs.withGps(1200, 900, 11, 1);
        assertThat(photo.length).isGreaterThan(3 * 16384);
        String id;
        // the device talks to instance A, sends two chunks of 16 KiB, then its connection drops; A stops
        try (CoreHarness a = CoreHarness.start(redis.uri(), db, settings)) {
            id = create(a.acme, "acme", "P-200", "side", photo);
            assertThat(chunk(a.acme, "acme", id, 0, Arrays.copyOfRange(photo, 0, 16384)).status()).isEqualTo(200);
            assertThat(chunk(a.acme, "acme", id, 16384, Arrays.copyOfRange(photo, 16384, 32768)).status())
                    .isEqualTo(200);
        }
        // instance B, started after A stopped, on the same database and bucket: no state came from A's memory
        try (CoreHarness b = CoreHarness.start(redis.uri(), db, settings)) {
            CoreClient.Reply status = b.acme.get(uploadPath("acme", id));
            CoreHarness.require(status, 200);
            assertThat(((Number) b.json(status.body()).get("offset")).longValue()).isEqualTo(32768);
            // sending from 0 again is refused with the stored offset: the upload never restarts
            CoreClient.Reply restart = chunk(b.acme, "acme", id, 0, Arrays.copyOfRange(photo, 0, 20000));
            assertThat(restart.status()).isEqualTo(409);
            assertThat(((Number) b.json(restart.body()).get("expectedOffset")).longValue()).isEqualTo(32768);
            long offset = 32768;
            while (offset < photo.length) {
                int end = (int) Math.min(photo.length, offset + 20000);
                CoreClient.Reply r = chunk(b.acme, "acme", id, offset, Arrays.copyOfRange(photo, (int) offset, end));
                CoreHarness.require(r, 200);
                offset = ((Number) b.json(r.body()).get("offset")).longValue();
            }
            CoreClient.Reply done = b.acme.post(uploadPath("acme", id) + "/complete", "");
            CoreHarness.require(done, 200);
            assertThat(b.json(done.body()).get("sha256")).isEqualTo(PhotoService.sha256(photo));
        }
        // the class's instance sees it complete too, and the stored photo is the whole of it
        CoreClient.Reply again = core.acme.get(uploadPath("acme", id));
        assertThat(core.json(again.body())).containsEntry("state", "COMPLETE");
        CoreClient.Reply parcel = core.acme.get("/v1/photos/parcels/acme/P-200");
        String url = (String) ((Map<?, ?>) ((List<?>) core.json(parcel.body()).get("photos")).get(0)).get("url");
        BufferedImage img = TestJpegs.decode(fetch(url).body());
        assertThat(img.getWidth()).isEqualTo(1200);
        assertThat(img.getHeight()).isEqualTo(900);
    }

    @Test
    void theSameChunkSentTwiceAtOnceIsStoredOnceAndBothAreAnsweredWithTheNewOffset() throws Exception {
        byte[] photo = TestJpegs.plain(600, 400, 19);
        String id = create(core.acme, "acme", "P-900", "top", photo);
        byte[] first = Arrays.copyOfRange(photo, 0, 30000);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<CoreClient.Reply>> replies = pool.invokeAll(List.of(
                    () -> chunk(core.acme, "acme", id, 0, first), () -> chunk(core.acme, "acme", id, 0, first)));
            for (java.util.concurrent.Future<CoreClient.Reply> f : replies) {
                CoreClient.Reply r = f.get();
                CoreHarness.require(r, 200);
                assertThat(((Number) core.json(r.body()).get("offset")).longValue()).isEqualTo(30000);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(db.count("SELECT COUNT(*) FROM " + acme("photo_upload_chunks") + " WHERE upload_id = ?", id))
                .isEqualTo(1);
        assertThat(db.count("SELECT received FROM " + acme("photo_uploads") + " WHERE upload_id = ?", id))
                .isEqualTo(30000);
    }

    @Test
    void aChunkAtTheWrongOffsetIsRefusedWithTheExpectedOffsetAndARepeatIsAccepted() throws Exception {
        byte[] photo = TestJpegs.plain(400, 300, 12);
        String id = create(core.acme, "acme", "P-300", "top", photo);
        byte[] first = Arrays.copyOfRange(photo, 0, 4000);
        CoreHarness.require(chunk(core.acme, "acme", id, 0, first), 200);

        CoreClient.Reply repeat = chunk(core.acme, "acme", id, 0, first); // the answer was lost, the device resends
        CoreHarness.require(repeat, 200);
        assertThat(((Number) core.json(repeat.body()).get("offset")).longValue()).isEqualTo(4000);

        CoreClient.Reply gap = chunk(core.acme, "acme", id, 8000, Arrays.copyOfRange(photo, 8000, 9000));
        assertThat(gap.status()).isEqualTo(409);
        assertThat(core.json(gap.body())).containsEntry("error", "OFFSET_MISMATCH");
        assertThat(((Number) core.json(gap.body()).get("expectedOffset")).longValue()).isEqualTo(4000);

        byte[] other = first.clone();
        other[10] ^= 1; // other bytes at an offset already stored: not a repeat
        CoreClient.Reply changed = chunk(core.acme, "acme", id, 0, other);
        assertThat(changed.status()).isEqualTo(409);
        assertThat(((Number) core.json(changed.body()).get("expectedOffset")).longValue()).isEqualTo(4000);

        CoreClient.Reply early = core.acme.post(uploadPath("acme", id) + "/complete", "");
        assertThat(early.status()).isEqualTo(409);
        assertThat(core.json(early.body())).containsEntry("error", "UPLOAD_INCOMPLETE");
        assertThat(db.count("SELECT COUNT(*) FROM " + acme("photo_upload_chunks") + " WHERE upload_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void aWrongSha256IsRefusedAndNothingIsStored() throws Exception {
        byte[] photo = TestJpegs.plain(300, 200, 13);
        byte[] declared = TestJpegs.plain(300, 200, 14);
        String wrongSha = PhotoService.sha256(declared);
        String id = create(core.acme, "acme", "P-400", "top", photo, wrongSha);
        CoreHarness.require(chunk(core.acme, "acme", id, 0, photo), 200);
        assertThat(s3.objects(BUCKET)).anyMatch(k -> k.startsWith("tenants/acme/uploads/" + id + "/"));

        CoreClient.Reply done = core.acme.post(uploadPath("acme", id) + "/complete", "");
        assertThat(done.status()).isEqualTo(422);
        assertThat(core.json(done.body())).containsEntry("error", "SHA256_MISMATCH");
        assertThat(s3.objects(BUCKET)).noneMatch(k -> k.contains(wrongSha) || k.contains(PhotoService.sha256(photo))
                || k.startsWith("tenants/acme/uploads/" + id + "/"));
        assertThat(db.count("SELECT COUNT(*) FROM " + acme("photos") + " WHERE sha256 IN (?, ?)", wrongSha,
                PhotoService.sha256(photo))).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM " + acme("parcel_photos") + " WHERE parcel_id = 'P-400'")).isZero();
        CoreClient.Reply after = chunk(core.acme, "acme", id, 0, photo);
        assertThat(after.status()).isEqualTo(409);
        assertThat(core.json(after.body())).containsEntry("error", "UPLOAD_FAILED");
    }

    @Test
    void bytesThatAreNotAJpegAnotherTypeOrTooManyBytesAreRefusedAndNothingIsStored() throws Exception {
        byte[] junk = new byte[5000];
        new java.util.Random(7).nextBytes(junk);
        String sha = PhotoService.sha256(junk);
        CoreClient.Reply png = core.acme.post("/v1/photos/uploads", createBody("acme", "P-950", "top", junk, sha)
                .replace("image/jpeg", "image/png"));
        assertThat(png.status()).isEqualTo(422);
        assertThat(core.json(png.body())).containsEntry("error", "UNSUPPORTED_PHOTO_TYPE");
        CoreClient.Reply huge = core.acme.post("/v1/photos/uploads", createBody("acme", "P-950", "top", junk, sha)
                .replace("\"size\":5000", "\"size\":" + (21L * 1024 * 1024)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(core.json(huge.body())).containsEntry("error", "PHOTO_TOO_LARGE");

        String id = create(core.acme, "acme", "P-950", "top", junk);
        CoreHarness.require(chunk(core.acme, "acme", id, 0, junk), 200);
        CoreClient.Reply done = core.acme.post(uploadPath("acme", id) + "/complete", "");
        assertThat(done.status()).isEqualTo(422);
        assertThat(core.json(done.body())).containsEntry("error", "NOT_A_PHOTO");
        assertThat(s3.objects(BUCKET)).noneMatch(k -> k.contains(sha) || k.startsWith("tenants/acme/uploads/" + id));
        assertThat(db.count("SELECT COUNT(*) FROM " + acme("photos") + " WHERE sha256 = ?", sha)).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM " + acme("parcel_photos") + " WHERE parcel_id = 'P-950'")).isZero();
    }

    @Test
    void theSamePhotoUploadedTwiceIsStoredOnce() throws Exception {
        byte[] photo = TestJpegs.withGps(320, 240, 15, 3);
        String sha = PhotoService.sha256(photo);
        for (String parcel : new String[] {"P-500", "P-501"}) {
            String id = create(core.acme, "acme", parcel, "top", photo);
            CoreHarness.require(chunk(core.acme, "acme", id, 0, photo), 200);
            CoreHarness.require(core.acme.post(uploadPath("acme", id) + "/complete", ""), 200);
        }
        assertThat(db.count("SELECT COUNT(*) FROM " + acme("photos") + " WHERE tenant = 'acme' AND sha256 = ?", sha))
                .isEqualTo(1);
        assertThat(s3.objects(BUCKET).stream().filter(k -> k.contains(sha)).toList())
                .containsExactlyInAnyOrder("tenants/acme/photos/" + sha + ".jpg",
                        "tenants/acme/photos/" + sha + ".thumb.jpg");
        assertThat(db.count("SELECT COUNT(*) FROM " + acme("parcel_photos") + " WHERE sha256 = ?", sha)).isEqualTo(2);
    }

    @Test
    void theSignedUrlFetchesThePhotoOverPlainHttpAndStopsWorkingAfterItsLifetime() throws Exception {
        byte[] photo = TestJpegs.plain(200, 200, 16);
        String id = create(core.acme, "acme", "P-600", "top", photo);
        CoreHarness.require(chunk(core.acme, "acme", id, 0, photo), 200);
        CoreClient.Reply done = core.acme.post(uploadPath("acme", id) + "/complete", "");
        CoreHarness.require(done, 200);
        String url = (String) core.json(done.body()).get("url");
        assertThat(url).startsWith(s3.endpoint() + "/" + BUCKET + "/tenants/acme/photos/");
        HttpResponse<byte[]> ok = fetch(url);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(photo); // no EXIF to take out: stored as sent

        HttpResponse<byte[]> unsigned = fetch(url.substring(0, url.indexOf('?')));
        assertThat(unsigned.statusCode()).isEqualTo(403);

        Thread.sleep(6500); // fg.photos.url-lifetime is 5s in this class
        HttpResponse<byte[]> expired = fetch(url);
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).doesNotContain("\u00ff\u00d8");
    }

    @Test
    void aTenantCannotReadOrCompleteAnotherTenantsUploadOrPhoto() throws Exception {
        byte[] photo = TestJpegs.plain(200, 150, 17);
        String id = create(core.acme, "acme", "P-700", "top", photo);
        CoreHarness.require(chunk(core.acme, "acme", id, 0, photo), 200);

        // the multi key holds beta and gamma, not acme
        assertThat(core.multi.get(uploadPath("acme", id)).status()).isEqualTo(403);
        assertThat(chunk(core.multi, "acme", id, 0, photo).status()).isEqualTo(403);
        assertThat(core.multi.post(uploadPath("acme", id) + "/complete", "").status()).isEqualTo(403);
        assertThat(core.multi.get("/v1/photos/parcels/acme/P-700").status()).isEqualTo(403);
        // acme's upload id under its own tenant is unknown to beta
        CoreClient.Reply asBeta = core.multi.get(uploadPath("beta", id));
        assertThat(asBeta.status()).isEqualTo(404);
        assertThat(core.json(asBeta.body())).containsEntry("error", "UPLOAD_NOT_FOUND");
        assertThat(core.multi.post(uploadPath("beta", id) + "/complete", "").status()).isEqualTo(404);
        assertThat(chunk(core.multi, "beta", id, photo.length, new byte[] {1}).status()).isEqualTo(404);
        assertThat(core.multi.post(uploadPath("beta", id) + "/complete", "").status()).isEqualTo(404);

        CoreHarness.require(core.acme.post(uploadPath("acme", id) + "/complete", ""), 200);
        CoreClient.Reply betaParcel = core.multi.get("/v1/photos/parcels/beta/P-700");
        CoreHarness.require(betaParcel, 200);
        assertThat(betaParcel.body()).contains("\"photos\":[]");
        assertThat(core.multi.post("/v1/photos/parcels/beta/P-700/review", "{\"verdict\":\"APPROVE\"}").status())
                .isEqualTo(404);
        // creating an upload for a tenant the key does not hold
        assertThat(core.multi.post("/v1/photos/uploads", createBody("acme", "P-701", "top", photo,
                PhotoService.sha256(photo))).status()).isEqualTo(403);
    }

    @Test
    void theCustomersDisputeIsStoredAndPublishedThroughTheEventOutbox() throws Exception {
        byte[] photo = TestJpegs.plain(240, 180, 18);
        String id = create(core.acme, "acme", "P-800", "top", photo);
        CoreHarness.require(chunk(core.acme, "acme", id, 0, photo), 200);
        CoreHarness.require(core.acme.post(uploadPath("acme", id) + "/complete", ""), 200);
        try (BusTap tap = BusTap.events(rabbit.uri(), "acme.test.photos", "acme.SH01.photo.reviewed")) {
            CoreClient.Reply bad = core.acme.post("/v1/photos/parcels/acme/P-800/review", "{\"verdict\":\"DISPUTE\"}");
            assertThat(bad.status()).isEqualTo(400); // a dispute says why
            CoreClient.Reply r = core.acme.post("/v1/photos/parcels/acme/P-800/review",
                    "{\"verdict\":\"DISPUTE\",\"comment\":\"the box is dented on the left\"}");
            CoreHarness.require(r, 201);
            String reviewId = (String) core.json(r.body()).get("reviewId");
            // the review commits its event into acme's own outbox; the relay moves it to the shared one: it is in
            // exactly one of them (one statement, one snapshot)
            List<Map<String, Object>> rows = db.query("SELECT type, routing_key, payload FROM (SELECT event_id, type, "
                    + "routing_key, payload FROM event_outbox UNION ALL SELECT event_id, type, routing_key, payload "
                    + "FROM " + acme("event_outbox") + ") e WHERE event_id = ?", reviewId);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).containsEntry("type", "photo.reviewed")
                    .containsEntry("routing_key", "acme.SH01.photo.reviewed");
            assertThat((String) rows.get(0).get("payload")).contains("\"verdict\":\"DISPUTED\"")
                    .contains("the box is dented on the left").contains(PhotoService.sha256(photo));
            assertThat(db.count("SELECT COUNT(*) FROM " + acme("photo_reviews")
                    + " WHERE review_id = ? AND verdict = 'DISPUTED'",
                    reviewId)).isEqualTo(1);
            BusTap.Delivery d = tap.await(x -> reviewId.equals(x.messageId()), Duration.ofSeconds(20),
                    "the photo.reviewed event");
            assertThat(d.type()).isEqualTo("photo.reviewed");
        }
    }

    // ------------------------------------------------------------------ helpers

    static String uploadPath(String tenant, String id) {
        return "/v1/photos/uploads/" + tenant + "/" + id;
    }

    private String create(CoreClient client, String tenant, String parcel, String shot, byte[] photo) {
        return create(client, tenant, parcel, shot, photo, PhotoService.sha256(photo));
    }

    private String create(CoreClient client, String tenant, String parcel, String shot, byte[] photo, String sha) {
        CoreClient.Reply r = client.post("/v1/photos/uploads", createBody(tenant, parcel, shot, photo, sha));
        CoreHarness.require(r, 201);
        Map<String, Object> body = core.json(r.body());
        assertThat(((Number) body.get("offset")).longValue()).isZero();
        return (String) body.get("uploadId");
    }

    private static String createBody(String tenant, String parcel, String shot, byte[] photo, String sha) {
        return "{\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\",\"parcelId\":\"" + parcel + "\",\"shot\":\""
                + shot + "\",\"contentType\":\"image/jpeg\",\"size\":" + photo.length + ",\"sha256\":\"" + sha + "\"}";
    }

    /** A signed chunk PUT with an application/octet-stream body. */
    static CoreClient.Reply chunk(CoreClient client, String tenant, String id, long offset, byte[] bytes)
            throws Exception {
        String path = uploadPath(tenant, id) + "?offset=" + offset;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(client.base() + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        client.headersFor("PUT", path, bytes).forEach(b::header);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new CoreClient.Reply(r.statusCode(), r.body(), r.headers());
    }

    static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
