package dev.floorgate.gateway;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates: a CA, and leaf certificates for 127.0.0.1 / localhost signed by it, as PEM files or
 * SSLContexts. A copy of offline-sync's TestPki, whose test classes this module cannot see.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key and its certificate chain (leaf first). */
    public static final class Issued {
        public final KeyPair keys;
        public final X509Certificate cert;
        public final X509Certificate issuer;

        Issued(KeyPair keys, X509Certificate cert, X509Certificate issuer) {
            this.keys = keys;
            this.cert = cert;
            this.issuer = issuer;
        }

        /** A server (or client) SSLContext presenting this certificate, trusting {@code clientCa} (may be null). */
        public SSLContext context(X509Certificate clientCa) throws GeneralSecurityException, IOException {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            X509Certificate[] chain = issuer == null ? new X509Certificate[] {cert}
                    : new X509Certificate[] {cert, issuer};
            ks.setKeyEntry("k", keys.getPrivate(), "pw".toCharArray(), chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
            TrustManagerFactory tmf = null;
            if (clientCa != null) {
                KeyStore ts = KeyStore.getInstance("PKCS12");
                ts.load(null, null);
                ts.setCertificateEntry("ca", clientCa);
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        }

        /** A PKCS12 file with this key and chain (what Micronaut's micronaut.server.ssl.key-store takes). */
        public void writePkcs12(Path file, String password) throws GeneralSecurityException, IOException {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            X509Certificate[] chain = issuer == null ? new X509Certificate[] {cert}
                    : new X509Certificate[] {cert, issuer};
            ks.setKeyEntry("core", keys.getPrivate(), password.toCharArray(), chain);
            try (var out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
        }
    }

    private TestPki() {
    }

    public static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public static Issued ca(String name) throws Exception {
        KeyPair keys = ecKeys();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        return new Issued(keys, cert, null);
    }

    /** A leaf for 127.0.0.1 and localhost signed by {@code ca}. */
    public static Issued leaf(Issued ca, String name) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca.cert, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))),
                new X500Name("CN=" + name), keys.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, InetAddress.getByName("127.0.0.1").getHostAddress()),
            new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keys.getPrivate())));
        return new Issued(keys, cert, ca.cert);
    }

    public static Path pem(Path file, X509Certificate... certs) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) {
            sb.append(block("CERTIFICATE", c.getEncoded()));
        }
        Files.writeString(file, sb.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    public static Path pem(Path file, PrivateKey key) throws IOException {
        Files.writeString(file, block("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        return file;
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static String spkiPin(X509Certificate cert) throws GeneralSecurityException {
        return "sha256/" + Base64.getEncoder().encodeToString(sha256(cert.getPublicKey().getEncoded()));
    }

    public static String certPin(X509Certificate cert) throws Exception {
        byte[] h = sha256(cert.getEncoded());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.length; i++) {
            sb.append(i == 0 ? "" : ":").append(String.format("%02X", h[i]));
        }
        return sb.toString();
    }

    private static byte[] sha256(byte[] bytes) throws GeneralSecurityException {
        return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }
}
