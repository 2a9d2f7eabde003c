package dev.floorgate.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.floorgate.protocol.Operation;
import dev.floorgate.protocol.OperationIds;
import dev.floorgate.protocol.OperationType;
import dev.floorgate.sync.CoreTls;
import dev.floorgate.sync.SyncEngine;
import dev.floorgate.sync.SyncOptions;
import dev.floorgate.sync.SyncStats;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 6 against the real core: inventory-core as a process serving HTTPS with Micronaut's standard SSL
 * settings (a PKCS12 made here with openssl, signed by a test CA) and, for mutual TLS, requiring a client
 * certificate ({@code micronaut.server.ssl.client-authentication=NEED}). The gateway's sync engine sends one
 * operation through each trust setting: a trusted CA and the right pin land in the core's ledger; another CA and a
 * wrong pin never reach it (the operation stays unsynced, the error says why); mutual TLS works only with the
 * gateway's certificate. The core's plain HTTP port (dual protocol) serves only the test's health check and seeding.
 */
class CoreOverHttpsTest {
    @TempDir
    Path dir;

    @Test
    void theGatewayVerifiesTheCoreByCaOrPinAndPresentsItsCertificateForMutualTls() throws Exception {
        Path ca = pki("ca", "FloorGate test core CA", null);
        Path other = pki("other", "someone else's CA", null);
        Path core = pki("core", "core", ca);
        Path gwCa = pki("gwca", "FloorGate test gateway CA", null);
        Path gw = pki("gw", "gw-7", gwCa);
        openssl("pkcs12", "-export", "-in", core.resolveSibling("core.pem").toString(), "-inkey",
                core.resolveSibling("core.key").toString(), "-certfile", ca.resolveSibling("ca.pem").toString(),
                "-name", "core", "-out", dir.resolve("core.p12").toString(), "-passout", "pass:changeit");
        run(List.of("keytool", "-importcert", "-noprompt", "-alias", "gwca", "-file",
                gwCa.resolveSibling("gwca.pem").toString(), "-keystore", dir.resolve("trust.p12").toString(),
                "-storetype", "PKCS12", "-storepass", "changeit"));

        try (Chain chain = new Chain(dir)) {
            int tlsPort = ServiceProcess.freePort();
            sslEnv(chain, tlsPort, false);
            chain.startCore();
            chain.seed("acme", 1);
            String https = "https://127.0.0.1:" + tlsPort;
            Path caPem = dir.resolve("ca.pem");

            assertThat(sendOne(https, CoreTls.of(caPem, null, null, null), "trusted-ca", chain)).isNull();
            assertThat(sendOne(https, CoreTls.of(dir.resolve("other.pem"), null, null, null), "other-ca", chain))
                    .contains("TLS refused").contains("is not signed by fg.core.tls.ca-file")
                    .doesNotContain("unreachable");
            assertThat(sendOne(https, CoreTls.of(null, spkiPin(dir.resolve("core.pem")), null, null), "right-pin",
                    chain)).isNull();
            assertThat(sendOne(https, CoreTls.of(null, spkiPin(caPem), null, null), "wrong-pin", chain))
                    .contains("matches none of the 1 pin(s)").contains("TLS refused")
                    .contains("the certificate does not match fg.core.tls.pin").doesNotContain("unreachable");
            chain.core.stop();

            sslEnv(chain, tlsPort, true);
            chain.startCore();
            assertThat(sendOne(https, CoreTls.of(caPem, null, null, null), "no-client-cert", chain))
                    .as("refused without the gateway's certificate").isNotNull();
            assertThat(sendOne(https, CoreTls.of(caPem, null, dir.resolve("gw.pem"), dir.resolve("gw.key")),
                    "client-cert", chain)).isNull();
            assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger WHERE status = 'APPLIED'")).isEqualTo(3);
        }
        assertThat(other).exists();
        assertThat(gw).exists();
    }

