package dev.floorgate.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.floorgate.gateway.TestGateway;
import dev.floorgate.gateway.internal.tls.SiteCertificates;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 finding 6c, transport: the plain port's redirect no longer follows an attacker's {@code Host} header, and
 * HTTPS answers carry HSTS (the plain port's do not).
 */
class TransportAttackTest {
    @TempDir
    Path dataDir;

    /** A raw HTTP/1.1 GET with the Host header an attacker chooses (java.net.http will not send a forged Host). */
    static String rawGet(int port, String path, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static String location(String rawResponse) {
        Matcher m = Pattern.compile("(?im)^location:\\s*(\\S+)\\s*$").matcher(rawResponse);
        return m.find() ? m.group(1) : null;
    }

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

    @Test
    void aForgedHostHeaderDoesNotChooseWhereThePlainPortRedirects() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true,
                "fg.gateway.plain-http", false, "fg.gateway.host-name", "gw-sh01.site.lan"))) {
            int plain = gateway.plainPort();
            int httpsPort = URI.create(gateway.httpsUrl("/")).getPort();

            String forged = rawGet(plain, "/pick/?x=1", "evil.example:8080");
            assertThat(forged).startsWith("HTTP/1.1 308");
            assertThat(location(forged)).isEqualTo("https://gw-sh01.site.lan:" + httpsPort + "/pick/?x=1");
            assertThat(forged).doesNotContain("evil.example");

            String api = rawGet(plain, "/api/v1/tasks", "evil.example");
            assertThat(api).startsWith("HTTP/1.1 403").contains("HTTPS_REQUIRED").doesNotContain("evil.example");

            // one of our own names (the certificate's) is kept: a PDA that came by address stays on that address
            String byAddress = rawGet(plain, "/admin/", "127.0.0.1:" + plain);
            assertThat(location(byAddress)).isEqualTo("https://127.0.0.1:" + httpsPort + "/admin/");
            String configured = rawGet(plain, "/admin/", "GW-SH01.site.lan");
            assertThat(location(configured)).isEqualTo("https://gw-sh01.site.lan:" + httpsPort + "/admin/");
        }
    }

    @Test
    void withoutAConfiguredNameAnUnknownHostGetsTheCertificatesName() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true,
                "fg.gateway.plain-http", false))) {
            String forged = rawGet(gateway.plainPort(), "/pick/", "evil.example");
            String target = URI.create(location(forged)).getHost();
            assertThat(target).isNotEqualTo("evil.example");
            X509Certificate leaf = gateway.context().getBean(SiteCertificates.class).served().leaf();
            assertThat(leaf.getSubjectAlternativeNames()).anyMatch(n -> target.equals(n.get(1)));
        }
    }

    @Test
    void httpsAnswersCarryHstsAndThePlainPortsDoNot() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true,
                "fg.gateway.plain-http", false, "fg.gateway.hsts-max-age", "180d"))) {
            HttpClient https = trusting(gateway.context().getBean(SiteCertificates.class).caCertificate());
            for (String path : new String[] {"/health", "/pick/", "/api/v1/tasks", "/no-such-page"}) {
                HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(gateway.httpsUrl(path)))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.headers().firstValue("Strict-Transport-Security")).as(path + " " + r.statusCode())
                        .hasValue("max-age=15552000");
            }
            String plain = rawGet(gateway.plainPort(), "/health", "127.0.0.1");
            assertThat(plain).startsWith("HTTP/1.1 200").doesNotContainIgnoringCase("Strict-Transport-Security");
            String redirect = rawGet(gateway.plainPort(), "/pick/", "127.0.0.1");
            assertThat(redirect).startsWith("HTTP/1.1 308").doesNotContainIgnoringCase("Strict-Transport-Security");
        }
    }

    @Test
    void hstsCanBeTurnedOff() throws Exception {
        try (TestGateway gateway = new TestGateway(dataDir, Map.of("fg.tls.enabled", true,
                "fg.gateway.plain-http", false, "fg.gateway.hsts-max-age", "0s"))) {
            HttpClient https = trusting(gateway.context().getBean(SiteCertificates.class).caCertificate());
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create(gateway.httpsUrl("/health")))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }
}
