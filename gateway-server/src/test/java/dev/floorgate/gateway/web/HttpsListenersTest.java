package dev.floorgate.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.tls.SiteCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each port serves with HTTPS on: HTTPS everything, plain HTTP only health, metrics, the CA and redirects. */
class HttpsListenersTest {
    @TempDir
    Path dataDir;

    static HttpClient trusting(X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("site-ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static HttpResponse<String> get(HttpClient http, String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void httpsServesEverythingWithACertificateThatChecksOutAgainstTheSiteCaAlone() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true,
                "fg.gateway.plain-http", false))) {
            X509Certificate ca = gateway.context().getBean(SiteCertificates.class).caCertificate();
            HttpClient https = trusting(ca); // also checks that the certificate names 127.0.0.1
            assertThat(get(https, gateway.httpsUrl("/health"), null).statusCode()).isEqualTo(200);
            assertThat(get(https, gateway.httpsUrl("/openapi.yml"), null).body()).startsWith("# The gateway's LAN API");
            HttpResponse<String> devices = get(https, gateway.httpsUrl("/api/v1/admin/devices"),
                    TestGateway.ADMIN_TOKEN);
            assertThat(devices.statusCode()).as(devices.body()).isEqualTo(200);
            assertThat(get(https, gateway.httpsUrl("/pick/"), null).body()).contains("FloorGate picking");

            HttpClient stranger = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> get(stranger, gateway.httpsUrl("/health"), null))
                    .as("a client that trusts only the public CAs refuses the site certificate")
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void plainHttpServesHealthMetricsAndTheCaRedirectsPagesAndRefusesTheApi() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true,
                "fg.gateway.plain-http", false))) {
            X509Certificate ca = gateway.context().getBean(SiteCertificates.class).caCertificate();
            HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            assertThat(get(plain, gateway.url("/health"), null).statusCode()).isEqualTo(200);
            assertThat(get(plain, gateway.url("/metrics"), null).statusCode()).isEqualTo(200);
            HttpResponse<String> openApi = get(plain, gateway.url("/openapi.yml"), null);
            assertThat(openApi.statusCode()).isEqualTo(200);
            assertThat(openApi.body()).contains("openapi: 3.0.3");
            HttpResponse<byte[]> der = plain.send(HttpRequest.newBuilder(URI.create(gateway.url("/ca.crt"))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(der.body()).isEqualTo(ca.getEncoded());
            assertThat(get(plain, gateway.url("/ca.pem"), null).body()).startsWith("-----BEGIN CERTIFICATE-----");

            HttpResponse<String> page = get(plain, gateway.url("/pick/?x=1"), null);
            assertThat(page.statusCode()).isEqualTo(308);
            assertThat(page.headers().firstValue("Location")).hasValue(gateway.httpsUrl("/pick/?x=1"));

            HttpResponse<String> api = get(plain, gateway.url("/api/v1/admin/devices"), TestGateway.ADMIN_TOKEN);
            assertThat(api.statusCode()).isEqualTo(403);
            assertThat(api.body()).contains("HTTPS_REQUIRED").contains(gateway.httpsUrl("/api/v1/admin/devices"));
            assertThat(api.body()).as("the error body of API.md, nothing more").startsWith(
                    "{\"error\":\"HTTPS_REQUIRED\",\"message\":\"this port serves only").endsWith("\"}")
                    .doesNotContain("details");
            HttpResponse<String> post = gateway.post("/api/v1/devices/enroll", null, "{\"code\":\"x\"}");
            assertThat(post.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void plainHttpServesTheWholeApiWhereSiteItSaysSo() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true,
                "fg.gateway.plain-http", true))) {
            HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            assertThat(get(plain, gateway.url("/api/v1/admin/devices"), TestGateway.ADMIN_TOKEN).statusCode())
                    .isEqualTo(200);
            assertThat(get(plain, gateway.url("/pick/"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void pagesCarryAPolicyThatAllowsNothingButTheGatewayItself() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of())) {
            HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            for (String path : new String[] {"/pick/", "/pick/app.js", "/admin/", "/admin/admin.css"}) {
                HttpResponse<String> r = get(plain, gateway.url(path), null);
                assertThat(r.statusCode()).as(path).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
                        .contains("default-src 'self'").contains("connect-src 'self'").doesNotContain("*");
            }
            assertThat(get(plain, gateway.url("/pick"), null).headers().firstValue("Location")).hasValue("/pick/");
            assertThat(get(plain, gateway.url("/admin"), null).headers().firstValue("Location")).hasValue("/admin/");
            assertThat(get(plain, gateway.url("/"), null).headers().firstValue("Location")).hasValue("/pick/");
        }
    }
}
