package dev.floorgate.gateway.internal.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.floorgate.testing.TestPki;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floorgate-gateway doctor} against real https cores with a private CA (issue 14 follow-up 1): it verifies
 * the core with the sync client's TLS settings ({@code fg.core.tls.*}), reports every configured core URL on its
 * own line, and says "TLS refused" naming the setting when the certificate does not fit.
 */
class GatewayDoctorCoreTest {
    @TempDir
    Path dir;
    TestPki.Issued ca;
    TestPki.Issued otherCa;
    final List<HttpsServer> servers = new ArrayList<>();
    final AtomicInteger healthCalls = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        ca = TestPki.ca("FloorGate doctor test core CA");
        otherCa = TestPki.ca("someone else's CA");
    }

    @AfterEach
    void tearDown() {
        servers.forEach(s -> s.stop(0));
    }

    /** A real https server playing a core's /health (with a Date header), with a certificate signed by {@code by}. */
    private String core(TestPki.Issued by) throws Exception {
        return serve(TestPki.leaf(by, "core"));
    }

    private String serve(TestPki.Issued leaf) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(leaf.context(null)));
        server.createContext("/health", exchange -> {
            healthCalls.incrementAndGet();
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Date",
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private List<GatewayDoctor.Check> coreChecks(Map<String, Object> settings) throws Exception {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("fg.data-dir", dir.resolve("data").toString());
        try (ToolSettings s = ToolSettings.of(all)) {
            return new GatewayDoctor(s, Clock.systemUTC()).run().stream()
                    .filter(c -> c.name().startsWith("core") || c.name().equals("clock"))
                    .collect(Collectors.toList());
        }
    }

    private static GatewayDoctor.Check named(List<GatewayDoctor.Check> checks, String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + checks));
    }

    @Test
    void aCoreSignedByThePrivateCaInCaFileIsReachable() throws Exception {
        String url = core(ca);
        Path caFile = TestPki.pem(dir.resolve("ca.pem"), ca.cert);

        List<GatewayDoctor.Check> checks = coreChecks(Map.of("fg.core.url", url,
                "fg.core.tls.ca-file", caFile.toString()));

        GatewayDoctor.Check reachable = named(checks, "core reachable");
        assertThat(reachable.status()).as(reachable.toString()).isEqualTo(GatewayDoctor.Status.OK);
        assertThat(reachable.detail()).startsWith(url + "/health answered 200");
        assertThat(named(checks, "clock").status()).isEqualTo(GatewayDoctor.Status.OK);
        assertThat(healthCalls.get()).isEqualTo(1);
    }

    @Test
    void aPinnedSelfSignedCoreIsReachableWithThePinAlone() throws Exception {
        String url = core(ca);
        TestPki.Issued leaf = TestPki.leaf(ca, "core-pinned");
        String pinned = serve(leaf);

        List<GatewayDoctor.Check> checks = coreChecks(Map.of("fg.core.url", pinned + "," + url,
                "fg.core.tls.pin", TestPki.spkiPin(leaf.cert)));

        assertThat(named(checks, "core 1/2").status()).as(checks.toString()).isEqualTo(GatewayDoctor.Status.OK);
        GatewayDoctor.Check second = named(checks, "core 2/2");
        assertThat(second.status()).isEqualTo(GatewayDoctor.Status.FAIL);
        assertThat(second.detail()).startsWith(url + ": TLS refused: the certificate does not match "
                + "fg.core.tls.pin").doesNotContain("unreachable");
    }

    @Test
    void everyConfiguredCoreGetsItsOwnLineAndATlsRefusalNamesTheSetting() throws Exception {
        String good = core(ca);
        String strange = core(otherCa);
        String down = "https://127.0.0.1:" + freePort();
        Path caFile = TestPki.pem(dir.resolve("ca.pem"), ca.cert);

        List<GatewayDoctor.Check> checks = coreChecks(Map.of("fg.core.url", strange + ", " + good + "," + down,
                "fg.core.tls.ca-file", caFile.toString()));

        GatewayDoctor.Check first = named(checks, "core 1/3");
        assertThat(first.status()).isEqualTo(GatewayDoctor.Status.FAIL);
        assertThat(first.detail()).startsWith(strange + ": TLS refused: ")
                .contains("not signed by fg.core.tls.ca-file").doesNotContain("unreachable").doesNotContain("\n");
        GatewayDoctor.Check second = named(checks, "core 2/3");
        assertThat(second.status()).as(second.toString()).isEqualTo(GatewayDoctor.Status.OK);
        assertThat(second.detail()).startsWith(good + "/health answered 200");
        GatewayDoctor.Check third = named(checks, "core 3/3");
        assertThat(third.status()).isEqualTo(GatewayDoctor.Status.FAIL);
        assertThat(third.detail()).startsWith(down + " unreachable: ").doesNotContain("TLS refused");
        // the clock is compared once, with the first core that answered
        assertThat(checks.stream().filter(c -> c.name().equals("clock")).count()).isEqualTo(1);
        assertThat(healthCalls.get()).isEqualTo(1);
    }

    @Test
    void aBrokenTlsSettingIsOneFailLineNamingIt() throws Exception {
        String url = core(ca);

        List<GatewayDoctor.Check> checks = coreChecks(Map.of("fg.core.url", url,
                "fg.core.tls.ca-file", dir.resolve("missing.pem").toString()));

        GatewayDoctor.Check tls = named(checks, "core TLS");
        assertThat(tls.status()).isEqualTo(GatewayDoctor.Status.FAIL);
        assertThat(tls.detail()).startsWith("fg.core.tls.ca-file").contains("cannot be read");
        assertThat(healthCalls.get()).isZero();
    }
}
