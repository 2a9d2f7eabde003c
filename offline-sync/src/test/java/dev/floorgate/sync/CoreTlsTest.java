package dev.floorgate.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.floorgate.protocol.BatchRequest;
import dev.floorgate.protocol.RequestSigner;
import dev.floorgate.testing.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS toward the core (issue 14 item 6, gateway side) against a real TLS server (the JDK's TLS stack behind
 * MockWebServer, playing the core's batch endpoint with signature checks): a trusted CA works, another CA is
 * refused, the right pin (public key or certificate) works, a wrong pin is refused, mutual TLS works only with the
 * client certificate; each refusal is counted on the server side (the batch never arrived).
 */
class CoreTlsTest {
    @TempDir
    Path dir;
    TestPki.Issued ca;
    TestPki.Issued coreCert;
    TestPki.Issued otherCa;
    TestPki.Issued clientCa;
    TestPki.Issued gatewayCert;
    MockWebServer server;
    final ScriptedCore core = new ScriptedCore();

    @BeforeEach
    void setUp() throws Exception {
        ca = TestPki.ca("FloorGate test core CA");
        coreCert = TestPki.leaf(ca, "core");
        otherCa = TestPki.ca("someone else's CA");
        clientCa = TestPki.ca("FloorGate test gateway CA");
        gatewayCert = TestPki.leaf(clientCa, "gw-7");
    }

    @AfterEach
    void tearDown() throws IOException {
        if (server != null) {
            server.shutdown();
        }
    }

    private void startCore(boolean requireClientCert) throws Exception {
        server = new MockWebServer();
        server.useHttps(coreCert.context(requireClientCert ? clientCa.cert : null).getSocketFactory(), false);
        if (requireClientCert) {
            server.requireClientAuth();
        }
        server.setDispatcher(core);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    private String url() {
        return "https://127.0.0.1:" + server.getPort();
    }

    /** Sends one signed batch through a client built from the options exactly as the engine builds it. */
    private BatchOutcome send(CoreTls tls) throws IOException {
        SyncOptions options = SyncOptions.builder().dataDir(dir).coreUrl(url()).keyId(ScriptedCore.KEY_ID)
                .secret(ScriptedCore.SECRET).coreTls(tls).build();
        OkHttpClient http = CoreClient.httpClient(options);
        try {
            CoreClient client = new CoreClient(options.coreUrl(), new RequestSigner(ScriptedCore.KEY_ID,
                    ScriptedCore.SECRET), http);
            return client.postBatch(new BatchRequest("gw-7", List.of(Ops.receive("acme"))));
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private Path caFile(TestPki.Issued... cas) throws Exception {
        java.security.cert.X509Certificate[] certs = new java.security.cert.X509Certificate[cas.length];
        for (int i = 0; i < cas.length; i++) {
            certs[i] = cas[i].cert;
        }
        return TestPki.pem(Files.createTempFile(dir, "ca", ".pem"), certs);
    }

    @Test
    void aCoreCertificateFromTheTrustedCaIsAccepted() throws Exception {
        startCore(false);
        BatchOutcome outcome = send(CoreTls.of(caFile(otherCa, ca), null, null, null));
        assertThat(outcome.kind()).isEqualTo(BatchOutcome.Kind.RESULTS);
        assertThat(core.received()).hasSize(1);
        assertThat(core.received().get(0).signatureProblem).isNull(); // the signing stays under TLS
    }

    @Test
    void aCoreCertificateFromAnotherCaIsRefusedAndNothingArrives() throws Exception {
        startCore(false);
        // issue 14 follow-up: a TLS refusal says so and names the setting, it is not "unreachable"
        assertThatThrownBy(() -> send(CoreTls.of(caFile(otherCa), null, null, null)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("core " + url() + ": TLS refused")
                .hasMessageContaining("is not signed by fg.core.tls.ca-file")
                .hasMessageNotContaining("unreachable").hasMessageNotContaining("\n\tat ");
        assertThat(core.received()).isEmpty();
    }

    @Test
    void theClientKeepsTheTlsRefusalForHealthUntilACallGetsThrough() throws Exception {
        startCore(false);
        MockWebServer stranger = new MockWebServer();
        stranger.useHttps(TestPki.leaf(otherCa, "stranger").context(null).getSocketFactory(), false);
        stranger.setDispatcher(core);
        stranger.start(InetAddress.getByName("127.0.0.1"), 0);
        try {
            String strangerUrl = "https://127.0.0.1:" + stranger.getPort();
            SyncOptions options = SyncOptions.builder().dataDir(dir).coreUrl(strangerUrl)
                    .keyId(ScriptedCore.KEY_ID).secret(ScriptedCore.SECRET).coreTls(CoreTls.of(caFile(ca), null,
                            null, null)).build();
            OkHttpClient http = CoreClient.httpClient(options);
            RequestSigner signer = new RequestSigner(ScriptedCore.KEY_ID, ScriptedCore.SECRET);
            CoreClient refused = new CoreClient(strangerUrl, signer, http);
            assertThat(refused.tlsRefusal()).isNull();
            assertThat(refused.ping()).isFalse();
            assertThat(refused.tlsRefusal()).isEqualTo("core " + strangerUrl + ": TLS refused: the core's "
                    + "certificate is not signed by fg.core.tls.ca-file (nor, when that is unset, by a CA the JVM "
                    + "trusts): set fg.core.tls.ca-file to the CA that signed it, or pin it with fg.core.tls.pin");
            assertThat(refused.reachable()).isFalse();

            // the refusing core first, the right one second: the call fails over and gets through
            CoreClient both = new CoreClient(strangerUrl + "," + url(), signer, http);
            assertThat(both.postBatch(new BatchRequest("gw-7", List.of(Ops.receive("acme")))).kind())
                    .isEqualTo(BatchOutcome.Kind.RESULTS);
            assertThat(both.tlsRefusal()).isNull();
            assertThat(both.failovers()).isEqualTo(1);

            http.dispatcher().executorService().shutdown();
        } finally {
            stranger.shutdown();
        }
    }

    @Test
    void theJdksOwnCasDoNotKnowATestCa() throws Exception {
        startCore(false);
        assertThatThrownBy(() -> send(null)).isInstanceOf(IOException.class);
        assertThat(core.received()).isEmpty();
    }

    @Test
    void theRightPinOfThePublicKeyOrOfTheCertificateIsAccepted() throws Exception {
        startCore(false);
        assertThat(send(CoreTls.of(null, TestPki.spkiPin(coreCert.cert), null, null)).kind())
                .isEqualTo(BatchOutcome.Kind.RESULTS);
        assertThat(send(CoreTls.of(null, TestPki.certPin(coreCert.cert), null, null)).kind())
                .isEqualTo(BatchOutcome.Kind.RESULTS);
        // one of several pins (a key rotation in progress)
        assertThat(send(CoreTls.of(null, TestPki.spkiPin(otherCa.cert) + ", " + TestPki.spkiPin(coreCert.cert),
                null, null)).kind()).isEqualTo(BatchOutcome.Kind.RESULTS);
        assertThat(core.received()).hasSize(3);
    }

    @Test
    void aWrongPinIsRefusedEvenWhenTheCaIsRightAndNothingArrives() throws Exception {
        startCore(false);
        assertThatThrownBy(() -> send(CoreTls.of(null, TestPki.spkiPin(otherCa.cert), null, null)))
                .isInstanceOf(IOException.class).hasMessageContaining("matches none of the 1 pin(s)")
                .hasMessageStartingWith("core " + url() + ": TLS refused")
                .hasMessageContaining("the certificate does not match fg.core.tls.pin")
                .hasMessageNotContaining("unreachable");
        assertThatThrownBy(() -> send(CoreTls.of(caFile(ca), TestPki.certPin(ca.cert), null, null)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("TLS refused").hasMessageContaining("does not match fg.core.tls.pin");
        assertThat(core.received()).isEmpty();
    }

    @Test
    void mutualTlsWorksOnlyWithTheGatewaysClientCertificate() throws Exception {
        startCore(true);
        Path cert = TestPki.pem(dir.resolve("gw.pem"), gatewayCert.cert, clientCa.cert);
        Path key = TestPki.pem(dir.resolve("gw.key"), gatewayCert.keys.getPrivate());

        assertThatThrownBy(() -> send(CoreTls.of(caFile(ca), null, null, null))).isInstanceOf(IOException.class);
        assertThat(core.received()).isEmpty();

        TestPki.Issued stranger = TestPki.leaf(otherCa, "stranger");
        Path strangerCert = TestPki.pem(dir.resolve("stranger.pem"), stranger.cert);
        Path strangerKey = TestPki.pem(dir.resolve("stranger.key"), stranger.keys.getPrivate());
        assertThatThrownBy(() -> send(CoreTls.of(caFile(ca), null, strangerCert, strangerKey)))
                .isInstanceOf(IOException.class);
        assertThat(core.received()).isEmpty();

        assertThat(send(CoreTls.of(caFile(ca), null, cert, key)).kind()).isEqualTo(BatchOutcome.Kind.RESULTS);
        assertThat(core.received()).hasSize(1);
    }

    @Test
    void badFilesAndPinsAreOneLineNamingTheSetting() throws Exception {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello\n");
        Path cert = TestPki.pem(dir.resolve("gw.pem"), gatewayCert.cert);
        Path rsaStyleKey = Files.writeString(dir.resolve("gw-rsa.key"),
                "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> CoreTls.of(notPem, null, null, null).check())
                .hasMessageStartingWith("fg.core.tls.ca-file").hasMessageContaining("PEM certificate");
        assertThatThrownBy(() -> CoreTls.of(dir.resolve("missing.pem"), null, null, null).check())
                .hasMessageStartingWith("fg.core.tls.ca-file").hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> CoreTls.of(null, "sha256/AAAA", null, null).check())
                .hasMessageStartingWith("fg.core.tls.pin 'sha256/AAAA'");
        assertThatThrownBy(() -> CoreTls.of(null, "zz".repeat(32), null, null).check())
                .hasMessageStartingWith("fg.core.tls.pin");
        assertThatThrownBy(() -> CoreTls.of(null, null, cert, null).check())
                .hasMessageStartingWith("fg.core.tls.client-cert and fg.core.tls.client-key go together");
        assertThatThrownBy(() -> CoreTls.of(null, null, cert, rsaStyleKey).check())
                .hasMessageStartingWith("fg.core.tls.client-key").hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> SyncEngine.start(SyncOptions.builder().dataDir(dir.resolve("engine"))
                .coreUrl("https://127.0.0.1:9").keyId("k").secret("s").coreTls(CoreTls.of(notPem, null, null, null))
                .build(), null)).hasMessageStartingWith("fg.core.tls.ca-file");
        assertThat(dir.resolve("engine").resolve("outbox.db")).as("nothing opened").doesNotExist();
    }
}
