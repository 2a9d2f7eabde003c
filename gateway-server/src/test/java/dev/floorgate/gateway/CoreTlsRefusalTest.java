package dev.floorgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.floorgate.testing.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A core whose certificate the gateway refuses (issue 14 follow-up 2): /health and the site page say "TLS refused"
 * and name the setting to check, not "the core does not answer", and nothing reached the core.
 */
class CoreTlsRefusalTest {
    @TempDir
    Path dir;
    HttpsServer core;
    TestGateway gateway;
    final AtomicInteger arrived = new AtomicInteger();

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (core != null) {
            core.stop(0);
        }
    }

    @Test
    void aCoreSignedByAnotherCaIsReportedAsATlsRefusalNamingTheCaFileSetting() throws Exception {
        TestPki.Issued ca = TestPki.ca("FloorGate gateway test core CA");
        TestPki.Issued otherCa = TestPki.ca("someone else's CA");
        core = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        core.setHttpsConfigurator(new HttpsConfigurator(TestPki.leaf(otherCa, "core").context(null)));
        core.createContext("/", exchange -> {
            arrived.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        core.start();
        String url = "https://127.0.0.1:" + core.getAddress().getPort();
        Path caFile = TestPki.pem(dir.resolve("ca.pem"), ca.cert);
        gateway = new TestGateway(dir.resolve("data"), Map.of("fg.core.url", url, "fg.core.key-id", "gw-test",
                "fg.core.secret", "secret-0123456789abcdef", "fg.core.tls.ca-file", caFile.toString(),
                "fg.sync.poll-interval", "1s"));

        String expected = "core " + url + ": TLS refused: the core's certificate is not signed by "
                + "fg.core.tls.ca-file";
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.get("/health", null).body().contains(expected));
        String health = gateway.get("/health", null).body();
        assertThat(health).contains("\"reachable\":false").doesNotContain("unreachable").doesNotContain("\\tat ");

        String token = TestGateway.field(gateway.post("/api/v1/admin/login", null,
                "{\"username\":\"admin\",\"password\":\"floorgate\"}").body(), "token");
        gateway.post("/api/v1/admin/password", token,
                "{\"currentPassword\":\"floorgate\",\"newPassword\":\"forklift-on-aisle-9\"}");
        String overview = gateway.get("/api/v1/admin/overview", token).body();
        assertThat(overview).contains("\"kind\":\"core-tls-refused\"").contains(expected)
                .doesNotContain("the core does not answer");
        assertThat(arrived.get()).as("no request got through the refused handshake").isZero();
    }
}
