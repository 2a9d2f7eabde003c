package dev.floorgate.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small test PKI (P-256 keys, certificates valid from an hour ago for 30 days): CAs, server certificates for
 * 127.0.0.1 and localhost, client certificates, PEM files, PKCS12 key stores, SSLContexts and the pins the gateway
 * and the core take (an SPKI pin, a certificate fingerprint).
 */
public final class TestPki {
    private TestPki() {
    }

    /** A key and its certificate, with the certificate that signed it (null for a CA). */
    public static final class Issued {
        public final KeyPair keys;
        public final X509Certificate cert;
        public final X509Certificate issuer;

        Issued(KeyPair keys, X509Certificate cert, X509Certificate issuer) {
            this.keys = keys;
            this.cert = cert;
            this.issuer = issuer;
        }

        public KeyPair keys() {
            return keys;
        }

        public X509Certificate cert() {
            return cert;
        }

        private X509Certificate[] chain() {
            return issuer == null ? new X509Certificate[] {cert} : new X509Certificate[] {cert, issuer};
        }

        /** An SSLContext presenting this certificate (and its issuer), trusting {@code peerCa} (may be null). */
        public SSLContext context(X509Certificate peerCa) throws GeneralSecurityException, IOException {
            return TestPki.context(this, peerCa);
        }

        /** A PKCS12 file with this key and chain under the alias "core" (what micronaut.server.ssl.key-store takes). */
        public void writePkcs12(Path file, String password) throws GeneralSecurityException, IOException {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("core", keys.getPrivate(), password.toCharArray(), chain());
            try (var out = Files.newOutputStream(file)) {
                ks.store(out, password.toCharArray());
            }
        }
    }

    public static KeyPair keys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** The same as {@link #keys()}. */
    public static KeyPair ecKeys() throws GeneralSecurityException {
        return keys();
    }

    /** A self-signed CA that may sign certificates (not CAs). */
    public static Issued ca(String name) throws Exception {
        KeyPair k = keys();
        X500Name subject = new X500Name("CN=" + name);
        JcaX509v3CertificateBuilder b = builder(subject, subject, k);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(k, sign(b, k), null);
    }

    /**
     * A certificate for 127.0.0.1 and localhost signed by {@code ca}, with no extended key usage: it serves as a
     * server's and as a client's (mutual TLS tests use one kind for both).
     */
    public static Issued leaf(Issued ca, String name) throws Exception {
        KeyPair k = keys();
        JcaX509v3CertificateBuilder b = builder(subjectOf(ca), new X500Name("CN=" + name), k);
        b.addExtension(Extension.subjectAlternativeName, false, localNames());
        return new Issued(k, sign(b, ca.keys), ca.cert);
    }

    /** A server certificate for 127.0.0.1 and localhost (serverAuth), or a client certificate (clientAuth). */
    public static Issued leaf(Issued ca, String name, boolean server) throws Exception {
        KeyPair k = keys();
        JcaX509v3CertificateBuilder b = builder(subjectOf(ca), new X500Name("CN=" + name), k);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth
                : KeyPurposeId.id_kp_clientAuth));
        if (server) {
            b.addExtension(Extension.subjectAlternativeName, false, localNames());
        }
        return new Issued(k, sign(b, ca.keys), ca.cert);
    }

    private static X500Name subjectOf(Issued ca) {
        return new X500Name(ca.cert.getSubjectX500Principal().getName());
    }

    private static GeneralNames localNames() {
        return new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            new GeneralName(GeneralName.dNSName, "localhost")});
    }

    private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair k) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                k.getPublic());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    /** Certificates as one PEM file. */
    public static Path pem(Path file, X509Certificate... certs) throws Exception {
        return writePem(file, (Object[]) certs);
    }

    /** A private key as a PKCS#8 PEM file. */
    public static Path pem(Path file, PrivateKey key) throws IOException {
        return writePem(file, key);
    }

    /** Certificates and keys as one PEM file, private keys as PKCS#8 (as openssl genpkey writes them). */
    public static Path writePem(Path file, Object... objects) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                w.writeObject(o instanceof PrivateKey k ? new JcaPKCS8Generator(k, null) : o);
            }
        }
        Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    /** A client context trusting {@code trusted} (null = the JDK's default CAs), presenting {@code own} if given. */
    public static SSLContext client(X509Certificate trusted, Issued own) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (trusted == null) {
            tmf.init((KeyStore) null);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(own == null ? null : keyManagers(own), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        }
        return own == null ? trustOnly(trusted) : context(own, trusted);
    }

    private static SSLContext trustOnly(X509Certificate trusted) throws GeneralSecurityException, IOException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustManagers(trusted), new SecureRandom());
        return ctx;
    }

    private static SSLContext context(Issued own, X509Certificate peerCa) throws GeneralSecurityException,
            IOException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(keyManagers(own), peerCa == null ? null : trustManagers(peerCa), new SecureRandom());
        return ctx;
    }

    private static javax.net.ssl.KeyManager[] keyManagers(Issued own) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", own.keys.getPrivate(), "pw".toCharArray(), own.chain());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        return kmf.getKeyManagers();
    }

    private static javax.net.ssl.TrustManager[] trustManagers(X509Certificate trusted)
            throws GeneralSecurityException, IOException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return tmf.getTrustManagers();
    }

    /** The SPKI pin {@code sha256/<base64>} of a certificate's public key. */
    public static String spkiPin(X509Certificate cert) throws GeneralSecurityException {
        return "sha256/" + Base64.getEncoder().encodeToString(sha256(cert.getPublicKey().getEncoded()));
    }

    /** The certificate's SHA-256 fingerprint as colon-separated upper-case hex. */
    public static String certPin(X509Certificate cert) throws Exception {
        byte[] h = sha256(cert.getEncoded());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.length; i++) {
            sb.append(i == 0 ? "" : ":").append(String.format("%02X", h[i]));
        }
        return sb.toString();
    }

    private static byte[] sha256(byte[] bytes) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
