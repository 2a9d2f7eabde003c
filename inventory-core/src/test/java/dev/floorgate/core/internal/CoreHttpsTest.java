package dev.floorgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.core.CoreConfigurationException;
import dev.floorgate.core.internal.tls.CoreTls;
import dev.floorgate.core.internal.tls.Fingerprints;
import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core over HTTPS (issue 14 item 6): its own self-signed certificate (kept across restarts) or PEM files, mutual
 * TLS with a client CA, the signature still required inside TLS, bad files refusing the start with one line, and
 * Micronaut's own SSL settings still working when fg.core.tls is off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoreHttpsTest {
    private static final String LOCATION = "/v1/locations/acme/SH01/A-01-01";
    private static final String LOCATION_BODY = "{\"type\":\"BIN\",\"zone\":\"A\"}";
    private RedisProcess redis;
    private TestDatabase db;
    @TempDir
    Path tmp;

    @BeforeAll
    void start() throws Exception {
        redis = RedisProcess.standalone();
        db = new TestDatabase();
    }

    @AfterAll
    void stop() throws Exception {
        db.close();
        redis.close();
    }

    private CoreHarness core(Map<String, Object> tls) {
        Map<String, Object> p = new HashMap<>(tls);
        p.put("fg.core.writeback.enabled", "false");
        return CoreHarness.start(redis.uri(), db, p);
    }

    @Test
    void selfSignedCertificateIsMadeOnceKeptAndServedOverHttpsOnly() throws Exception {
        Path dir = tmp.resolve("tls");
        Map<String, Object> tls = Map.of("fg.core.tls.enabled", "true", "fg.core.tls.dir", dir.toString());
        String fingerprint;
        try (CoreHarness core = core(tls)) {
            X509Certificate cert = readCert(dir.resolve("core-cert.pem"));
            fingerprint = Fingerprints.sha256(cert);
            assertThat(core.bean(CoreTls.class).certificate()).isEqualTo(cert);
            String https = "https://127.0.0.1:" + core.server.getPort();
            HttpClient trusting = client(TestPki.client(cert, null));
            assertThat(send(trusting, https, "GET", "/health", null, false).statusCode()).isEqualTo(200);
            // the signature still applies inside TLS
            assertThat(send(trusting, https, "PUT", LOCATION, LOCATION_BODY, false).statusCode()).isEqualTo(401);
            assertThat(send(trusting, https, "PUT", LOCATION, LOCATION_BODY, true).statusCode()).isEqualTo(200);
            // a client that does not trust the certificate gets no connection
            HttpClient jdkDefaults = client(TestPki.client(null, null));
            assertThatThrownBy(() -> send(jdkDefaults, https, "GET", "/health", null, false))
                    .isInstanceOf(IOException.class);
            // and plain HTTP is not served on the port
            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> send(plain, "http://127.0.0.1:" + core.server.getPort(), "GET", "/health", null,
                    false)).isInstanceOf(IOException.class);
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("core-key.pem")))).isEqualTo("rw-------");
        }
        try (CoreHarness again = core(tls)) {
            X509Certificate cert = readCert(dir.resolve("core-cert.pem"));
            assertThat(Fingerprints.sha256(cert)).as("the pinned fingerprint survives a restart").isEqualTo(fingerprint);
            HttpClient trusting = client(TestPki.client(cert, null));
            assertThat(send(trusting, "https://127.0.0.1:" + again.server.getPort(), "GET", "/health", null, false)
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void mutualTlsRequiresACertificateFromTheClientCa() throws Exception {
        TestPki.Issued serverCa = TestPki.ca("central IT CA");
        TestPki.Issued server = TestPki.leaf(serverCa, "core.example.internal", true);
        TestPki.Issued clientCa = TestPki.ca("gateway client CA");
        TestPki.Issued gateway = TestPki.leaf(clientCa, "gw-sh01", false);
        TestPki.Issued stranger = TestPki.leaf(TestPki.ca("some other CA"), "gw-evil", false);
        Path cert = TestPki.writePem(tmp.resolve("core.pem"), server.cert(), serverCa.cert());
        Path key = TestPki.writePem(tmp.resolve("core.key"), server.keys().getPrivate());
        Path ca = TestPki.writePem(tmp.resolve("clients.pem"), clientCa.cert());
        try (CoreHarness core = core(Map.of("fg.core.tls.enabled", "true", "fg.core.tls.cert", cert.toString(),
                "fg.core.tls.key", key.toString(), "fg.core.tls.client-ca", ca.toString()))) {
            String https = "https://127.0.0.1:" + core.server.getPort();
            HttpClient withCert = client(TestPki.client(serverCa.cert(), gateway));
            assertThat(send(withCert, https, "GET", "/health", null, false).statusCode()).isEqualTo(200);
            assertThat(send(withCert, https, "PUT", LOCATION, LOCATION_BODY, true).statusCode()).isEqualTo(200);
            assertThat(send(withCert, https, "PUT", LOCATION, LOCATION_BODY, false).statusCode()).isEqualTo(401);
            HttpClient without = client(TestPki.client(serverCa.cert(), null));
            assertThatThrownBy(() -> send(without, https, "GET", "/health", null, false))
                    .isInstanceOf(IOException.class);
            HttpClient wrongCa = client(TestPki.client(serverCa.cert(), stranger));
            assertThatThrownBy(() -> send(wrongCa, https, "PUT", LOCATION, LOCATION_BODY, true))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void missingUnreadableAndMismatchedFilesRefuseTheStartNamingTheSetting() throws Exception {
        TestPki.Issued ca = TestPki.ca("CA");
        TestPki.Issued server = TestPki.leaf(ca, "core", true);
        TestPki.Issued other = TestPki.leaf(ca, "other", true);
        Path cert = TestPki.writePem(tmp.resolve("good.pem"), server.cert());
        Path otherKey = TestPki.writePem(tmp.resolve("other.key"), other.keys().getPrivate());
        Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "not a certificate\n");
        Path missing = tmp.resolve("missing.pem");
        assertRefused(Map.of("fg.core.tls.cert", missing.toString(), "fg.core.tls.key", otherKey.toString()),
                "fg.core.tls.cert (" + missing + "): no such file");
        assertRefused(Map.of("fg.core.tls.cert", cert.toString(), "fg.core.tls.key", otherKey.toString()),
                "fg.core.tls.key (" + otherKey + "): the private key does not belong to the certificate");
        assertRefused(Map.of("fg.core.tls.cert", garbage.toString(), "fg.core.tls.key", otherKey.toString()),
                "holds no PEM certificate");
        assertRefused(Map.of("fg.core.tls.cert", cert.toString()), "fg.core.tls.key is unset");
        assertRefused(Map.of("fg.core.tls.client-ca", garbage.toString(), "fg.core.tls.dir",
                tmp.resolve("own").toString()), "fg.core.tls.client-ca (" + garbage + "): holds no PEM certificate");
        assertRefused(Map.of("fg.core.tls.enabled", "maybe"), "fg.core.tls.enabled");
    }

    @Test
    void micronautsOwnSslSettingsStillWorkWithFgCoreTlsOff() throws Exception {
        TestPki.Issued ca = TestPki.ca("CA");
        TestPki.Issued server = TestPki.leaf(ca, "core", true);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("core", server.keys().getPrivate(), "secret-pw".toCharArray(),
                new X509Certificate[] {server.cert()});
        Path p12 = tmp.resolve("core.p12");
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, "secret-pw".toCharArray());
        }
        try (CoreHarness core = core(Map.of("micronaut.server.ssl.enabled", "true", "micronaut.server.ssl.port", -1,
                "micronaut.server.ssl.key-store.path", "file:" + p12, "micronaut.server.ssl.key-store.type", "PKCS12",
                "micronaut.server.ssl.key-store.password", "secret-pw"))) {
            HttpClient trusting = client(TestPki.client(ca.cert(), null));
            assertThat(send(trusting, "https://127.0.0.1:" + core.server.getPort(), "GET", "/health", null, false)
                    .statusCode()).isEqualTo(200);
        }
    }

    private void assertRefused(Map<String, Object> tls, String expected) {
        Map<String, Object> p = new HashMap<>(tls);
        p.putIfAbsent("fg.core.tls.enabled", "true");
        Throwable t;
        try (CoreHarness started = core(p)) {
            throw new AssertionError("the core started with " + tls);
        } catch (RuntimeException e) {
            t = e;
        }
        Throwable cause = t;
        while (cause != null && !(cause instanceof CoreConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a CoreConfigurationException in %s", t.toString()).isNotNull();
        assertThat(cause.getMessage()).contains(expected).doesNotContain("\n");
    }

    private static X509Certificate readCert(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static HttpClient client(SSLContext ssl) {
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpResponse<String> send(HttpClient http, String base, String method, String path, String body,
            boolean signed) throws IOException, InterruptedException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (signed) {
            new RequestSigner("gw-acme", "acme-secret-0123456789").headers(method, path, bytes).forEach(b::header);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
