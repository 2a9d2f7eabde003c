package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.floorgate.testing.S3TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Per-tenant S3 credentials for parcel photos (issue 17 item 4, docs/TENANTS.md "S3"): the real core over HTTP and
 * a real S3Proxy serving three identities (S3TestServer.startWithIdentities): the shared one with bucket fg-shared,
 * acme's with fg-acme and beta's with fg-beta, each bucket in its identity's own store. The store itself, not the
 * core, refuses one tenant's keys on another's bucket. Tenants: acme (key gw-acme), beta and gamma (key gw-multi);
 * gamma has no credentials of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantPhotoCredentialsTest {
    private static final String SHARED_BUCKET = "fg-shared";
    private static final String ACME_BUCKET = "fg-acme";
    private static final String BETA_BUCKET = "fg-beta";
    private static final String ACME_KEY = "acme-photos-key";
    private static final String ACME_SECRET = "acme-photos-secret-0123456789";
    private static final String BETA_KEY = "beta-photos-key";
    private static final String BETA_SECRET = "beta-photos-secret-9876543210";
    /** Tries of a write the store refuses; see {@link #assertRefused}. */
    private static final int STORE_TRIES = 10;
    private S3TestServer s3;
    private RedisProcess redis;
    private TestDatabase db;
    private CoreHarness core;
    private Map<String, Object> settings;
    private Path betaSecretFile;

    @BeforeAll
    void start() throws Exception {
        s3 = S3TestServer.startWithIdentities(
                new S3TestServer.Identity(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY, List.of(SHARED_BUCKET)),
                new S3TestServer.Identity(ACME_KEY, ACME_SECRET, List.of(ACME_BUCKET)),
                new S3TestServer.Identity(BETA_KEY, BETA_SECRET, List.of(BETA_BUCKET)));
        redis = RedisProcess.standalone();
        db = new TestDatabase("fg_s3tenants_");
        betaSecretFile = Files.createTempFile("beta-s3-secret", ".txt");
        Files.writeString(betaSecretFile, BETA_SECRET + "\n");
        settings = new HashMap<>(s3.settings(SHARED_BUCKET));
        settings.put("fg.photos.tenants.acme.access-key", ACME_KEY);
        settings.put("fg.photos.tenants.acme.secret-key", ACME_SECRET);
        settings.put("fg.photos.tenants.acme.bucket", ACME_BUCKET);
        settings.put("fg.photos.tenants.beta.access-key", BETA_KEY);
        settings.put("fg.photos.tenants.beta.secret-key-file", betaSecretFile.toString());
        settings.put("fg.photos.tenants.beta.bucket", BETA_BUCKET);
        core = CoreHarness.start(redis.uri(), db, settings);
    }

    @AfterAll
    void stop() throws Exception {
        if (core != null) {
            core.close();
        }
        db.close();
        redis.close();
        s3.close();
        Files.deleteIfExists(betaSecretFile);
    }

    @Test
    void eachTenantsPhotosAndStagedChunksLandInItsOwnBucketSignedWithItsOwnKeys() throws Exception {
        byte[] acmePhoto = TestJpegs.plain(300, 200, 31);
        byte[] betaPhoto = TestJpegs.plain(300, 200, 32);
        String acmeUpload = createAndSend(core.acme, "acme", "P-1", acmePhoto);
        // the staged chunk is in acme's own bucket before completion
        assertThat(s3.objects(ACME_BUCKET)).anyMatch(k -> k.startsWith("tenants/acme/uploads/" + acmeUpload + "/"));
        Map<String, Object> acme = complete(core.acme, "acme", acmeUpload);
        Map<String, Object> beta = complete(core.multi, "beta", createAndSend(core.multi, "beta", "P-1", betaPhoto));

        String a = PhotoService.sha256(acmePhoto);
        String b = PhotoService.sha256(betaPhoto);
        assertThat(s3.objects(ACME_BUCKET)).contains("tenants/acme/photos/" + a + ".jpg",
                "tenants/acme/photos/" + a + ".thumb.jpg").noneMatch(k -> k.startsWith("tenants/beta/"));
        assertThat(s3.objects(BETA_BUCKET)).contains("tenants/beta/photos/" + b + ".jpg",
                "tenants/beta/photos/" + b + ".thumb.jpg").noneMatch(k -> k.startsWith("tenants/acme/"));
        assertThat(s3.objects(SHARED_BUCKET)).noneMatch(k -> k.startsWith("tenants/acme/")
                || k.startsWith("tenants/beta/"));

        String acmeUrl = (String) acme.get("url");
        assertThat(acmeUrl).startsWith(s3.endpoint() + "/" + ACME_BUCKET + "/tenants/acme/photos/" + a)
                .contains("X-Amz-Credential=" + ACME_KEY + "%2F");
        assertThat(PhotosTest.fetch(acmeUrl).body()).isEqualTo(acmePhoto);
        String betaUrl = (String) beta.get("url");
        assertThat(betaUrl).startsWith(s3.endpoint() + "/" + BETA_BUCKET + "/tenants/beta/photos/" + b)
                .contains("X-Amz-Credential=" + BETA_KEY + "%2F");
        assertThat(PhotosTest.fetch(betaUrl).body()).isEqualTo(betaPhoto);
        assertThat(PhotosTest.fetch((String) beta.get("thumbnailUrl")).statusCode()).isEqualTo(200);
    }

    @Test
    void acmesOwnCredentialsUsedDirectlyAreRefusedByTheStoreOnBetasBucketAndObjects() throws Exception {
        byte[] acmePhoto = TestJpegs.plain(240, 160, 33);
        byte[] betaPhoto = TestJpegs.plain(240, 160, 34);
        complete(core.acme, "acme", createAndSend(core.acme, "acme", "P-2", acmePhoto));
        Map<String, Object> beta = complete(core.multi, "beta", createAndSend(core.multi, "beta", "P-2", betaPhoto));
        String acmeKey = PhotoStore.photoKey("acme", PhotoService.sha256(acmePhoto));
        String betaKey = PhotoStore.photoKey("beta", PhotoService.sha256(betaPhoto));
        List<String> betaBefore = s3.objects(BETA_BUCKET);
        List<String> sharedBefore = s3.objects(SHARED_BUCKET);

        try (S3Client asAcme = client(ACME_KEY, ACME_SECRET)) {
            // the same client reads acme's own photo: what follows is refused for the bucket, not the keys
            assertThat(asAcme.getObjectAsBytes(g -> g.bucket(ACME_BUCKET).key(acmeKey)).asByteArray())
                    .isEqualTo(acmePhoto);

            assertRefused(() -> asAcme.getObjectAsBytes(g -> g.bucket(BETA_BUCKET).key(betaKey)));
            assertRefused(() -> asAcme.headObject(h -> h.bucket(BETA_BUCKET).key(betaKey)));
            assertRefused(() -> asAcme.listObjectsV2(l -> l.bucket(BETA_BUCKET)));
            assertRefused(() -> asAcme.putObject(p -> p.bucket(BETA_BUCKET).key(betaKey),
                    RequestBody.fromBytes(new byte[] {1, 2, 3})));
            assertRefused(() -> asAcme.putObject(p -> p.bucket(BETA_BUCKET).key("tenants/beta/photos/planted.jpg"),
                    RequestBody.fromBytes(new byte[] {1, 2, 3})));
            assertRefused(() -> asAcme.createMultipartUpload(m -> m.bucket(BETA_BUCKET)
                    .key("tenants/beta/uploads/planted")));
            assertRefused(() -> asAcme.deleteObject(d -> d.bucket(BETA_BUCKET).key(betaKey)));
            // nor the shared bucket, where tenants without their own credentials keep their photos
            assertRefused(() -> asAcme.listObjectsV2(l -> l.bucket(SHARED_BUCKET)));
            assertRefused(() -> asAcme.putObject(p -> p.bucket(SHARED_BUCKET).key("tenants/gamma/photos/x.jpg"),
                    RequestBody.fromBytes(new byte[] {1})));
        }
        try (S3Client asBeta = client(BETA_KEY, BETA_SECRET)) {
            assertRefused(() -> asBeta.getObjectAsBytes(g -> g.bucket(ACME_BUCKET).key(acmeKey)));
            assertRefused(() -> asBeta.deleteObject(d -> d.bucket(ACME_BUCKET).key(acmeKey)));
        }

        // nothing was written, changed or deleted
        assertThat(s3.objects(BETA_BUCKET)).isEqualTo(betaBefore);
        assertThat(s3.objects(SHARED_BUCKET)).isEqualTo(sharedBefore);
        assertThat(PhotosTest.fetch((String) beta.get("url")).body()).isEqualTo(betaPhoto);
        try (S3Client asAcme = client(ACME_KEY, ACME_SECRET)) {
            assertThat(asAcme.getObjectAsBytes(g -> g.bucket(ACME_BUCKET).key(acmeKey)).asByteArray())
                    .isEqualTo(acmePhoto);
        }
    }

    @Test
    void aPresignedUrlMadeWithAcmesKeysDoesNotOpenABetaObject() throws Exception {
        byte[] acmePhoto = TestJpegs.plain(200, 120, 35);
        byte[] betaPhoto = TestJpegs.plain(200, 120, 36);
        Map<String, Object> acme = complete(core.acme, "acme", createAndSend(core.acme, "acme", "P-3", acmePhoto));
        complete(core.multi, "beta", createAndSend(core.multi, "beta", "P-3", betaPhoto));
        String betaKey = PhotoStore.photoKey("beta", PhotoService.sha256(betaPhoto));
        String acmeUrl = (String) acme.get("url");
        assertThat(PhotosTest.fetch(acmeUrl).statusCode()).isEqualTo(200);

        // acme's keys presigning beta's object: a valid signature of an identity the bucket is not for
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(s3.endpoint()))
                .region(Region.US_EAST_1).credentialsProvider(credentials(ACME_KEY, ACME_SECRET))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            String forged = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(BETA_BUCKET).key(betaKey))).url().toString();
            assertNothingOpened(PhotosTest.fetch(forged), betaPhoto);
        }
        // the URL the core made for acme, pointed at beta's object
        String acmePath = "/" + ACME_BUCKET + "/" + PhotoStore.photoKey("acme", PhotoService.sha256(acmePhoto));
        assertThat(acmeUrl).contains(acmePath);
        assertNothingOpened(PhotosTest.fetch(acmeUrl.replace(acmePath, "/" + BETA_BUCKET + "/" + betaKey)),
                betaPhoto);
        // and at beta's bucket with acme's own key name
        assertNothingOpened(PhotosTest.fetch(acmeUrl.replace("/" + ACME_BUCKET + "/", "/" + BETA_BUCKET + "/")),
                acmePhoto);
    }

    @Test
    void aTenantWhoseKeysAreWrongGetsTheStoresRefusalWithoutASecretAndTheOtherTenantKeepsWorking() throws Exception {
        String wrongSecret = "beta-wrong-secret-that-must-not-leak";
        Map<String, Object> broken = new HashMap<>(settings);
        broken.remove("fg.photos.tenants.beta.secret-key-file");
        broken.put("fg.photos.tenants.beta.secret-key", wrongSecret);
        broken.put("fg.photos.tenants.gamma.access-key", "nobody-the-store-knows");
        broken.put("fg.photos.tenants.gamma.secret-key", "gamma-secret-that-must-not-leak");
        try (CoreHarness other = CoreHarness.start(redis.uri(), db, broken)) {
            byte[] photo = TestJpegs.plain(220, 140, 37);
            for (String[] c : new String[][] {{"beta", "SignatureDoesNotMatch"}, {"gamma", "InvalidAccessKeyId"}}) {
                String tenant = c[0];
                String id = create(other.multi, tenant, "P-4", photo);
                // as a device does on 503: send again. A try whose every SDK attempt met S3Proxy's early close
                // (see assertRefused) is a 503 that names no store answer; the store's refusal comes on a later one
                CoreClient.Reply r = null;
                for (int i = 0; i < STORE_TRIES && (r == null || !r.body().contains("refused the request")); i++) {
                    r = PhotosTest.chunk(other.multi, tenant, id, 0, photo);
                    assertThat(r.status()).as(r.body()).isEqualTo(503);
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    assertThat(other.json(r.body())).containsEntry("error", "UNAVAILABLE");
                    assertThat(r.body()).doesNotContain(wrongSecret, "gamma-secret-that-must-not-leak", BETA_SECRET,
                            S3TestServer.SECRET_KEY, "Exception");
                }
                assertThat((String) other.json(r.body()).get("message"))
                        .contains("the photo store refused the request for tenant " + tenant)
                        .contains("HTTP 403 " + c[1])
                        .contains("fg.photos.tenants." + tenant + ".access-key");
                assertThat(r.body()).doesNotContain(wrongSecret, "gamma-secret-that-must-not-leak", BETA_SECRET,
                        S3TestServer.SECRET_KEY, "Exception");
                assertThat(s3.objects(BETA_BUCKET)).noneMatch(k -> k.contains(id));
                assertThat(s3.objects(SHARED_BUCKET)).noneMatch(k -> k.contains(id));
                // the upload is still open at offset 0: once the keys are fixed, the device's retry goes on
                assertThat(((Number) other.json(other.multi.get(PhotosTest.uploadPath(tenant, id)).body())
                        .get("offset")).longValue()).isZero();
            }
            // acme, on the same core, is not affected
            byte[] acmePhoto = TestJpegs.plain(220, 140, 38);
            Map<String, Object> acme = complete(other.acme, "acme", createAndSend(other.acme, "acme", "P-4",
                    acmePhoto));
            assertThat(PhotosTest.fetch((String) acme.get("url")).body()).isEqualTo(acmePhoto);
            assertThat(s3.objects(ACME_BUCKET)).contains(PhotoStore.photoKey("acme",
                    PhotoService.sha256(acmePhoto)));
        }
    }

    @Test
    void aTenantWithoutCredentialsOfItsOwnUsesTheSharedIdentityAndBucket() throws Exception {
        byte[] photo = TestJpegs.plain(260, 180, 39);
        Map<String, Object> gamma = complete(core.multi, "gamma", createAndSend(core.multi, "gamma", "P-5", photo));
        String sha = PhotoService.sha256(photo);
        assertThat(s3.objects(SHARED_BUCKET)).contains("tenants/gamma/photos/" + sha + ".jpg",
                "tenants/gamma/photos/" + sha + ".thumb.jpg");
        assertThat(s3.objects(ACME_BUCKET)).noneMatch(k -> k.startsWith("tenants/gamma/"));
        assertThat(s3.objects(BETA_BUCKET)).noneMatch(k -> k.startsWith("tenants/gamma/"));
        String url = (String) gamma.get("url");
        assertThat(url).startsWith(s3.endpoint() + "/" + SHARED_BUCKET + "/tenants/gamma/")
                .contains("X-Amz-Credential=" + S3TestServer.ACCESS_KEY + "%2F");
        assertThat(PhotosTest.fetch(url).body()).isEqualTo(photo);
    }

    @Test
    void withRequireTenantCredentialsATenantWithoutItsOwnIsRefusedNamingTheSettingAndNoSharedKeysAreNeeded()
            throws Exception {
        Map<String, Object> strict = new HashMap<>(settings);
        strict.remove("fg.photos.access-key");
        strict.remove("fg.photos.secret-key");
        strict.put("fg.photos.require-tenant-credentials", "true");
        try (CoreHarness other = CoreHarness.start(redis.uri(), db, strict)) {
            byte[] photo = TestJpegs.plain(180, 120, 40);
            long before = db.count("SELECT COUNT(*) FROM `" + db.tenantSchema("gamma") + "`.photo_uploads");
            CoreClient.Reply r = other.multi.post("/v1/photos/uploads", createBody("gamma", "P-6", photo));
            assertThat(r.status()).as(r.body()).isEqualTo(503);
            assertThat(other.json(r.body())).containsEntry("error", "UNAVAILABLE");
            assertThat((String) other.json(r.body()).get("message")).contains("tenant gamma has no S3 credentials")
                    .contains("fg.photos.tenants.gamma.access-key").contains("fg.photos.require-tenant-credentials");
            assertThat(db.count("SELECT COUNT(*) FROM `" + db.tenantSchema("gamma") + "`.photo_uploads"))
                    .isEqualTo(before);

            Map<String, Object> acme = complete(other.acme, "acme", createAndSend(other.acme, "acme", "P-6", photo));
            assertThat(PhotosTest.fetch((String) acme.get("url")).body()).isEqualTo(photo);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static StaticCredentialsProvider credentials(String key, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
    }

    private S3Client client(String key, String secret) {
        return S3Client.builder().endpointOverride(URI.create(s3.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials(key, secret))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                // as the core asks (PhotoIdentities): S3Proxy answers 501 to the SDK's default checksum headers,
                // which would hide whether a refusal is the store's 403
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // a short read timeout: a try hung by S3Proxy's early close (see assertRefused) is tried again sooner
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(5)).build()).build();
    }

    /**
     * The store refuses the identity for the bucket: 403, whatever the operation. S3Proxy answers a PUT's
     * {@code Expect: 100-continue} with 100 before it checks the signature, then sends 403 and closes the
     * connection without reading the body, so a client still sending it may see only a broken connection (about
     * half of all tries on a loaded machine, each of the SDK's four attempts). Such a try is made again, up to
     * {@link #STORE_TRIES} times; none may succeed, and the store's own answer must come.
     */
    private static void assertRefused(ThrowingCallable call) {
        Throwable thrown = null;
        for (int i = 0; i < STORE_TRIES && !(thrown instanceof S3Exception); i++) {
            thrown = catchThrowable(call);
            assertThat(thrown).as("the store accepted what it should refuse").isNotNull();
            if (!(thrown instanceof S3Exception)) {
                assertThat(thrown).as("only a broken connection is tried again").isInstanceOf(SdkClientException.class)
                        .hasMessageContaining("Unable to execute HTTP request");
            }
        }
        assertThat(thrown).as("the store's own answer within " + STORE_TRIES + " tries").isInstanceOf(S3Exception.class)
                .satisfies(e -> assertThat(((S3Exception) e).statusCode()).as(e.getMessage()).isEqualTo(403));
    }

    private static void assertNothingOpened(HttpResponse<byte[]> r, byte[] photo) {
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isNotEqualTo(photo);
        assertThat(TestJpegs.contains(r.body(), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})).isFalse();
    }

    private String create(CoreClient client, String tenant, String parcel, byte[] photo) {
        CoreClient.Reply r = client.post("/v1/photos/uploads", createBody(tenant, parcel, photo));
        CoreHarness.require(r, 201);
        return (String) core.json(r.body()).get("uploadId");
    }

    private String createAndSend(CoreClient client, String tenant, String parcel, byte[] photo) throws Exception {
        String id = create(client, tenant, parcel, photo);
        CoreHarness.require(PhotosTest.chunk(client, tenant, id, 0, photo), 200);
        return id;
    }

    private Map<String, Object> complete(CoreClient client, String tenant, String id) {
        CoreClient.Reply done = client.post(PhotosTest.uploadPath(tenant, id) + "/complete", "");
        CoreHarness.require(done, 200);
        return core.json(done.body());
    }

    private static String createBody(String tenant, String parcel, byte[] photo) {
        return "{\"tenant\":\"" + tenant + "\",\"warehouse\":\"SH01\",\"parcelId\":\"" + parcel + "\",\"shot\":\"top\","
                + "\"contentType\":\"image/jpeg\",\"size\":" + photo.length + ",\"sha256\":\""
                + PhotoService.sha256(photo) + "\"}";
    }
}