    private void sslEnv(Chain chain, int tlsPort, boolean needClientCert) {
        chain.coreEnv("MICRONAUT_SERVER_DUAL_PROTOCOL", "true")
                .coreEnv("MICRONAUT_SERVER_SSL_ENABLED", "true")
                .coreEnv("MICRONAUT_SERVER_SSL_PORT", Integer.toString(tlsPort))
                .coreEnv("MICRONAUT_SERVER_SSL_KEY_STORE_PATH", "file:" + dir.resolve("core.p12"))
                .coreEnv("MICRONAUT_SERVER_SSL_KEY_STORE_PASSWORD", "changeit")
                .coreEnv("MICRONAUT_SERVER_SSL_KEY_STORE_TYPE", "PKCS12");
        if (needClientCert) {
            chain.coreEnv("MICRONAUT_SERVER_SSL_CLIENT_AUTHENTICATION", "NEED")
                    .coreEnv("MICRONAUT_SERVER_SSL_TRUST_STORE_PATH", "file:" + dir.resolve("trust.p12"))
                    .coreEnv("MICRONAUT_SERVER_SSL_TRUST_STORE_PASSWORD", "changeit")
                    .coreEnv("MICRONAUT_SERVER_SSL_TRUST_STORE_TYPE", "PKCS12");
        }
    }

    /**
     * One operation through a sync engine with these TLS settings; null when the core applied it (in its ledger),
     * else the engine's last error once it has tried (the operation must still be unsynced then).
     */
    private String sendOne(String url, CoreTls tls, String name, Chain chain) throws Exception {
        SyncOptions options = SyncOptions.builder().dataDir(dir.resolve("gw-" + name)).gatewayId("gw-" + name)
                .coreUrl(url).keyId(Chain.KEY_ID).secret(Chain.SECRET).coreTls(tls)
                .backoffMin(Duration.ofMillis(100)).backoffMax(Duration.ofMillis(500)).build();
        String opId = OperationIds.newId();
        Operation op = Operation.builder().opId(opId).tenant("acme").warehouse("SH01").type(OperationType.RECEIVE)
                .sku("SKU-0").qty(1).location("A-01-01").deviceId("pda-1").operator("u-1")
                .occurredAt("2026-11-22T08:15:30.120Z").build();
        try (SyncEngine engine = SyncEngine.start(options, null)) {
            engine.outbox().append(op, "pda-1").get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                SyncStats s = engine.stats();
                return s.syncedTotal() == 1 || s.lastError() != null;
            });
            SyncStats s = engine.stats();
            if (s.syncedTotal() == 1) {
                assertThat(s.appliedTotal()).isEqualTo(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> chain.queryLong(
                        "SELECT COUNT(*) FROM ledger WHERE op_id = ?", opId) == 1);
                return null;
            }
            assertThat(s.unsyncedOps()).as("nothing sent through a refused link is lost").isEqualTo(1);
            assertThat(chain.queryLong("SELECT COUNT(*) FROM ledger WHERE op_id = ?", opId)).isZero();
            System.out.println("TLS case " + name + ": " + s.lastError());
            return s.lastError();
        }
    }

    /** A key (PKCS#8 PEM, {@code name.key}) and certificate ({@code name.pem}), self-signed or signed by {@code ca}. */
    private Path pki(String name, String cn, Path ca) throws Exception {
        Path key = dir.resolve(name + ".key");
        Path pem = dir.resolve(name + ".pem");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        if (ca == null) {
            openssl("req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=" + cn, "-days", "2",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign",
                    "-out", pem.toString());
        } else {
            Path csr = dir.resolve(name + ".csr");
            Path ext = Files.writeString(dir.resolve(name + ".ext"),
                    "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n");
            openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=" + cn, "-out", csr.toString());
            String caName = ca.getFileName().toString().replace(".pem", "");
            openssl("x509", "-req", "-in", csr.toString(), "-CA", dir.resolve(caName + ".pem").toString(),
                    "-CAkey", dir.resolve(caName + ".key").toString(), "-CAcreateserial", "-days", "2",
                    "-extfile", ext.toString(), "-out", pem.toString());
        }
        return pem;
    }

    private static String spkiPin(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return "sha256/" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded()));
        }
    }

    private void openssl(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        run(cmd);
    }

    private void run(List<String> cmd) throws Exception {
        Path out = Files.createTempFile(dir, "cmd", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", cmd, Files.readString(out)).isZero();
    }
}
